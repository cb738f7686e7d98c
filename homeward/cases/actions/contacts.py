from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.audit.actions import record_event
from homeward.cases.actions.common import require_editor, timeline_contact, validate
from homeward.cases.choices import ContactType
from homeward.cases.models import Case, Contact
from homeward.organisations.models import Membership

CALLER_DETAILS = ("caller_name", "caller_phone", "caller_email")
CLOCK_SKEW = timedelta(minutes=5)
"""A call's start may be a few minutes ahead: the operator's and the server's clocks differ."""
FIRST_CONTACT_DAY = date(2007, 2, 15)
"""Commission Decision 2007/116/EC reserved 116 000 for the hotlines that day."""


def log_contact(*, membership: Membership, case: Case | None = None, **fields: Any) -> Contact:
    """Log one contact in one step. Caller details are kept only with the caller's consent."""
    require_editor(membership, case)
    contact = Contact(
        organisation=membership.organisation, case=case, logged_by=membership.user, **fields
    )
    if not contact.caller_consent:
        given = [name for name in CALLER_DETAILS if getattr(contact, name)]
        if given:
            raise ValidationError(
                {name: _("Keep the caller's details only with their consent.") for name in given}
            )
    if contact.started_at is not None and contact.started_at > timezone.now() + CLOCK_SKEW:
        raise ValidationError({"started_at": _("This time is in the future.")})
    if contact.started_at is not None and contact.started_at < contact.organisation.day_start(
        FIRST_CONTACT_DAY
    ):
        raise ValidationError(
            {
                "started_at": _(
                    "A contact cannot start before %(day)s, when the 116 000 number was reserved."
                )
                % {"day": FIRST_CONTACT_DAY.isoformat()}
            }
        )
    if contact.contact_type == ContactType.EXISTING_CASE and case is None:
        raise ValidationError(
            {"contact_type": _("Say which case this contact is about, or choose another kind.")}
        )
    validate(contact, exclude=["organisation", "case", "logged_by"])  # set here, not input
    with transaction.atomic():
        contact.save(force_insert=True)
        record_event(
            actor=membership.user,
            organisation=membership.organisation,
            action="cases.contact.create",
            target=contact,
            fields=sorted(fields) + (["case"] if case else []),
        )
        if case is not None:
            timeline_contact(case, contact, actor=membership.user)
    return contact


def link_contact(*, membership: Membership, contact: Contact, case: Case) -> None:
    """Attach a contact that has no case yet to one of the hotline's cases (a "new case" whose
    case was opened some other way, or that turned out to be about a known case); it joins that
    case's timeline."""
    require_editor(membership, contact)
    require_editor(membership, case)
    if contact.case_id is not None:
        raise ValidationError({"case": _("This contact is already linked to a case.")})
    with transaction.atomic():
        Contact.objects.filter(pk=contact.pk).update(case=case)
        contact.case = case
        record_event(
            actor=membership.user,
            organisation=membership.organisation,
            action="cases.contact.update",
            target=contact,
            fields=["case"],
        )
        timeline_contact(case, contact, actor=membership.user)


RETYPES = tuple(
    t for t in ContactType if t not in (ContactType.NEW_CASE, ContactType.EXISTING_CASE)
)
"""What a "new case" contact without a case may turn out to have been about."""


def retype_contact(*, membership: Membership, contact: Contact, contact_type: str) -> None:
    """Say what a contact logged as a new case, with no case opened, was about after all."""
    require_editor(membership, contact)
    if contact.case_id is not None or contact.contact_type != ContactType.NEW_CASE:
        raise ValidationError(
            {"contact_type": _("Only a new-case contact without a case can change its kind.")}
        )
    if contact_type not in RETYPES:
        raise ValidationError({"contact_type": _("Choose what the contact was about.")})
    with transaction.atomic():
        Contact.objects.filter(pk=contact.pk).update(contact_type=contact_type)
        contact.contact_type = contact_type
        record_event(
            actor=membership.user,
            organisation=membership.organisation,
            action="cases.contact.update",
            target=contact,
            fields=["contact_type"],
        )
