"""Services for children in migration: submitted by anyone through the public form, published,
rejected or withdrawn by an admin of a hotline organisation of the service's country."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.directories.access import locate_service
from homeward.directories.actions.common import (
    audit,
    clean_country,
    clean_languages,
    page_language,
    required,
)
from homeward.directories.choices import PUBLISHABLE, REJECTABLE, WITHDRAWABLE, ServiceKind, State
from homeward.directories.models import Provider, Service, ServiceTranslation
from homeward.organisations.access import require_permission
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission

SUBMITTED_FIELDS = (
    "name", "description", "kinds", "languages", "country", "city", "address", "phone",
    "email", "url", "provider",
)  # fmt: skip


@dataclass
class Submission:
    """What the public form and the API take; checked field by field by `clean`."""

    organization: str
    name: str
    description: str
    language: str
    kinds: list[str]
    languages: list[str]
    country: str
    city: str
    submitter_email: str
    address: str = ""
    service_area: str = ""
    eligibility_description: str = ""
    minimum_age: int | None = None
    maximum_age: int | None = None
    interpretation_services: str = ""
    free: bool = True
    fees_description: str = ""
    schedule: str = ""
    phone: str = ""
    email: str = ""
    url: str = ""
    organization_url: str = ""
    translations: dict[str, tuple[str, str]] = field(default_factory=dict)


def _email(value: str, name: str, *, needed: bool = False) -> str:
    value = value.strip().lower()
    if not value and not needed:
        return ""
    try:
        validate_email(value)
    except ValidationError:
        raise ValidationError({name: _("Enter a valid e-mail address.")}) from None
    return value


def _url(value: str, name: str) -> str:
    value = value.strip()
    if not value:
        return ""
    try:
        URLValidator(schemes=["https", "http"])(value)
    except ValidationError:
        raise ValidationError({name: _("Enter a web address starting with https://.")}) from None
    return value


def _kinds(values: Iterable[str]) -> list[str]:
    kinds = [v for v in dict.fromkeys(values) if v]
    if not kinds or any(k not in ServiceKind.values for k in kinds):
        raise ValidationError({"kinds": _("Choose one or more kinds of service from the list.")})
    return kinds


def _ages(minimum: int | None, maximum: int | None) -> None:
    for name, age in (("minimum_age", minimum), ("maximum_age", maximum)):
        if age is not None and not 0 <= age <= 25:
            raise ValidationError({name: _("An age between 0 and 25.")})
    if minimum is not None and maximum is not None and minimum > maximum:
        raise ValidationError({"maximum_age": _("The maximum age is below the minimum age.")})


def _clean(data: Submission) -> Submission:
    """Every field checked before anything is written; the first wrong one is named."""
    _ages(data.minimum_age, data.maximum_age)
    cleaned = Submission(
        organization=required(data.organization, "organization", 200),
        name=required(data.name, "name", 200),
        description=required(data.description, "description", 4000),
        language=page_language(data.language),
        kinds=_kinds(data.kinds),
        languages=clean_languages(data.languages),
        country=clean_country(data.country),
        city=required(data.city, "city", 100),
        submitter_email=_email(data.submitter_email, "submitter_email", needed=True),
        address=data.address.strip()[:200],
        service_area=data.service_area.strip()[:200],
        eligibility_description=data.eligibility_description.strip()[:2000],
        minimum_age=data.minimum_age,
        maximum_age=data.maximum_age,
        interpretation_services=data.interpretation_services.strip()[:200],
        free=data.free,
        fees_description=data.fees_description.strip()[:200],
        schedule=data.schedule.strip()[:200],
        phone=data.phone.strip()[:40],
        email=_email(data.email, "email"),
        url=_url(data.url, "url"),
        organization_url=_url(data.organization_url, "organization_url"),
    )
    for language, (name, description) in data.translations.items():
        code = page_language(language, "translations")
        cleaned.translations[code] = (
            required(name, "translations", 200),
            required(description, "translations", 4000),
        )
    return cleaned


def _bars(values: Iterable[str]) -> str:
    return "|" + "|".join(values) + "|"


def _new_service(data: Submission, state: str = State.SUBMITTED) -> Service:
    """The rows of a checked submission (no audit: its caller records the event)."""
    provider, _created = Provider.objects.get_or_create(
        name=data.organization, defaults={"website": data.organization_url}
    )
    service = Service.objects.create(
        provider=provider, name=data.name, description=data.description,
        language=data.language, kinds=_bars(data.kinds), languages=_bars(data.languages),
        state=state, eligibility_description=data.eligibility_description,
        minimum_age=data.minimum_age, maximum_age=data.maximum_age,
        interpretation_services=data.interpretation_services, free=data.free,
        fees_description=data.fees_description, schedule=data.schedule, country=data.country,
        city=data.city, address=data.address, service_area=data.service_area, phone=data.phone,
        email=data.email, url=data.url, submitter_email=data.submitter_email,
    )  # fmt: skip
    ServiceTranslation.objects.bulk_create(
        ServiceTranslation(service=service, language=code, name=name, description=text)
        for code, (name, text) in data.translations.items()
    )
    return service


@transaction.atomic
def submit_service(data: Submission) -> Service:
    """Anyone (no account) submits a service; it waits for moderation, unseen by the public."""
    service = _new_service(_clean(data))
    audit(None, "service.submit", service, SUBMITTED_FIELDS)
    return service


def _moderate(membership: Membership, service_id: int, allowed: Iterable[str]) -> Service:
    require_permission(membership, Permission.MANAGE_SETTINGS)
    located = locate_service(membership, service_id)
    service = Service.objects.select_for_update().get(pk=located.pk)
    if service.state not in allowed:
        raise ValidationError(
            {"state": _("Not possible while the service is “%(state)s”.")
             % {"state": service.get_state_display()}}
        )  # fmt: skip
    service.moderated_by = membership.user
    return service


@transaction.atomic
def publish_service(*, membership: Membership, service_id: int) -> Service:
    """Published: the moderator assures its content today, in her name."""
    service = _moderate(membership, service_id, PUBLISHABLE)
    service.state = State.PUBLISHED
    service.assured_date = timezone.localdate()
    service.assurer_email = membership.user.email
    service.moderation_note = ""
    service.save()
    audit(membership, "service.publish", service, ["state", "assured_date", "assurer_email"])
    return service


@transaction.atomic
def reject_service(*, membership: Membership, service_id: int, reason: str) -> Service:
    service = _moderate(membership, service_id, REJECTABLE)
    service.moderation_note = required(reason, "reason", 300)
    service.state = State.REJECTED
    service.save()
    audit(membership, "service.reject", service, ["state", "moderation_note"])
    return service


@transaction.atomic
def withdraw_service(*, membership: Membership, service_id: int, reason: str) -> Service:
    """Out of the public directory at once (closed, moved, no longer trusted)."""
    service = _moderate(membership, service_id, WITHDRAWABLE)
    service.moderation_note = required(reason, "reason", 300)
    service.state = State.WITHDRAWN
    service.save()
    audit(membership, "service.withdraw", service, ["state", "moderation_note"])
    return service
