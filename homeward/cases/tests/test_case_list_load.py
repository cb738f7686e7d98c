"""The case list's one statement (listing.py) gives, for every filter, the page and count the
ORM gives, with the values the ORM reads, on both databases."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import combinations
from typing import Any

import pytest
from django.db.models import Q

from homeward.cases import access
from homeward.cases.listing import LIST_COLUMNS
from homeward.cases.models import Case
from homeward.organisations.models import Membership
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

DAY = date(2026, 3, 1)
FILTERS: dict[str, Any] = {
    "status": "open",
    "category": "runaway",
    "risk": "high",
    "country": "fr",  # as typed: lower case
    "reported_from": DAY,
    "reported_to": DAY,
    "mine": True,
}


def orm_rows(membership: Membership, given: dict[str, Any]) -> list[dict[str, Any]]:
    organisation = membership.organisation
    q = Q(organisation=organisation)
    for name, field in (("status", "status"), ("category", "category"), ("risk", "risk_grade")):
        if name in given:
            q &= Q(**{field: given[name]})
    if "country" in given:
        q &= Q(last_seen_country__iexact=given["country"])
    if "reported_from" in given:
        q &= Q(reported_at__gte=organisation.day_start(given["reported_from"]))
    if "reported_to" in given:
        q &= Q(reported_at__lt=organisation.day_start(given["reported_to"] + timedelta(days=1)))
    if given.get("mine"):
        q &= Q(assigned_to=membership.user)
    cases = Case.objects.filter(q).select_related("assigned_to").order_by("-reported_at", "-pk")
    return [
        {
            **{name: getattr(case, name) for name in LIST_COLUMNS},
            "assigned_to_id": case.assigned_to_id,
            "assigned_to__full_name": case.assigned_to.full_name if case.assigned_to else None,
            "assigned_to__email": case.assigned_to.email if case.assigned_to else None,
        }
        for case in cases
    ]


@pytest.fixture
def cases(cast: Cast) -> None:
    """Brussels is UTC+1 on 1 March: 23:30 UTC on 28 February is already 1 March there."""
    operator = cast.member("be_operator")
    moments = [
        datetime(2026, 2, 28, 22, 59, tzinfo=UTC),  # 28 February in Brussels
        datetime(2026, 2, 28, 23, 30, tzinfo=UTC),  # 1 March in Brussels
        datetime(2026, 3, 1, 22, 59, 59, 999000, tzinfo=UTC),  # 1 March, just
        datetime(2026, 3, 1, 23, 0, tzinfo=UTC),  # 2 March
    ]
    for index, moment in enumerate(moments * 3):
        case = make_case(
            cast,
            reported_at=moment,
            category="runaway" if index % 2 else "parental_abduction",
            subcategory="",
            last_seen_country="FR" if index % 3 else "BE",
        )
        Case.objects.filter(pk=case.pk).update(
            status="open" if index % 4 else "active_search",
            risk_grade=["high", "low", ""][index % 3],
            is_cross_border=bool(index % 2),
            follow_up_due=moment + timedelta(days=index) if index % 2 else None,
            assigned_to=operator.user if index % 3 == 1 else None,
        )
    make_case(cast, cast.fr, reported_at=moments[1])  # another hotline's: never listed


@pytest.mark.parametrize(
    "names",
    [(), *((name,) for name in FILTERS), *combinations(FILTERS, 2), tuple(FILTERS)],
    ids=lambda names: "+".join(names) or "none",
)
def test_every_filter_lists_and_counts_as_the_orm(
    cast: Cast, cases: None, names: tuple[str, ...]
) -> None:
    operator = cast.member("be_operator")
    given = {name: FILTERS[name] for name in names}
    expected = orm_rows(operator, given)
    listing = access.case_list(operator, **given)
    assert listing.page(0, 50) == (expected, len(expected))
    assert listing.page(2, 3) == (expected[2:5], len(expected))


def test_a_page_past_the_end_still_counts(cast: Cast, cases: None) -> None:
    listing = access.case_list(cast.member("be_operator"), category="runaway")
    assert listing.page(500, 50) == ([], 6)


def test_the_values_have_the_types_the_orm_reads(cast: Cast, cases: None) -> None:
    items, _count = access.case_list(cast.member("be_operator")).page(0, 50)
    row = next(item for item in items if item["follow_up_due"] is not None)
    assert isinstance(row["is_cross_border"], bool)
    assert isinstance(row["disappeared_on"], date)
    assert row["reported_at"].tzinfo is not None and row["follow_up_due"].tzinfo is not None
