"""The network report from returns built by hand: the sums per country and for the network,
only submitted returns counted, which hotlines reported, the headline shares (computed here
independently) and their hiding where a cell is suppressed, the trends, one hotline's report."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from homeward.organisations import actions as org_actions
from homeward.organisations.models import Organisation
from homeward.organisations.roles import OrganisationKind
from homeward.statistics import dimensions as d
from homeward.statistics.catalogue import BY_CODE
from homeward.statistics.figures import Figures
from homeward.statistics.models import AnnualReturn
from homeward.statistics.report import (
    NoReturns,
    hotline_report,
    network_report,
    network_summary,
)
from homeward.statistics.report.sections import sections, trend_rows
from homeward.testing.cast import Cast
from homeward.testing.statistics import store_return, synthetic_year

pytestmark = pytest.mark.django_db

T = d.TOTAL


def _hotline(name: str, slug: str, country: str) -> Organisation:
    return org_actions.create_organisation(
        acting_user=None,
        name=name,
        slug=slug,
        kind=OrganisationKind.NATIONAL_HOTLINE,
        country=country,
    )


def _new_cases(**by_category: int) -> Figures:
    """CASES_NEW with every category (zeros for those not given) and its total."""
    figures = Figures()
    for code in d.CATEGORY.codes:
        figures.set("CASES_NEW", (code,), by_category.get(code, 0))
    figures.set("CASES_NEW", (T,), sum(by_category.values()))
    return figures


def _with_repeat(figures: Figures, first: int, repeat: int) -> Figures:
    figures.set("RUNAWAY_REPEAT", ("first",), first)
    figures.set("RUNAWAY_REPEAT", ("repeat",), repeat)
    figures.set("RUNAWAY_REPEAT", (T,), first + repeat)
    return figures


@pytest.fixture
def hand_made(cast: Cast) -> dict[str, Organisation]:
    """2025: two Belgian hotlines and the French one submitted; a Dutch one left a draft."""
    be2 = _hotline("Test Hotline Belgium Two", "test-be-two", "BE")
    nl = _hotline("Test Hotline Netherlands", "test-nl", "NL")
    be = _new_cases(runaway=30, parental_abduction=12, migrant=2)
    store_return(cast.be, 2025, _with_repeat(be, 28, 2))
    store_return(be2, 2025, _with_repeat(_new_cases(runaway=10, parental_abduction=8), 10, 0))
    fr = _new_cases(runaway=40, parental_abduction=20, migrant=6)
    store_return(cast.fr, 2025, _with_repeat(fr, 39, 1))
    store_return(nl, 2025, _new_cases(runaway=500), state=AnnualReturn.State.DRAFT)
    store_return(cast.fr, 2024, _new_cases(runaway=35, parental_abduction=25))
    return {"be2": be2, "nl": nl}


def test_sums_submitted_returns_per_country_and_for_the_network(
    cast: Cast, hand_made: dict[str, Organisation]
) -> None:
    report = network_report(2025)
    assert report.countries == ["BE", "FR"]  # the Dutch draft is not counted
    assert report.by_country["BE"].get("CASES_NEW", ("runaway",)) == 40
    assert report.by_country["BE"].get("CASES_NEW", (T,)) == 62
    assert report.raw.get("CASES_NEW", ("runaway",)) == 80
    assert report.raw.get("CASES_NEW", (T,)) == 128
    view = report.view
    assert view.value("CASES_NEW", "BE", ("runaway",)) == 40
    assert view.value("CASES_NEW", T, ("parental_abduction",)) == 40
    assert view.value("CASES_NEW", T, (T,)) == 128
    # two migrant children in Belgium: below the threshold, not shown, and flagged as such
    assert view.is_suppressed("CASES_NEW", "BE", ("migrant",))
    assert view.value("CASES_NEW", "BE", ("migrant",)) is None


def test_which_hotlines_reported(cast: Cast, hand_made: dict[str, Organisation]) -> None:
    report = network_report(2025)
    reported = {s.slug for s in report.reported}
    assert reported == {cast.be.slug, cast.fr.slug, "test-be-two"}
    states = {s.slug: s.state for s in report.not_reported}
    assert states == {"test-nl": "draft"}
    assert len(report.statuses) == 4


def test_headline_shares_are_computed_from_the_counts_and_hidden_where_suppressed(
    cast: Cast, hand_made: dict[str, Organisation]
) -> None:
    report = network_report(2025)

    def expected(part: int, whole: int) -> str:
        share = (Decimal(part) * 100 / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return f"{share}\u00a0%"

    assert report.headline("cases_new").display == "128"
    assert report.headline("share_runaway").display == expected(80, 128)  # 62.5 % → 63 %
    assert report.headline("share_parental_abduction").display == expected(40, 128)
    assert report.headline("share_migrant").display == expected(8, 128)
    # three repeat runaways in the whole network: hidden, and so is the share made of it
    assert report.view.is_suppressed("RUNAWAY_REPEAT", T, ("repeat",))
    repeat = report.headline("runaway_repeat")
    assert repeat.value is None and not repeat.shown
    # no contacts reported at all: nothing to show, rather than a zero
    assert report.headline("contacts").value is None


def test_trends_cover_every_year_with_returns(
    cast: Cast, hand_made: dict[str, Organisation]
) -> None:
    report = network_report(2025)
    assert report.trends.years == [2024, 2025]
    assert report.trends.hotlines == [1, 3]
    assert report.trends.series("CASES_NEW", (T,)) == [60, 128]
    previous = report.trends.previous(2025)
    assert previous is not None and previous.value("CASES_NEW", T, ("runaway",)) == 35
    rows = {str(row.label): row for row in trend_rows(report)}
    runaways = rows["Runaways, share of new cases"].cells
    assert [c.share_display for c in runaways] == ["58.3\u00a0%", "62.5\u00a0%"]


def test_a_year_without_submitted_returns_is_refused(
    cast: Cast, hand_made: dict[str, Organisation]
) -> None:
    with pytest.raises(NoReturns, match="no hotline has submitted its annual return for 2023"):
        network_report(2023)
    with pytest.raises(NoReturns, match="test-nl has not submitted its annual return for 2025"):
        hotline_report(2025, hand_made["nl"])


def test_one_hotlines_report_has_its_figures_only_and_is_protected(
    cast: Cast, hand_made: dict[str, Organisation]
) -> None:
    report = hotline_report(2025, cast.be)
    assert report.countries == ["BE"]
    assert report.raw.get("CASES_NEW", (T,)) == 44
    assert report.view.is_suppressed("CASES_NEW", "BE", ("migrant",))
    assert [s.slug for s in report.statuses] == [cast.be.slug]
    assert report.trends.years == [2025]


def test_every_count_of_a_full_return_is_the_sum_of_the_hotlines(cast: Cast) -> None:
    """Synthetic returns of every indicator: the report's counts are the hotlines' summed here,
    each published count is that sum, nothing shown lies between 1 and the threshold − 1, and a
    median is kept only for a country with one hotline."""
    be2 = _hotline("Test Hotline Belgium Two", "test-be-two", "BE")
    returns = {
        cast.be: synthetic_year(1, 300),
        be2: synthetic_year(2, 120),
        cast.fr: synthetic_year(3, 500),
    }
    for organisation, figures in returns.items():
        store_return(organisation, 2025, figures)
    report = network_report(2025)
    checked = 0
    for code, breakdown, value in returns[cast.fr]:
        indicator = BY_CODE[code]
        if not indicator.is_count:
            continue
        be = sum(returns[o].get(code, breakdown) or Decimal(0) for o in (cast.be, be2))
        assert report.by_country["BE"].get(code, breakdown) in (be, None)
        assert report.raw.get(code, breakdown) == be + value
        for country, expected in (("FR", value), ("BE", be), (T, be + value)):
            cell = report.view.cell(code, country, breakdown)
            if cell is not None and not cell.suppressed:
                assert cell.value == expected
                assert not 0 < expected < report.threshold
                checked += 1
    assert checked > 500
    assert report.view.cell("CHILDREN_AGE_MEDIAN", "BE", (T,)) is None
    france = report.view.cell("CHILDREN_AGE_MEDIAN", "FR", (T,))
    assert france is not None
    assert france.value in (returns[cast.fr].get("CHILDREN_AGE_MEDIAN", (T,)), None)
    # the sections draw from the same cells: every family has its charts and tables
    drawn = sections(report)
    assert [s.key for s in drawn][:2] == ["contacts", "cases"]
    assert all(s.charts and s.tables and s.country_tables for s in drawn)


def test_the_dashboard_and_the_trends_hide_the_same_cells_as_the_full_report(cast: Cast) -> None:
    """The dashboard's summary and the trends protect only the indicators they show; a cell
    hidden in the full report must be hidden there too (two different patterns of the same table
    could be combined to work a hidden count out)."""
    be2 = _hotline("Test Hotline Belgium Two", "test-be-two", "BE")
    for seed, organisation in enumerate((cast.be, be2, cast.fr)):
        store_return(organisation, 2025, synthetic_year(seed, 60 + 40 * seed))
    full = network_report(2025)
    summary = network_summary(2025)
    compared = 0
    for view in (summary.view, full.trends.views[-1]):
        for cell in view:
            twin = full.view.cell(cell.indicator, cell.country, cell.breakdown)
            assert twin is not None
            assert (twin.suppressed, twin.value) == (cell.suppressed, cell.value)
            compared += cell.suppressed
    assert compared > 10


def test_the_coordinators_dashboard_shows_the_networks_figures(cast: Cast) -> None:
    store_return(cast.be, 2024, synthetic_year(4, 150))
    store_return(cast.be, 2025, synthetic_year(5, 150))
    store_return(cast.fr, 2025, synthetic_year(6, 300))
    page = cast.client("coordinator").get("/dashboard/")
    html = page.content.decode()
    summary = network_summary(2025)
    assert "Annual returns for 2025: 2 of 2 hotlines submitted." not in html  # not opened yet
    assert "The reporting year 2025 is not open for returns yet." in html
    assert "Headline figures, 2025" in html
    assert (
        f"{summary.headline('share_runaway').display}</strong> of new cases were runaways" in html
    )
    assert 'role="img"' in html  # the trend chart
    assert "/statistics/network/2025/" in html
    assert "/crossborder/network/" in html  # the cross-border aggregates stay
    hotline = cast.client("be_supervisor").get("/dashboard/").content.decode()
    assert "network-figures" in html
    assert "network-figures" not in hotline and "Headline figures" not in hotline
