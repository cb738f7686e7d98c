"""Prevention pages: written and verified by the network office (MANAGE_NETWORK), one per
country, language and audience; a yearly reminder when a page was last verified a year ago."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.directories.access import VERIFY_EVERY, entries_due, locate_entry
from homeward.directories.actions.common import audit, clean_country, page_language, required
from homeward.directories.choices import Audience
from homeward.directories.models import PreventionEntry
from homeward.organisations.access import require_permission
from homeward.organisations.models import Membership
from homeward.organisations.roles import OrganisationKind, Permission, Role, permissions_of


@dataclass
class Facts:
    country: str
    language: str
    audience: str
    what_you_can_do: str
    hague_in_force: bool = False
    hague_partners: str = ""
    brussels_iib: bool = False
    authority_name: str = ""
    authority_address: str = ""
    authority_phone: str = ""
    authority_email: str = ""
    authority_website: str = ""
    mediation_contact: str = ""
    hotline_number: str = "116 000"


def _clean_facts(facts: Facts) -> Facts:
    if facts.audience not in Audience.values:
        raise ValidationError({"audience": _("Choose parents or children and young people.")})
    email = facts.authority_email.strip().lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError({"authority_email": _("Enter a valid e-mail address.")}) from None
    website = facts.authority_website.strip()
    if website:
        try:
            URLValidator(schemes=["https", "http"])(website)
        except ValidationError:
            raise ValidationError(
                {"authority_website": _("Enter a web address starting with https://.")}
            ) from None
    return Facts(
        country=clean_country(facts.country),
        language=page_language(facts.language),
        audience=facts.audience,
        what_you_can_do=required(facts.what_you_can_do, "what_you_can_do", 20_000),
        hague_in_force=facts.hague_in_force,
        hague_partners=facts.hague_partners.strip()[:4000],
        brussels_iib=facts.brussels_iib,
        authority_name=facts.authority_name.strip()[:200],
        authority_address=facts.authority_address.strip()[:1000],
        authority_phone=facts.authority_phone.strip()[:40],
        authority_email=email,
        authority_website=website,
        mediation_contact=facts.mediation_contact.strip()[:2000],
        hotline_number=required(facts.hotline_number, "hotline_number", 40),
    )


def _verified_by(membership: Membership) -> str:
    user = membership.user
    return f"{user.get_full_name() or user.email} ({membership.organisation.name})"


@transaction.atomic
def save_entry(
    *, membership: Membership, facts: Facts, entry_id: int | None = None
) -> PreventionEntry:
    """A new version, or an edit of one; saving is verifying: today, by the editor."""
    require_permission(membership, Permission.MANAGE_NETWORK)
    cleaned = _clean_facts(facts)
    values = {f.name: getattr(cleaned, f.name) for f in fields(Facts)}
    clash = PreventionEntry.objects.filter(
        country=cleaned.country, language=cleaned.language, audience=cleaned.audience
    )
    if entry_id is not None:
        entry = PreventionEntry.objects.select_for_update().get(
            pk=locate_entry(membership, entry_id).pk
        )
        clash = clash.exclude(pk=entry.pk)
    else:
        entry = PreventionEntry()
    if clash.exists():
        raise ValidationError(
            {"language": _("This country already has a page in this language for this audience.")}
        )
    for name, value in values.items():
        setattr(entry, name, value)
    entry.verified_on = timezone.localdate()
    entry.verified_by = _verified_by(membership)
    entry.save()
    audit(membership, "prevention.save", entry, [*values, "verified_on", "verified_by"])
    return entry


@transaction.atomic
def verify_entry(*, membership: Membership, entry_id: int) -> PreventionEntry:
    """The facts were checked against the sources and still hold: verified today."""
    require_permission(membership, Permission.MANAGE_NETWORK)
    entry = PreventionEntry.objects.select_for_update().get(
        pk=locate_entry(membership, entry_id).pk
    )
    entry.verified_on = timezone.localdate()
    entry.verified_by = _verified_by(membership)
    entry.save()
    audit(membership, "prevention.verify", entry, ["verified_on", "verified_by"])
    return entry


def _network_office_emails() -> list[str]:
    roles = [role for role in Role if Permission.MANAGE_NETWORK in permissions_of(role)]
    return sorted(
        set(
            Membership.objects.filter(
                is_active=True, role__in=roles, organisation__is_active=True,
                organisation__kind=OrganisationKind.NETWORK_OFFICE,
            ).values_list("user__email", flat=True)
        )
    )  # fmt: skip


@transaction.atomic
def remind_due(today: date | None = None) -> int:
    """The clock's yearly reminder: every page verified a year ago or more, not yet reminded
    since it fell due, is listed in one e-mail to the network office. Returns how many."""
    today = today or timezone.localdate()
    due = [
        entry for entry in entries_due(today).select_for_update()
        if entry.reminded_on is None or entry.reminded_on < entry.verified_on + VERIFY_EVERY
    ]  # fmt: skip
    if not due:
        return 0
    lines = "\n".join(
        f"- {e.country} {e.get_audience_display()} ({e.language}): {e.verified_on}" for e in due
    )
    message = _(
        "These prevention pages were last verified a year ago or more. Check their facts "
        "against the sources and mark them verified:\n\n%(lines)s"
    ) % {"lines": lines}
    recipients = _network_office_emails()
    for entry in due:
        entry.reminded_on = today
        entry.save(update_fields=["reminded_on"])
        audit(None, "prevention.remind", entry, ["reminded_on"])
    if recipients:
        transaction.on_commit(
            lambda: send_mail(
                _("Prevention pages to verify"), message, None, recipients, fail_silently=True
            )
        )
    return len(due)
