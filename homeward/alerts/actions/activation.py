"""The competent authority's decision, recorded (Homeward never activates an alert on its own),
and the changes to an active alert. Each publishes its CAP message in the same transaction."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries as country_list

from homeward.alerts.actions.common import audit, locked_active, timeline
from homeward.alerts.actions.publication import publish
from homeward.alerts.choices import (
    MAX_DURATION_HOURS,
    AuthorityKind,
    CapCertainty,
    CapSeverity,
    CapUrgency,
    MsgType,
)
from homeward.alerts.models import Alert, AlertAssessment, AlertSequence
from homeward.alerts.text import checked_text
from homeward.cases.models import Case
from homeward.core.images import clean_image
from homeward.core.references import next_number, prefix
from homeward.core.storage import public_storage
from homeward.organisations.access import require_own, require_permission
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission

REGION = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
# the number goes into tel: links and CAP's contact: digits and the usual separators only
NUMBER = re.compile(r"^(?=.*[0-9])[0-9 +()-]+$")
TEXT_FIELDS = ("headline", "description", "instruction")


@dataclass
class Publication:
    """What the alert publishes and where, and for how long (all the authority authorised)."""

    countries: list[str]
    duration_hours: int
    headline: str
    description: str
    instruction: str
    hotline_number: str
    regions: list[str] = field(default_factory=list)
    urgency: str = CapUrgency.IMMEDIATE
    severity: str = CapSeverity.SEVERE
    certainty: str = CapCertainty.LIKELY
    translations: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


def _required(value: str, name: str, message: str) -> str:
    return checked_text(value, name, required=message)


def _scope(countries: Iterable[str], regions: Iterable[str]) -> tuple[list[str], list[str]]:
    """The countries and regions, every wrong code named at once (not only the first)."""
    chosen = list(dict.fromkeys(c.strip().upper() for c in countries if c.strip()))
    if not chosen:
        raise ValidationError({"countries": _("Choose the countries the alert covers.")})
    places = list(dict.fromkeys(r.strip().upper() for r in regions if r.strip()))
    errors = {}
    wrong = [code for code in chosen if code not in dict(country_list)]
    if wrong:
        errors["countries"] = _("Not country codes (ISO 3166-1): %(codes)s.") % {
            "codes": ", ".join(wrong)
        }
    wrong = [code for code in places if not REGION.match(code) or code[:2] not in chosen]
    if wrong:
        errors["regions"] = _("Not region codes (ISO 3166-2) of a chosen country: %(codes)s.") % {
            "codes": ", ".join(wrong)
        }
    if errors:
        raise ValidationError(errors)
    return chosen, places


def _number(value: str) -> str:
    number = _required(value, "hotline_number", _("Give the number to call."))
    if not NUMBER.match(number):
        raise ValidationError({"hotline_number": _(
            "Give only the number: digits, spaces, +, -, ( and )."
        )})  # fmt: skip
    return number


def _no_reference(publication: Publication, reference: str) -> None:
    """The case's reference is the hotline's, never the public's: a text that names it is
    refused on its field."""
    texts = [(name, getattr(publication, name)) for name in TEXT_FIELDS]
    texts += [("translations", str(text.get(name, "")))
              for text in publication.translations.values() for name in TEXT_FIELDS]  # fmt: skip
    for name, text in texts:
        if reference and reference.casefold() in text.casefold():
            raise ValidationError({name: _(
                "Remove the case reference %(reference)s: it is never published."
            ) % {"reference": reference}})  # fmt: skip


def _checked(publication: Publication, case: Case) -> Publication:
    _no_reference(publication, case.reference)
    countries, regions = _scope(publication.countries, publication.regions)
    if not 1 <= publication.duration_hours <= MAX_DURATION_HOURS:
        raise ValidationError({"duration_hours": _("Give a duration from 1 to %(max)s hours.")
                               % {"max": MAX_DURATION_HOURS}})  # fmt: skip
    for name, values in (
        ("urgency", CapUrgency.values),
        ("severity", CapSeverity.values),
        ("certainty", CapCertainty.values),
    ):
        if getattr(publication, name) not in values:
            raise ValidationError({name: _("Choose one of the values listed.")})
    translations = {}
    for language, text in publication.translations.items():
        if language == "en" or not re.match(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", language):
            raise ValidationError({"translations": _("%(code)s is not a language to add.")
                                   % {"code": language}})  # fmt: skip
        translations[language] = {
            k: checked_text(str(text.get(k, "")), "translations", limit=k) for k in TEXT_FIELDS
        }
    return Publication(
        countries=countries,
        regions=regions,
        duration_hours=publication.duration_hours,
        headline=_required(publication.headline, "headline", _("Give the headline.")),
        description=_required(
            publication.description, "description", _("Describe the child and the circumstances.")
        ),
        instruction=_required(
            publication.instruction, "instruction", _("Say what the public should do.")
        ),
        hotline_number=_number(publication.hotline_number),
        urgency=publication.urgency,
        severity=publication.severity,
        certainty=publication.certainty,
        translations=translations,
    )


def _apply(alert: Alert, publication: Publication, *, activation: bool = False) -> None:
    for name in ("countries", "regions", "duration_hours", "urgency", "severity", "certainty",
                 "headline", "description", "instruction", "hotline_number"):  # fmt: skip
        setattr(alert, name, getattr(publication, name))
    alert.translations = dict(publication.translations)
    alert.expires_at = alert.decided_at + timedelta(hours=publication.duration_hours)
    if alert.expires_at <= timezone.now() and activation:
        # the time of the decision is what the supervisor typed wrong, or it is too old
        raise ValidationError({"decided_at": _(
            "This decision is too long ago for the alert to still run: check the date and time."
        )})  # fmt: skip
    if alert.expires_at <= timezone.now():
        raise ValidationError(
            {"duration_hours": _("With this duration the alert is already over.")}
        )


def _child_photo(membership: Membership, case: Case) -> UploadedFile:
    require_permission(membership, Permission.VIEW_PHOTOS)
    link = case.case_children.select_related("child").exclude(child__photo="").first()
    if link is None:
        raise ValidationError({"photo": _("No child of this case has a photo.")})
    with link.child.photo.open("rb") as source:
        return SimpleUploadedFile("photo.jpg", source.read(), content_type="image/jpeg")


def _store_photo(alert: Alert, upload: UploadedFile) -> None:
    content = clean_image(upload, field="photo")
    data = content.read()
    alert.photo.save(f"{alert.public_id}.jpg", ContentFile(data), save=False)
    alert.photo_sha1 = hashlib.sha1(data, usedforsecurity=False).hexdigest()
    alert.photo_size = len(data)


def record_activation(
    *,
    membership: Membership,
    assessment: AlertAssessment,
    authority_kind: str,
    authority_name: str,
    decided_by: str,
    decided_at: datetime | None,
    grounds: str,
    publication: Publication,
    photo: UploadedFile | None = None,
    photo_from_case: bool = False,
) -> Alert:
    """Records the authority's decision to activate an alert and publishes its CAP Alert. Every
    part of the decision is required: who decided, when, on what grounds, where and how long."""
    require_permission(membership, Permission.APPROVE)
    require_own(membership, assessment.organisation_id, "assessment")
    case = assessment.case
    if authority_kind not in AuthorityKind.values:
        raise ValidationError({"authority_kind": _("Choose the competent authority.")})
    name = _required(authority_name, "authority_name", _("Name the authority that decided."))
    official = _required(
        decided_by, "decided_by", _("Give the name and function of the official who decided.")
    )
    reasons = _required(grounds, "grounds", _("Give the grounds of the decision."))
    if decided_at is None:
        raise ValidationError({"decided_at": _("Give the time of the decision.")})
    if decided_at > timezone.now() + timedelta(minutes=5):
        raise ValidationError({"decided_at": _("The decision cannot be in the future.")})
    checked = _checked(publication, case)
    upload = photo or (_child_photo(membership, case) if photo_from_case else None)
    if case.alerts.filter(state="active").exists():
        raise ValidationError({"case": _("This case already has an active alert: update it.")})
    alert = Alert(
        organisation=membership.organisation, case=case, assessment=assessment,
        authority_kind=authority_kind, authority_name=name, decided_by=official,
        decided_at=decided_at, grounds=reasons, recorded_by=membership.user,
    )  # fmt: skip
    _apply(alert, checked, activation=True)
    try:
        with transaction.atomic():
            year = timezone.localdate().year
            number = next_number(AlertSequence, organisation=membership.organisation, year=year)
            alert.reference = f"{prefix(membership.organisation)}-{year}-{number:04d}"
            if upload is not None:
                _store_photo(alert, upload)
            alert.save()
            publish(alert, MsgType.ALERT, membership)
            audit(membership, "alert.activation", alert, [
                "authority_kind", "authority_name", "decided_by", "decided_at", "grounds",
                "countries", "regions", "duration_hours", "content", "photo",
            ])  # fmt: skip
            timeline(case, membership, "alert_activated", {
                "ref": alert.reference, "authority": name, "until": alert.expires_at.isoformat(),
            })  # fmt: skip
    except BaseException:
        if alert.photo:  # nothing was published: the copy leaves public storage with the rest
            public_storage().delete(alert.photo.name)
        raise
    return alert


def update_alert(*, membership: Membership, alert: Alert, publication: Publication) -> Alert:
    """A change the authority authorised (content, scope, duration): an Update naming every
    earlier message."""
    require_permission(membership, Permission.APPROVE)
    checked = _checked(publication, alert.case)
    with transaction.atomic():
        alert = locked_active(membership, alert)
        _apply(alert, checked)
        alert.save()
        publish(alert, MsgType.UPDATE, membership)
        audit(membership, "alert.update", alert, ["content", "scope", "duration_hours"])
        timeline(alert.case, membership, "alert_updated", {"ref": alert.reference})
    return alert
