"""Disclosure control on tables a reader can check by hand: what is hidden, what covers it, and
what stays as it was."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from pytest_django import Settings

from homeward.statistics import disclosure
from homeward.statistics.disclosure import NETWORK, protect, suppress
from homeward.statistics.figures import Breakdown, Figures
from homeward.statistics.suppression import derivable
from homeward.statistics.tests.disclosure_tables import figures, with_margins

T = "_T"
ROOT = Path(__file__).resolve().parents[3]

CHANNELS = {
    ("phone_116000",): 120,
    ("phone_other",): 0,
    ("sms",): 3,
    ("chat",): 40,
    ("email",): 0,
    ("social_media",): 0,
    ("walk_in",): 0,
    ("referral",): 0,
}


def suppressed_of(published: disclosure.Published, indicator: str, country: str) -> set[Breakdown]:
    return {b for b, cell in published.table(indicator, country).items() if cell.suppressed}


def test_a_small_count_is_hidden_with_the_smallest_other_count_that_would_give_it_away() -> None:
    published = protect(
        {"BE": figures(CONTACTS_CHANNEL=with_margins(CHANNELS))}, threshold=5, year=2025
    )

    # 3 text messages is below 5; with it alone hidden, 163 − 120 − 40 would give it back, so
    # the chats (40, the smallest other non-zero channel) are hidden too; the total stays.
    assert suppressed_of(published, "CONTACTS_CHANNEL", "BE") == {("sms",), ("chat",)}
    assert published.value("CONTACTS_CHANNEL", "BE", ("sms",)) is None
    assert published.value("CONTACTS_CHANNEL", "BE", ("phone_116000",)) == 120
    assert published.value("CONTACTS_CHANNEL", "BE", (T,)) == 163
    # zero describes nobody: published
    email = published.cell("CONTACTS_CHANNEL", "BE", ("email",))
    assert email is not None and email.value == 0 and not email.suppressed


def test_the_threshold_is_a_setting(settings: Settings) -> None:
    settings.HOMEWARD_DISCLOSURE_THRESHOLD = 3
    published = protect({"BE": figures(CONTACTS_CHANNEL=with_margins(CHANNELS))}, year=2025)
    assert published.threshold == 3
    assert suppressed_of(published, "CONTACTS_CHANNEL", "BE") == set()  # 3 is not below 3

    settings.HOMEWARD_DISCLOSURE_THRESHOLD = 1
    with pytest.raises(ImproperlyConfigured, match="HOMEWARD_DISCLOSURE_THRESHOLD"):
        protect({"BE": figures(CONTACTS_CHANNEL=with_margins(CHANNELS))}, year=2025)


def settings_with_threshold(value: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOMEWARD_TESTING": "1", "HOMEWARD_DISCLOSURE_THRESHOLD": value}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from homeward.config import settings; print(settings.HOMEWARD_DISCLOSURE_THRESHOLD)",
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_threshold_comes_from_the_environment() -> None:
    result = settings_with_threshold(" 10 ")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "10"


@pytest.mark.parametrize("value", ["1", "0", "five", "101"])
def test_an_unusable_threshold_stops_the_process_at_start_up(value: str) -> None:
    result = settings_with_threshold(value)
    assert result.returncode != 0
    assert "HOMEWARD_DISCLOSURE_THRESHOLD must be a whole number from 2 to 100" in result.stderr


def test_both_directions_of_a_two_dimension_table_are_covered() -> None:
    children = with_margins(
        {
            ("runaway", "female"): 40,
            ("runaway", "male"): 30,
            ("parental_abduction", "female"): 2,
            ("parental_abduction", "male"): 12,
            ("migrant", "female"): 10,
            ("migrant", "male"): 25,
        }
    )
    published = protect({"BE": figures(CHILDREN_SEX=children)}, threshold=5, year=2025)

    # 2 girls in parental abductions: its row would give it back (14 − 12), and so would its
    # column (52 − 40 − 10). The cheapest cover is the rectangle with the migrants' row: every
    # row and every column then hides two cells or none.
    assert suppressed_of(published, "CHILDREN_SEX", "BE") == {
        ("parental_abduction", "female"),
        ("parental_abduction", "male"),
        ("migrant", "female"),
        ("migrant", "male"),
    }
    assert published.value("CHILDREN_SEX", "BE", ("parental_abduction", T)) == 14
    assert published.value("CHILDREN_SEX", "BE", (T, "female")) == 52


def test_a_country_small_count_cannot_be_had_from_the_network_total() -> None:
    published = protect(
        {
            "BE": figures(CASES_NEW=with_margins({("runaway",): 3, ("lost_injured",): 60})),
            "FR": figures(CASES_NEW=with_margins({("runaway",): 50, ("lost_injured",): 20})),
        },
        threshold=5,
        year=2025,
    )

    # Belgium's 63 less its 60 lost children would give its 3 runaways back, and so would the
    # network's 53 runaways less France's 50: Belgium's lost children and France's runaways are
    # hidden too, then France's lost children, or France's 70 would give its runaways back.
    network = published.across_countries("CASES_NEW", ("runaway",))
    assert list(network) == ["BE", "FR", NETWORK]
    assert network["BE"].suppressed and network["FR"].suppressed
    assert network[NETWORK].value == 53
    assert suppressed_of(published, "CASES_NEW", "FR") == {("runaway",), ("lost_injured",)}
    assert suppressed_of(published, "CASES_NEW", "BE") == {("runaway",), ("lost_injured",)}
    assert published.value("CASES_NEW", NETWORK, (T,)) == 133


def test_cells_that_no_single_total_gives_away_but_two_together_do_are_covered_as_well() -> None:
    #        x   y   z | T
    #    A   0  30   0 | 30
    #    B   3   0   1 |  4
    #    C   0   1   0 |  1
    #    T   3  31   1 | 35
    inner = {("A", "y"): 30, ("B", "x"): 3, ("B", "z"): 1, ("C", "y"): 1}
    zeros = {(r, c): 0 for r in "ABC" for c in "xyz"}
    values = with_margins(zeros | inner)
    relations = [
        *(((r, T), [(r, c) for c in "xyz"]) for r in [*"ABC", T]),
        *(((T, c), [(r, c) for r in "ABC"]) for c in [*"xyz", T]),
    ]
    # Covering relation by relation hides 3, 1, 1, the 4 and 1 of rows B and C, the column
    # totals 3 and 1, then A's 30 (column y) and A's total (row A's other cells are zeros).
    one_at_a_time = {("B", "x"), ("B", "z"), ("C", "y"), ("B", T), ("C", T)}
    one_at_a_time |= {(T, "x"), (T, "z"), ("A", "y"), ("A", T)}
    # Yet B's 4 comes back: column T says A + B + C = 35, column y says A + C = 31 (A's and C's
    # totals are their y cells), so B = 4. The audit finds it, with the published cells that sum
    # used (35 and 31; every inner cell left is a zero), and hides the cheaper: 31.
    assert derivable(relations, one_at_a_time, {key: i for i, key in enumerate(values)}) == [
        ("B", T)
    ]

    hidden = suppress(values, relations, threshold=5)

    assert hidden == one_at_a_time | {(T, "y")}
    assert derivable(relations, hidden, {key: i for i, key in enumerate(values)}) == []


def test_a_count_shown_in_two_tables_is_hidden_in_both() -> None:
    cross_border = with_margins(
        {
            ("runaway", "yes"): 0,
            ("runaway", "no"): 7,
            ("parental_abduction", "yes"): 29,
            ("parental_abduction", "no"): 0,
            ("migrant", "yes"): 30,
            ("migrant", "no"): 2,
        }
    )
    new_cases = {(c,): cross_border[(c, T)] for c in ("runaway", "parental_abduction", "migrant")}
    be = figures(CASES_CROSS_BORDER=cross_border, CASES_NEW=with_margins(new_cases))

    published = protect({"BE": be}, threshold=5, year=2025)

    # New cases alone has nothing below 5 (7, 29, 32). But to hide the 2 national migrants,
    # the cross-border table hides the runaways' and parental abductions' totals; shown in new
    # cases, the 7 runaways would give back the 7 national runaways, and 9 − 7 − 0 the 2.
    assert suppressed_of(published, "CASES_CROSS_BORDER", "BE") >= {
        ("runaway", T),
        ("parental_abduction", T),
    }
    assert suppressed_of(published, "CASES_NEW", "BE") == {("runaway",), ("parental_abduction",)}
    for category in ("runaway", "parental_abduction", "migrant", T):
        in_new = published.cell("CASES_NEW", "BE", (category,))
        in_cross_border = published.cell("CASES_CROSS_BORDER", "BE", (category, T))
        assert in_new is not None and in_cross_border is not None
        assert in_new.suppressed == in_cross_border.suppressed


def test_reasons_are_not_additive_so_only_small_counts_and_the_network_are_covered() -> None:
    reasons = {("problems_home",): 12, ("mental_health",): 2, ("school",): 7, (T,): 15}
    published = protect({"BE": figures(CASES_REASON=reasons)}, threshold=5, year=2025)

    # a case with two reasons counts under both: 15 − 12 − 7 gives nothing away
    assert suppressed_of(published, "CASES_REASON", "BE") == {("mental_health",)}
    assert suppressed_of(published, "CASES_REASON", NETWORK) == {("mental_health",)}


def test_a_median_is_shown_only_where_enough_children_are_behind_it() -> None:
    ages = {
        ("runaway", "13_15"): 20,
        ("runaway", "unknown"): 3,
        ("parental_abduction", "6_9"): 2,
        ("parental_abduction", "unknown"): 6,
        ("lost_injured", "unknown"): 9,
        ("migrant", "10_12"): 0,
    }
    medians = {("runaway",): 15, ("parental_abduction",): 7, ("lost_injured",): 0, ("migrant",): 0}
    be = figures(CHILDREN_AGE=with_margins(ages), CHILDREN_AGE_MEDIAN=medians | {(T,): 14})
    published = protect({"BE": be}, threshold=5, year=2025)

    def median(country: str, category: str) -> disclosure.PublishedCell | None:
        return published.cell("CHILDREN_AGE_MEDIAN", country, (category,))

    assert median("BE", "runaway") == disclosure.PublishedCell(
        "CHILDREN_AGE_MEDIAN", "BE", ("runaway",), value=Decimal(15), suppressed=False
    )
    # 8 children, but only 2 of known age: their median would nearly give their ages away
    parental = median("BE", "parental_abduction")
    assert parental is not None and parental.suppressed and parental.value is None
    # 9 children, none of known age: hidden all the same, or "not available" would say so
    lost = median("BE", "lost_injured")
    assert lost is not None and lost.suppressed
    # nobody in migration: a published zero, so there is no median to hide
    migrant = median("BE", "migrant")
    assert migrant is not None and migrant.value is None and not migrant.suppressed
    # the network has no median: not available rather than hidden
    network = median(NETWORK, T)
    assert network is not None and network.value is None and not network.suppressed
    assert not network.available


def test_shares_are_given_only_between_published_cells() -> None:
    published = protect(
        {"BE": figures(CONTACTS_CHANNEL=with_margins(CHANNELS))}, threshold=5, year=2025
    )

    assert published.share("CONTACTS_CHANNEL", "BE", ("phone_116000",)) == Decimal(120) / 163
    assert published.share("CONTACTS_CHANNEL", "BE", ("email",)) == 0
    assert published.share("CONTACTS_CHANNEL", "BE", ("sms",)) is None
    assert published.share("CONTACTS_CHANNEL", "BE", ("chat",)) is None
    # a share of a hidden total would give it away
    assert published.share("CONTACTS_CHANNEL", "BE", ("phone_116000",), of=("sms",)) is None


def test_unsuppressed_values_are_published_unchanged_and_the_network_adds_them_up() -> None:
    be = with_margins({("runaway",): 140, ("migrant",): 35})
    fr = with_margins({("runaway",): 210, ("migrant",): 0})
    published = protect(
        {"FR": figures(CASES_NEW=fr), "BE": figures(CASES_NEW=be)}, threshold=5, year=2024
    )

    assert published.year == 2024
    assert published.countries == ("BE", "FR")
    assert {(c.country, c.breakdown): c.value for c in published.cells} == {
        ("BE", ("runaway",)): 140,
        ("BE", ("migrant",)): 35,
        ("BE", (T,)): 175,
        ("FR", ("runaway",)): 210,
        ("FR", ("migrant",)): 0,
        ("FR", (T,)): 210,
        (NETWORK, ("runaway",)): 350,
        (NETWORK, ("migrant",)): 35,
        (NETWORK, (T,)): 385,
    }
    assert not any(cell.suppressed for cell in published)


@pytest.mark.parametrize(
    ("by_country", "message"),
    [
        ({"XX": figures(NOT_AN_INDICATOR={(): 3})}, "NOT_AN_INDICATOR is not an indicator"),
        ({"BE": figures(CASES_NEW={("runaway", "female"): 3})}, "CASES_NEW has 1 dimensions"),
        ({"BE": figures(CASES_NEW={("runaway",): -3})}, "is negative"),
        ({"_T": figures(CASES_NEW={("runaway",): 3})}, "not an ISO 3166-1 alpha-2"),
    ],
)
def test_figures_that_cannot_be_protected_are_refused_by_name(
    by_country: dict[str, Figures], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        protect(by_country, threshold=5, year=2025)
