"""A mediator's profile: she writes and submits it, the network's manager verifies and
publishes it, can unpublish it, and every year the mediator re-confirms it. A published profile
not re-confirmed a year after its last confirmation gets a reminder; once the grace period
(setting MEDIATOR_RECONFIRM_GRACE_DAYS) has passed too, it is "not re-confirmed" and gone from
every public place until she re-confirms."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.mediators.actions.common import (
    audit,
    clean_countries,
    clean_languages,
    locked_mediator,
)
from homeward.mediators.choices import Background, Gender, Level, ProfileState, Specialisation
from homeward.mediators.models import Mediator, MediatorCountry, MediatorLanguage
from homeward.organisations.access import require_permission
from homeward.organisations.models import Membership, Organisation
from homeward.organisations.roles import Permission

MINIMUM_TRAINING_HOURS = 50
REMIND_AFTER = timedelta(days=365)
S = ProfileState


@dataclass
class ProfileData:
    full_name: str
    gender: str
    background: str
    profession: str
    languages: Sequence[tuple[str, str]]  # (BCP 47 tag, level)
    practice_countries: Sequence[str]
    other_countries: Sequence[str] = ()
    specialisations: Sequence[str] = ()
    cities: str = ""
    network_training: bool = False
    training_hours: int = 0
    training_year: int | None = None
    accreditations: str = ""
    urgent: bool = False
    travels: bool = False
    online: bool = False
    fees: str = ""
    biographies: dict[str, str] = field(default_factory=dict)
    email: str = ""
    phone: str = ""
    website: str = ""


def _check(data: ProfileData) -> None:
    if not data.full_name.strip():
        raise ValidationError({"full_name": _("Enter the name.")})
    for name, value, choices in (
        ("gender", data.gender, Gender.values),
        ("background", data.background, Background.values),
    ):
        if value not in choices:
            raise ValidationError({name: _("Choose one of the options.")})
    if not data.profession.strip():
        raise ValidationError({"profession": _("Enter the profession.")})
    if any(code not in Specialisation.values for code in data.specialisations):
        raise ValidationError({"specialisations": _("Choose one of the options.")})
    if any(level not in Level.values for _tag, level in data.languages):
        raise ValidationError({"languages": _("Choose a level for each language.")})
    if not clean_countries(data.practice_countries, "practice_countries"):
        raise ValidationError({"practice_countries": _("Name at least one country.")})
    for tag in data.biographies:
        clean_languages([tag], "biographies")


def _write(mediator: Mediator, data: ProfileData) -> None:
    for name in (
        "full_name",
        "gender",
        "background",
        "profession",
        "cities",
        "network_training",
        "training_hours",
        "training_year",
        "accreditations",
        "urgent",
        "travels",
        "online",
        "fees",
        "email",
        "phone",
        "website",
    ):
        value = getattr(data, name)
        setattr(mediator, name, value.strip() if isinstance(value, str) else value)
    mediator.specialisations = list(dict.fromkeys(data.specialisations))
    mediator.biographies = {
        clean_languages([tag], "biographies")[0]: text.strip()
        for tag, text in data.biographies.items()
        if text.strip()
    }
    mediator.full_clean(exclude=["organisation", "user", "public_id", "state"])
    mediator.save()


def _children(
    mediator: Mediator, data: ProfileData
) -> tuple[list[MediatorLanguage], list[MediatorCountry]]:
    tags = clean_languages([tag for tag, _level in data.languages], "languages")
    levels = {tag.strip().lower().replace("_", "-"): level for tag, level in data.languages}
    practice = clean_countries(data.practice_countries, "practice_countries")
    other = [
        c for c in clean_countries(data.other_countries, "other_countries") if c not in practice
    ]
    return (
        [MediatorLanguage(mediator=mediator, language=t, level=levels[t]) for t in tags],
        [MediatorCountry(mediator=mediator, country=c, practises=True) for c in practice]
        + [MediatorCountry(mediator=mediator, country=c, practises=False) for c in other],
    )


@transaction.atomic
def save_profile(*, membership: Membership, data: ProfileData) -> Mediator:
    """The mediator writes her own profile (created on the first save, as a draft). Editing a
    published profile sends it back for verification, hidden meanwhile."""
    require_permission(membership, Permission.MEDIATE)
    _check(data)
    mediator = (
        Mediator.objects.select_for_update()
        .filter(user=membership.user, organisation=membership.organisation)
        .first()
    ) or Mediator(user=membership.user, organisation=membership.organisation)
    created = mediator.pk is None
    # What the manager verified is no longer what would be shown: the edited profile leaves
    # the public directory until she verifies and publishes it again.
    back_to_verification = mediator.state in (S.PUBLISHED, S.LAPSED)
    if back_to_verification:
        mediator.state = S.SUBMITTED
    _write(mediator, data)
    languages, countries = _children(mediator, data)
    mediator.languages.all().delete()
    mediator.countries.all().delete()
    MediatorLanguage.objects.bulk_create(languages)
    MediatorCountry.objects.bulk_create(countries)
    audit(
        membership,
        "profile.create" if created else "profile.edit",
        mediator,
        ["profile", "languages", "countries", *(["state"] if back_to_verification else [])],
    )
    return mediator


@transaction.atomic
def submit_profile(*, membership: Membership) -> Mediator:
    """The mediator asks the network to verify and publish her profile."""
    require_permission(membership, Permission.MEDIATE)
    own = Mediator.objects.filter(user=membership.user, organisation=membership.organisation)
    profile = own.first()
    if profile is None:
        raise ValidationError({"profile": _("Write your profile first.")})
    row = locked_mediator(membership, profile, [S.DRAFT, S.UNPUBLISHED])
    row.state = S.SUBMITTED
    row.save(update_fields=["state", "updated_at"])
    audit(membership, "profile.submit", row, ["state"])
    return row


@transaction.atomic
def publish_profile(
    *, membership: Membership, mediator: Mediator, now: datetime | None = None
) -> Mediator:
    """The manager has verified the training and publishes the profile; it counts as
    confirmed now."""
    require_permission(membership, Permission.MANAGE_MEDIATORS)
    row = locked_mediator(membership, mediator, [S.SUBMITTED, S.UNPUBLISHED, S.LAPSED])
    if row.training_hours < MINIMUM_TRAINING_HOURS:
        raise ValidationError(
            {
                "training_hours": _(
                    "Publishing needs at least %(hours)s hours of training "
                    "in bi-national co-mediation."
                )
                % {"hours": MINIMUM_TRAINING_HOURS}
            }
        )
    moment = now or timezone.now()
    row.state = S.PUBLISHED
    row.published_at = row.confirmed_at = moment
    row.reminded_at = None
    row.save(update_fields=["state", "published_at", "confirmed_at", "reminded_at", "updated_at"])
    audit(membership, "profile.publish", row, ["state"])
    return row


@transaction.atomic
def unpublish_profile(*, membership: Membership, mediator: Mediator) -> Mediator:
    require_permission(membership, Permission.MANAGE_MEDIATORS)
    row = locked_mediator(membership, mediator, [S.SUBMITTED, S.PUBLISHED, S.LAPSED])
    row.state = S.UNPUBLISHED
    row.save(update_fields=["state", "updated_at"])
    audit(membership, "profile.unpublish", row, ["state"])
    return row


@transaction.atomic
def reconfirm_profile(*, membership: Membership, now: datetime | None = None) -> Mediator:
    """The mediator confirms her profile is still right: published again if it had lapsed."""
    require_permission(membership, Permission.MEDIATE)
    own = Mediator.objects.filter(user=membership.user, organisation=membership.organisation)
    profile = own.first()
    if profile is None:
        raise ValidationError({"profile": _("Write your profile first.")})
    row = locked_mediator(membership, profile, [S.PUBLISHED, S.LAPSED])
    row.state = S.PUBLISHED
    row.confirmed_at = now or timezone.now()
    row.reminded_at = None
    row.save(update_fields=["state", "confirmed_at", "reminded_at", "updated_at"])
    audit(membership, "profile.reconfirm", row, ["state", "confirmed_at"])
    return row


def _remind(mediator: Mediator) -> None:
    if mediator.email:
        send_mail(
            _("Please re-confirm your mediator profile"),
            _(
                "Your profile in the cross-border family mediator directory was last confirmed "
                "a year ago. Sign in and re-confirm it within %(days)s days, or it will be "
                "hidden."
            )
            % {"days": settings.MEDIATOR_RECONFIRM_GRACE_DAYS},
            None,
            [mediator.email],
        )


def sweep_reconfirmations(now: datetime | None = None) -> tuple[int, int]:
    """The yearly re-confirmation (periodic): reminds the profiles confirmed a year ago, and
    marks "not re-confirmed" those reminded longer ago than the grace period. Returns
    (reminded, lapsed)."""
    moment = now or timezone.now()
    grace = timedelta(days=settings.MEDIATOR_RECONFIRM_GRACE_DAYS)
    reminded = lapsed = 0
    due = Mediator.objects.filter(
        state=S.PUBLISHED, reminded_at__isnull=True, confirmed_at__lte=moment - REMIND_AFTER
    )
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            row = Mediator.objects.select_for_update().get(pk=pk)
            if row.state != S.PUBLISHED or row.reminded_at is not None:
                continue
            row.reminded_at = moment
            row.save(update_fields=["reminded_at"])
            audit(None, "profile.remind", row, ["reminded_at"], organisation=row.organisation)
            transaction.on_commit(partial(_remind, row))
            reminded += 1
    expired = Mediator.objects.filter(state=S.PUBLISHED, reminded_at__lte=moment - grace)
    for pk in expired.values_list("pk", flat=True):
        with transaction.atomic():
            row = Mediator.objects.select_for_update().get(pk=pk)
            if row.state != S.PUBLISHED or row.reminded_at is None:
                continue
            row.state = S.LAPSED
            row.save(update_fields=["state"])
            audit(None, "profile.lapse", row, ["state"], organisation=row.organisation)
            lapsed += 1
    return reminded, lapsed


@transaction.atomic
def add_published_profiles(
    *, organisation: Organisation, profiles: Sequence[ProfileData], now: datetime | None = None
) -> int:
    """Profiles the network already verified (demo, an import of its existing directory), in
    bulk: one audit event for the batch."""
    moment = now or timezone.now()
    rows: list[Mediator] = []
    for data in profiles:
        _check(data)
        rows.append(
            Mediator(
                organisation=organisation,
                state=S.PUBLISHED,
                published_at=moment,
                confirmed_at=moment,
                full_name=data.full_name.strip(),
                gender=data.gender,
                background=data.background,
                profession=data.profession.strip(),
                specialisations=list(data.specialisations),
                cities=data.cities,
                network_training=data.network_training,
                training_hours=data.training_hours,
                training_year=data.training_year,
                accreditations=data.accreditations,
                urgent=data.urgent,
                travels=data.travels,
                online=data.online,
                fees=data.fees,
                biographies=dict(data.biographies),
                email=data.email,
                phone=data.phone,
                website=data.website,
            )
        )
    Mediator.objects.bulk_create(rows, batch_size=500)
    languages: list[MediatorLanguage] = []
    countries: list[MediatorCountry] = []
    for row, data in zip(rows, profiles, strict=True):
        more_languages, more_countries = _children(row, data)
        languages += more_languages
        countries += more_countries
    MediatorLanguage.objects.bulk_create(languages, batch_size=1000)
    MediatorCountry.objects.bulk_create(countries, batch_size=1000)
    if rows:
        audit(None, "profile.bulk_publish", rows[0], ["profiles"], organisation=organisation)
    return len(rows)
