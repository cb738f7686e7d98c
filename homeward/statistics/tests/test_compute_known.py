"""Every cell of every indicator, computed from a small network built by hand through the real
actions (known_network.py), against what plain loops over that network's own lists say
(known_expected.py), and a few cells written out with the reason for their value."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from homeward.statistics.catalogue import CATALOGUE
from homeward.statistics.compute import annual_figures, figures_for
from homeward.statistics.figures import Figures
from homeward.statistics.tests.known_expected import END, START, expected_2025, expected_year
from homeward.statistics.tests.known_network import Network, build
from homeward.testing.cast import Cast


@pytest.fixture
def network(cast: Cast) -> Network:
    return build(cast)


@pytest.fixture
def year_2025(network: Network) -> dict[str, Figures]:
    ids = {org: o.pk for org, o in network.organisations.items()}
    computed = figures_for(list(ids.values()), START, END)
    return {org: computed[pk] for org, pk in ids.items()}


@pytest.mark.parametrize("org", ["BE", "PT"])
def test_every_cell_of_every_indicator(year_2025: dict[str, Figures], org: str) -> None:
    expected = expected_2025(org)
    for indicator in CATALOGUE:
        got = year_2025[org].cells(indicator.code)
        wrong = {
            cell: (got.get(cell), value)
            for cell, value in expected[indicator.code].items()
            if got.get(cell) != value
        }
        extra = set(got) - set(expected[indicator.code])
        assert not wrong and not extra, f"{org} {indicator.code}: {wrong} extra {extra}"


@pytest.mark.parametrize("year", [2024, 2026])
def test_the_years_around(network: Network, year: int) -> None:
    """The same network seen from the year before and the year after: what was new becomes
    carried over, what was reported on New Year's Eve changes sides."""
    for org, organisation in network.organisations.items():
        computed = annual_figures(organisation, year)
        for code, expected in expected_year(org, year).items():
            assert computed.cells(code) == expected, f"{org} {year} {code}"


def cell(figures: Figures, code: str, *breakdown: str) -> Decimal | None:
    return figures.get(code, breakdown)


def test_cells_worked_out_by_hand(year_2025: dict[str, Figures]) -> None:
    be, pt = year_2025["BE"], year_2025["PT"]
    # new in Brussels' 2025: C4 (00:30 on 1 January there), C5, C6, C7, C8, C10, C11; not C9
    # (00:30 on 1 January 2026 there)
    assert cell(be, "CASES_NEW", "_T") == 7
    assert cell(be, "CASES_NEW", "runaway") == 3
    # Lisbon: P2 (23:30 on 31 December 2025 there), P3, P4; not P1 (23:30 on 31 December 2024)
    assert cell(pt, "CASES_NEW", "_T") == 3
    # open on 1 January: C2, and C3 (closed and reopened in December); not C1, closed then and
    # reopened only in February
    assert cell(be, "CASES_CARRIED_OVER", "runaway") == 1
    assert cell(be, "CASES_CARRIED_OVER", "parental_abduction") == 1
    assert cell(be, "CASES_CARRIED_OVER", "_T") == 2
    assert cell(pt, "CASES_CARRIED_OVER", "runaway") == 1
    # closed: C1, C2 (each once, though C2 twice), C5, C6, C10, C11; C8's approval is 2026
    assert cell(be, "CASES_CLOSED", "_T", "_T") == 6
    assert cell(be, "CASES_CLOSED", "runaway", "earlier") == 2
    assert cell(be, "CASES_CLOSED", "_T", "this_year") == 4
    # C2 by its last closure (found safe), not its first (located by police)
    assert cell(be, "CASES_OUTCOME", "runaway", "found_safe") == 1
    assert cell(be, "CASES_OUTCOME", "runaway", "located_police") == 0
    assert cell(be, "CASES_OUTCOME", "migrant", "still_missing") == 1
    # 103 days (C1) and 183 days (C2, the last day of the band) are "1 to 6 months"; C10's 7
    # days and C11's 22 "1 week to 1 month"; C6's one day "less than a week"
    assert cell(be, "CASES_DURATION", "runaway", "1m_6m") == 2
    assert cell(be, "CASES_DURATION", "_T", "1w_1m") == 2
    assert cell(be, "CASES_DURATION", "runaway", "lt_1w") == 1
    assert cell(be, "CASES_DURATION_MEDIAN", "_T") == Decimal("22.0")  # of 1, 7, 22, 103, 183
    assert cell(be, "CASES_DURATION_MEDIAN", "runaway") == Decimal("62.5")  # of 1, 22, 103, 183
    assert cell(be, "CASES_DURATION_MEDIAN", "migrant") is None  # none found
    assert cell(pt, "CASES_DURATION", "runaway", "1w_1m") == 1  # P1: 31 days
    assert cell(pt, "CHILDREN_AGE", "criminal_abduction", "10_12") == 1  # P4's estimated 11
    # ages of the children in Brussels' new cases: 6, 16, 18, 14, unknown, 10, 13, 8
    assert cell(be, "CHILDREN_AGE", "_T", "_T") == 8
    assert cell(be, "CHILDREN_AGE", "migrant", "18_plus") == 1
    assert cell(be, "CHILDREN_AGE", "_T", "unknown") == 1
    assert cell(be, "CHILDREN_AGE", "parental_abduction", "6_9") == 1  # 6 on the local day
    assert cell(be, "CHILDREN_AGE_MEDIAN", "_T") == Decimal("13.0")
    assert cell(be, "CHILDREN_SEX", "migrant", "_T") == 2  # siblings are two children
    assert cell(be, "CHILDREN_SEX", "_T", "female") == 4  # C6, C7, C8, C11
    # C6 (the girl of C1) and C7 (previous episodes) ran away before; C11's child was in a
    # parental abduction, not a runaway case
    assert cell(be, "RUNAWAY_REPEAT", "repeat") == 2
    assert cell(be, "RUNAWAY_REPEAT", "first") == 1
    # C5 Italy (last seen) and Portugal (asked to help), C7 and C8 Portugal (asked), C10 marked
    # with no country, C11 France: five cases, six countries named
    assert cell(be, "CASES_CROSS_BORDER", "_T", "yes") == 5
    assert cell(be, "CASES_COUNTRIES", "PT") == 3
    assert cell(be, "CASES_COUNTRIES", "IT") == 1
    assert cell(be, "CASES_COUNTRIES", "unknown") == 1
    assert cell(be, "CASES_COUNTRIES", "_T") == 5
    # P3 names Spain and Belgium (its request), P4 Belgium (whose request it answers)
    assert cell(pt, "CASES_COUNTRIES", "BE") == 2
    assert cell(pt, "CASES_COUNTRIES", "ES") == 1
    assert cell(pt, "CASES_COUNTRIES", "_T") == 2
    # reasons: one case can count under several; the total is the number of new cases
    assert cell(be, "CASES_REASON", "problems_home") == 2  # C6, C7
    assert cell(be, "CASES_REASON", "_T") == 7
    # sent by Brussels in its 2025: locate (C8) and support (C5); the police request is 2026
    assert cell(be, "REQUESTS_SENT", "_T") == 2
    assert cell(be, "REQUESTS_SENT", "police") == 0
    assert cell(pt, "REQUESTS_SENT", "_T") == 1  # the draft never left
    # Lisbon received the police request in its 2025, never acknowledged it
    assert cell(pt, "REQUESTS_RECEIVED", "not_yet") == 1
    assert cell(pt, "REQUESTS_RECEIVED", "late") == 1
    assert cell(pt, "REQUESTS_ACK_MEDIAN") == Decimal("25.3")  # 150 and 2,880 minutes
    assert cell(be, "REQUESTS_ACK_MEDIAN") == Decimal("0.5")  # 30 minutes


def test_annual_figures_are_the_year_of_one_hotline(network: Network) -> None:
    belgium = network.organisations["BE"]
    alone = annual_figures(belgium, 2025)
    together = figures_for(
        [o.pk for o in network.organisations.values()], date(2025, 1, 1), date(2026, 1, 1)
    )[belgium.pk]
    assert alone == together
    # 2026 so far: C8 approved at 00:30 on 1 January 2026 in Brussels, C9 reported then, C13
    assert annual_figures(belgium, 2026).get("CASES_CLOSED", ("_T", "_T")) == 1
    assert annual_figures(belgium, 2026).get("CASES_NEW", ("_T",)) == 2


def test_a_period_must_end_after_it_starts(cast: Cast) -> None:
    with pytest.raises(ValueError, match="ends"):
        figures_for([cast.be.pk], date(2025, 2, 1), date(2025, 2, 1))
