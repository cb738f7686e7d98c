"""The day a moment falls on, in each organisation's own time zone, as statistics counts it
(`core.counting.local_date`): PostgreSQL converts with each organisation's zone column, other
databases with one branch per clock; both give the same days, and an organisation whose zone is
not a known name is counted in UTC rather than refused."""

from __future__ import annotations

from datetime import UTC, date, datetime

from homeward.cases.models import Case
from homeward.core import counting
from homeward.organisations import actions
from homeward.organisations.models import Organisation
from homeward.organisations.roles import OrganisationKind
from homeward.testing.cast import Cast

LATE_EVENING = datetime(2024, 2, 28, 23, 30, tzinfo=UTC)


def _hotline(slug: str, zone: str) -> Organisation:
    return actions.create_organisation(
        acting_user=None, name=slug, slug=slug, kind=OrganisationKind.NATIONAL_HOTLINE,
        time_zone=zone,
    )  # fmt: skip


def _local_days(organisations: list[Organisation]) -> dict[str, date]:
    for organisation in organisations:
        Case.objects.create(
            organisation=organisation, reference=f"Z-{organisation.slug}", category="runaway",
            reported_at=LATE_EVENING,
        )  # fmt: skip
    zones = {o.pk: o.time_zone for o in organisations}
    rows = (
        Case.objects.filter(organisation__in=organisations)
        .annotate(day=counting.local_date("reported_at", "organisation", zones, date(2025, 1, 1)))
        .values_list("organisation__slug", "day")
    )
    return dict(rows)


def test_each_organisation_s_day_in_its_own_zone(cast: Cast) -> None:
    lisbon, kyiv = _hotline("z-lisbon", "Europe/Lisbon"), _hotline("z-kyiv", "Europe/Kyiv")
    assert _local_days([cast.be, lisbon, kyiv]) == {
        cast.be.slug: date(2024, 2, 29),  # 00:30 in Brussels
        "z-lisbon": date(2024, 2, 28),  # 23:30 in Lisbon
        "z-kyiv": date(2024, 2, 29),  # 01:30 in Kyiv
    }


def test_an_unknown_zone_counts_in_utc(cast: Cast) -> None:
    nowhere = _hotline("z-nowhere", "Mars/Olympus_Mons")
    assert _local_days([cast.be, nowhere]) == {
        cast.be.slug: date(2024, 2, 29),
        "z-nowhere": date(2024, 2, 28),
    }
