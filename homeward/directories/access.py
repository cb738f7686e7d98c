"""Reads of the directories. Nothing here is personal data of a child, so no read is audited:
`locate_*` find an object for a permission check or an action.

Public: only published services exist. Staff: a service exists for the admins of a hotline
organisation that runs a hotline in the service's country (another country's is a 404); the
prevention pages are the network office's, every country."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.cache import cache
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from homeward.directories.choices import State
from homeward.directories.models import PreventionEntry, Service, ServiceTranslation
from homeward.organisations.access import require_permission
from homeward.organisations.models import Membership
from homeward.organisations.roles import OrganisationKind, Permission

PAGE_SIZE = 50
COUNTRIES_KEY = "directories:service-countries"
VERIFY_EVERY = timedelta(days=365)


@dataclass(frozen=True)
class ServiceFilter:
    country: str = ""
    city: str = ""
    kind: str = ""
    language: str = ""


def _published() -> QuerySet[Service]:
    return Service.objects.filter(state=State.PUBLISHED)


def search_services(criteria: ServiceFilter, language: str = "") -> QuerySet[Service]:
    """The public search: published services narrowed by country, city, kind and spoken
    language, with their name and description in `language` where a translation exists."""
    services = _published()
    if criteria.country:
        services = services.filter(country=criteria.country)
    if criteria.city:
        services = services.filter(city__iexact=criteria.city)
    if criteria.kind:
        services = services.filter(kinds__contains=f"|{criteria.kind}|")
    if criteria.language:
        services = services.filter(languages__contains=f"|{criteria.language}|")
    services = services.select_related("provider").order_by("country", "city", "name", "pk")
    if language:
        services = services.prefetch_related(
            Prefetch(
                "translations",
                queryset=ServiceTranslation.objects.filter(language=language),
                to_attr="wanted",
            )
        )
    return services


def public_service(public_id: str, language: str = "") -> Service:
    try:
        return search_services(ServiceFilter(), language).get(public_id=public_id)
    except (Service.DoesNotExist, ValueError):
        raise Http404("no such service") from None


def countries_with_services() -> list[str]:
    """The countries of the published services, kept five minutes: the search form offers
    only these, a short list that renders fast on every search."""
    codes: list[str] | None = cache.get(COUNTRIES_KEY)
    if codes is None:
        codes = list(_published().order_by("country").values_list("country", flat=True).distinct())
        cache.set(COUNTRIES_KEY, codes, 300)
    return codes


def cities_of(country: str) -> list[str]:
    return list(
        _published().filter(country=country).order_by("city").values_list("city", flat=True)
        .distinct()
    )  # fmt: skip


def moderated_countries(membership: Membership) -> set[str]:
    organisation = membership.organisation
    if organisation.kind != OrganisationKind.NATIONAL_HOTLINE:
        return set()
    return {organisation.country, *organisation.hotlines.values_list("country", flat=True)}


def services_to_moderate(membership: Membership) -> QuerySet[Service]:
    """The services of the member's hotline countries (admins only), the submitted first."""
    require_permission(membership, Permission.MANAGE_SETTINGS)
    return Service.objects.filter(country__in=moderated_countries(membership)).select_related(
        "provider"
    )


def locate_service(membership: Membership, service_id: int) -> Service:
    return get_object_or_404(services_to_moderate(membership), pk=service_id)


def prevention_versions(country: str, audience: str) -> list[PreventionEntry]:
    return list(PreventionEntry.objects.filter(country=country, audience=audience))


def prevention_countries() -> list[str]:
    return list(
        PreventionEntry.objects.order_by("country").values_list("country", flat=True).distinct()
    )


def pick_version(
    versions: list[PreventionEntry], language: str
) -> tuple[PreventionEntry | None, bool]:
    """The version in the reader's language, or the English one (True: a fallback)."""
    by_language = {entry.language: entry for entry in versions}
    if language in by_language:
        return by_language[language], False
    fallback = by_language.get("en") or (versions[0] if versions else None)
    return fallback, fallback is not None


def entries_for_staff(membership: Membership) -> QuerySet[PreventionEntry]:
    require_permission(membership, Permission.MANAGE_NETWORK)
    return PreventionEntry.objects.all()


def locate_entry(membership: Membership, entry_id: int) -> PreventionEntry:
    return get_object_or_404(entries_for_staff(membership), pk=entry_id)


def due_before(today: date | None = None) -> date:
    """Entries verified on or before this day are due for verification."""
    return (today or timezone.localdate()) - VERIFY_EVERY


def entries_due(today: date | None = None) -> QuerySet[PreventionEntry]:
    return PreventionEntry.objects.filter(verified_on__lte=due_before(today))
