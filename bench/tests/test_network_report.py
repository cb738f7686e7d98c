"""The statistics benchmark's check, on small datasets: its hand-written SQL baseline and the
app's ORM (`figures_for`) give the same value for every cell, on SQLite and PostgreSQL alike,
and the check notices when they do not."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from pytest_django import Settings

from bench import network_report
from homeward.demo.bulk import bulk_seed
from homeward.statistics.figures import breakdown_key
from homeward.statistics.tests.known_expected import END, START, expected_2025
from homeward.statistics.tests.known_network import Network, build
from homeward.testing.cast import build_cast


@pytest.fixture
def network(db: None, settings: Settings) -> Network:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build(build_cast())


def _ids(network: Network) -> dict[str, int]:
    return {country: o.pk for country, o in network.organisations.items()}


def test_the_baseline_counts_the_known_network_as_worked_out_by_hand(network: Network) -> None:
    """The baseline itself is right: every cell as the plain loops over the network's own
    lists say (homeward/statistics/tests/known_expected.py), medians included."""
    ids = _ids(network)
    cells = network_report.baseline(list(ids.values()), START, END)
    for country, org in ids.items():
        expected = {
            (org, code, breakdown_key(cell)): value
            for code, values in expected_2025(country).items()
            for cell, value in values.items()
        }
        found = {key: value for key, value in cells.items() if key[0] == org}
        assert network_report.differences(expected, found) == []
    assert cells[ids["BE"], "CASES_NEW", "_T"] > 0


def test_the_orm_and_the_baseline_agree_on_every_cell_of_a_seeded_network(
    network: Network,
) -> None:
    """The known network plus 400 cases in bulk (the benchmark's own seeding, shrunk) over three
    years: repeat episodes, estimated ages, closures across year ends, contacts of every kind."""
    bulk_seed(400, seed=7, now=datetime(2026, 12, 7, 12, tzinfo=UTC), history_days=3 * 365)
    ids = sorted(_ids(network).values())
    for year in (2024, 2025, 2026):
        cells, wrong = network_report.compare(ids, date(year, 1, 1), date(year + 1, 1, 1))
        assert wrong == [], f"{year}: " + "\n".join(wrong[:10])
        assert cells[ids[0], "CONTACTS_CHANNEL", "_T"] > 0
    assert cells[ids[0], "CASES_CARRIED_OVER", "_T"] > 0  # 2026 starts with open cases


def test_the_check_reports_a_cell_that_differs_or_is_missing() -> None:
    expected = {(1, "CASES_NEW", "_T"): Decimal(5), (1, "CASES_NEW", "runaway"): Decimal(3)}
    found = {(1, "CASES_NEW", "_T"): Decimal(6), (1, "CASES_CLOSED", "_T._T"): Decimal(0)}
    assert network_report.differences(expected, found) == [
        "org 1 CASES_NEW [_T]: ORM 6, SQL 5",
        "org 1 CASES_CLOSED [_T._T]: ORM 0, missing from SQL",
        "org 1 CASES_NEW [runaway]: missing from the ORM, SQL 3",
    ]


def test_the_rounds_alternate_and_report_the_ratio(network: Network) -> None:
    ids = sorted(_ids(network).values())
    runs = network_report.measure(ids, START, END, rounds=2)
    assert [len(runs["orm"]), len(runs["sql"])] == [2, 2]
    # one statement per indicator family on the baseline's side, and the hotlines' periods
    assert runs["sql"][0]["statements"] == 10
    assert runs["orm"][0]["statements"] >= 9
    tables = [table for table, _seconds in runs["sql"][0]["statement_seconds"]]
    assert tables[:3] == ["organisations_organisation", "contacts", "new_cases"]
    orm_tables = {table for table, _seconds in runs["orm"][0]["statement_seconds"]}
    assert {"cases_contact", "cases_casechild", "cases_closure"} <= orm_tables
    result = network_report.summary(runs)
    assert result["ratio_median"] == pytest.approx(
        result["orm"]["median_seconds"] / result["sql"]["median_seconds"]
    )
