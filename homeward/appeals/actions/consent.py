"""Consent to an appeal: the guardian's, the police's where the hotline's policy requires it,
and the child's own view from the policy's age. Each answer is a record of its own (who, in
what capacity, how, when); the latest answer of a party is the one that counts. A refusal or a
withdrawal while the appeal is published takes it down at once, in the same transaction."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from homeward.appeals.actions.common import audit, locked
from homeward.appeals.actions.takedown import take_down
from homeward.appeals.choices import Answer, EndReason, How, Party, State
from homeward.appeals.models import Appeal, AppealPolicy, Consent
from homeward.organisations.access import require_permission
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission


def latest_answers(appeal: Appeal) -> dict[str, str]:
    """Each party's latest answer."""
    answers: dict[str, str] = {}
    for consent in Consent.objects.filter(appeal=appeal).order_by("given_at", "pk"):
        answers[consent.party] = consent.answer
    return answers


def child_view_needed(appeal: Appeal, policy: AppealPolicy) -> bool:
    return appeal.age is not None and appeal.age >= policy.child_view_from_age


def what_is_missing(appeal: Appeal, policy: AppealPolicy) -> list[str]:
    """Why the appeal cannot be published yet, one sentence each (empty: it can)."""
    answers = latest_answers(appeal)
    missing: list[str] = []
    guardian = answers.get(Party.GUARDIAN)
    if guardian == Answer.REFUSED:
        missing.append(_("The parent or guardian refused."))
    elif guardian != Answer.GIVEN:
        missing.append(_("The consent of the parent or guardian is not recorded."))
    if policy.police_consent_required and answers.get(Party.POLICE) != Answer.GIVEN:
        missing.append(_("Your hotline's policy requires the police's consent: not recorded."))
    child = answers.get(Party.CHILD)
    if child == Answer.REFUSED:
        missing.append(_("The child does not want the appeal."))
    elif child_view_needed(appeal, policy) and child != Answer.GIVEN:
        missing.append(
            _("The child is %(age)d: their view is asked from %(from)d, and is not recorded.")
            % {"age": appeal.age, "from": policy.child_view_from_age}
        )
    return missing


@transaction.atomic
def record_consent(
    *,
    membership: Membership,
    appeal: Appeal,
    party: str,
    answer: str,
    name: str,
    how: str,
    given_at: datetime,
    capacity: str = "",
    note: str = "",
) -> Consent:
    require_permission(membership, Permission.EDIT_CASES)
    row = locked(membership, appeal, [State.DRAFT, State.PUBLISHED])
    for field, value, choices in (
        ("party", party, Party.values),
        ("answer", answer, Answer.values),
        ("how", how, How.values),
    ):
        if value not in choices:
            raise ValidationError({field: _("Choose one of the options.")})
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Whose answer is it? Give the person's name.")})
    if len(name) > 200 or len(capacity) > 200:
        raise ValidationError(
            {"name" if len(name) > 200 else "capacity": _("At most 200 characters.")}
        )
    consent = Consent.objects.create(
        appeal=row,
        party=party,
        answer=answer,
        name=name,
        capacity=capacity.strip(),
        how=how,
        given_at=given_at,
        recorded_by=membership.user,
        note=note.strip(),
    )
    audit(membership, f"consent.{answer}", consent, ["party", "answer", "name", "capacity", "how"])
    if row.state == State.PUBLISHED and answer in (Answer.REFUSED, Answer.WITHDRAWN):
        take_down(row, EndReason.CONSENT_WITHDRAWN, membership=membership)
    return consent
