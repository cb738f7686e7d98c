"""Scoped reads of appeals, and the public reads.

Staff: an appeal exists only for its organisation (another hotline's is a 404). Public: only
an appeal published and within its visible moments exists; every public read filters on both,
so an appeal past its end, or taken down a moment ago, is gone at once."""

from __future__ import annotations

import random
from datetime import timedelta

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from homeward.appeals.choices import SiteState, State
from homeward.appeals.models import Appeal, AppealPolicy, ChecklistItem, Takedown, WidgetSite
from homeward.audit.actions import record_read
from homeward.cases.models import Case
from homeward.organisations.access import require_permission
from homeward.organisations.models import Hotline, Membership, Organisation
from homeward.organisations.roles import OrganisationKind, Permission

APPEAL_FIELDS_READ = (
    "first_name",
    "age",
    "last_seen_on",
    "last_seen_place",
    "countries",
    "consents",
)


def appeals_of(membership: Membership) -> QuerySet[Appeal]:
    require_permission(membership, Permission.VIEW_CASES)
    return Appeal.objects.filter(organisation=membership.organisation).select_related(
        "case", "child", "organisation"
    )


def appeals_of_case(membership: Membership, case: Case) -> QuerySet[Appeal]:
    return appeals_of(membership).filter(case=case)


def locate_appeal(membership: Membership, appeal_id: int) -> Appeal:
    """The appeal to act on (not audited: the action records what it writes)."""
    return get_object_or_404(appeals_of(membership), pk=appeal_id)


def read_appeal(membership: Membership, appeal_id: int) -> Appeal:
    """The appeal with its consents, its read recorded in the audit trail."""
    appeal = locate_appeal(membership, appeal_id)
    record_read(
        actor=membership.user,
        organisation=membership.organisation,
        action="appeals.appeal.read",
        target=appeal,
        fields=APPEAL_FIELDS_READ,
    )
    return appeal


def takedown_of(appeal: Appeal) -> Takedown | None:
    return Takedown.objects.filter(appeal=appeal).prefetch_related("items__done_by").first()


def policy_of(organisation: Organisation) -> AppealPolicy:
    """The organisation's policy, or the defaults (unsaved) when it never changed them."""
    policy = AppealPolicy.objects.filter(organisation=organisation).first()
    return policy or AppealPolicy(organisation=organisation)


# --- public reads (no account) ------------------------------------------------------------------


def published_appeals() -> QuerySet[Appeal]:
    """What the public sees now, newest first: published and within its visible moments."""
    now = timezone.now()
    return Appeal.objects.filter(
        state=State.PUBLISHED, visible_from__lte=now, visible_until__gt=now
    ).order_by("-published_at", "-pk")


def public_list(country: str = "") -> list[Appeal]:
    """The published appeals, those of `country` only when one is given (filtered here: a
    JSON list's containment is not a lookup every database offers; published appeals are a
    few dozen at most)."""
    code = country.strip().upper()
    return [a for a in published_appeals() if not code or code in a.countries]


def public_appeal(public_id: str) -> Appeal | None:
    """The appeal behind a public URL: None when it was never published or is unknown (404);
    an ended one is returned so the page can answer 410 (gone)."""
    return Appeal.objects.filter(public_id=public_id).exclude(state=State.DRAFT).first()


def is_public(appeal: Appeal) -> bool:
    return published_appeals().filter(pk=appeal.pk).exists()


def one_for_country(country: str) -> Appeal | None:
    """A random one among the appeals published for `country`, or None."""
    matching = public_list(country) if country else []
    return random.choice(matching) if matching else None  # noqa: S311 - not for security


def site_by_key(key: str) -> WidgetSite | None:
    return WidgetSite.objects.filter(key=key).first() if key else None


def hotline_countries() -> set[str]:
    """The countries where an active hotline organisation of the network runs a hotline: the
    only ones a widget site may register for, so that an admin can always see and block it."""
    organisations = Organisation.objects.filter(
        kind=OrganisationKind.NATIONAL_HOTLINE, is_active=True
    )
    own = organisations.exclude(country="").values_list("country", flat=True)
    run = Hotline.objects.filter(organisation__in=organisations).values_list("country", flat=True)
    return {*own, *run}


def registrations_last_hour(email: str, origin: str) -> tuple[int, int]:
    """How many sites were registered in the last hour to this contact e-mail, and for this
    origin."""
    recent = WidgetSite.objects.filter(created_at__gte=timezone.now() - timedelta(hours=1))
    by_email = recent.filter(contact_email=email.strip().lower()).count() if email else 0
    by_origin = recent.filter(origin=origin).count() if origin else 0
    return by_email, by_origin


def origin_is_blocked(origin: str) -> bool:
    """A block applies to the origin: any of its keys blocked blocks them all."""
    return WidgetSite.objects.filter(origin=origin, state=SiteState.BLOCKED).exists()


def sites_of(membership: Membership) -> QuerySet[WidgetSite]:
    """The widget sites of the countries the member's hotline organisation runs a hotline in:
    those it may block."""
    require_permission(membership, Permission.MANAGE_SETTINGS)
    org = membership.organisation
    if org.kind != OrganisationKind.NATIONAL_HOTLINE:
        return WidgetSite.objects.none()
    countries = {org.country, *org.hotlines.values_list("country", flat=True)}
    return WidgetSite.objects.filter(country__in=countries)


def locate_site(membership: Membership, site_id: int) -> WidgetSite:
    return get_object_or_404(sites_of(membership), pk=site_id)


def site_is_active(site: WidgetSite | None) -> bool:
    return (
        site is not None and site.state == SiteState.ACTIVE and not origin_is_blocked(site.origin)
    )


def checklist_item(appeal: Appeal, item_id: int) -> ChecklistItem:
    """An item of the takedown checklist of an appeal the caller already located."""
    return get_object_or_404(ChecklistItem.objects, pk=item_id, takedown__appeal=appeal)
