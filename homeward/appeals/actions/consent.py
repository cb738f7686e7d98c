"""Consent to an appeal: the guardian's, the police's where the hotline's policy requires it,
and the child's own view from the policy's age. Each answer is a record of its own (who, in
what capacity, how, when); the latest answer of a party is the one that counts. A refusal or a
withdrawal while the appeal is published takes it down at once, in the same transaction."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.appeals.actions.common import audit, locked, on_timeline
from homeward.appeals.actions.takedown import take_down
from homeward.appeals.choices import Answer, EndReason, How, Party, State
from homeward.appeals.models import Appeal, Consent
from homeward.appeals.rules import NOTE_LIMIT
from homeward.organisations.access import require_permission
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission

# a watch a little ahead of the server's clock is not a consent from the future
CLOCK_MARGIN = timedelta(minutes=5)


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
    if len(note.strip()) > NOTE_LIMIT:
        raise ValidationError({"note": _("At most %(n)d characters.") % {"n": NOTE_LIMIT}})
    if given_at > timezone.now() + CLOCK_MARGIN:
        raise ValidationError({"given_at": _("This time is in the future.")})
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
    on_timeline(row, "appeal_consent", membership, party=party, answer=answer)
    if row.state == State.PUBLISHED and answer in (Answer.REFUSED, Answer.WITHDRAWN):
        take_down(row, EndReason.CONSENT_WITHDRAWN, membership=membership)
    return consent
