"""The demo's statistics: the network's history before Homeward reads like the published reports
and every return of it is one a hotline could upload (checked without a database), and the
seeded years are in every state the pages show: the previous year open with returns submitted,
drafts and hotlines not started, computed from the demo's own cases; the years before uploaded
and locked, in one audited batch."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from pytest_django import DjangoDbBlocker

from homeward.audit.models import AuditEvent
from homeward.crossborder.choices import State
from homeward.crossborder.models import CooperationRequest
from homeward.demo.cases import seed_cases
from homeward.demo.history import (
    ALERT_COUNTRIES,
    FIRST_YEAR,
    NETWORK_YEARS,
    history,
    network_year,
)
from homeward.demo.management.commands.demo import LOCAL_MAIL, QUIET_TASKS
from homeward.demo.network import COUNTRIES, DEFAULT_SEED, seed_network
from homeward.demo.statistics import DRAFT_HOTLINE, StatisticsSummary, plan_states, seed_statistics
from homeward.organisations.models import Organisation
from homeward.organisations.roles import Role
from homeward.statistics import compute
from homeward.statistics.figures import Figures, breakdown_of
from homeward.statistics.models import AnnualReturn, ReportingYear
from homeward.statistics.report import network_report
from homeward.statistics.report.aggregate import network_totals
from homeward.statistics.returns.template import csv_return
from homeward.statistics.returns.validation import check_upload

T = "_T"
PUBLISHED_YEARS = sorted(NETWORK_YEARS)
ALL_CODES = [country.code for country in COUNTRIES]


@pytest.fixture(scope="module")
def network_history() -> dict[int, dict[str, Figures]]:
    return history(DEFAULT_SEED, PUBLISHED_YEARS)


def _cell(figures: Figures, code: str, *breakdown: str) -> Decimal:
    return figures.get(code, breakdown) or Decimal(0)


def test_the_history_reads_like_the_published_reports(
    network_history: dict[int, dict[str, Figures]],
) -> None:
    for year, returns in network_history.items():
        spec = NETWORK_YEARS[year]
        assert len(returns) == spec.hotlines, year
        network = network_totals(returns)
        new = _cell(network, "CASES_NEW", T)
        caseload = new + _cell(network, "CASES_CARRIED_OVER", T)
        assert abs(caseload - spec.cases) <= Decimal("0.05") * spec.cases, (year, caseload)
        contacts = _cell(network, "CONTACTS_CHANNEL", T)
        assert abs(contacts - spec.contacts) <= Decimal("0.05") * spec.contacts, year
        calls = sum(_cell(network, "CONTACTS_CHANNEL", c) for c in ("phone_116000", "phone_other"))
        assert abs(calls / contacts - Decimal(spec.phone_share)) < Decimal("0.03"), year
        for category, published in zip(
            ("runaway", "parental_abduction", "migrant", "lost_injured"),
            spec.categories,
            strict=True,
        ):
            share = 100 * _cell(network, "CASES_NEW", category) / new
            assert abs(share - Decimal(published)) < 2, (year, category, share)
        cross_border = 100 * _cell(network, "CASES_CROSS_BORDER", T, "yes") / new
        assert 10 <= cross_border <= 20, (year, cross_border)
        found = _cell(network, "CASES_DURATION", T, T)
        assert 65 <= 100 * _cell(network, "CASES_DURATION", T, "lt_1w") / found <= 85, year


def test_the_history_has_a_handful_of_alerts_in_a_few_countries_and_tens_of_appeals(
    network_history: dict[int, dict[str, Figures]],
) -> None:
    for year, returns in network_history.items():
        network = network_totals(returns)
        alerts = {code: _cell(f, "ALERTS", T) for code, f in returns.items()}
        assert {code for code, n in alerts.items() if n} <= ALERT_COUNTRIES, year
        assert 3 <= sum(alerts.values()) <= 30 and max(alerts.values()) <= 8, (year, alerts)
        for code, figures in returns.items():
            if code not in ALERT_COUNTRIES:  # no alert system: nobody located after an alert
                assert _cell(figures, "CASES_OUTCOME", T, "located_alert") == 0, (year, code)
        # each child located after publicity had an appeal; most appeals end with the child found
        appeals = _cell(network, "APPEALS", T)
        assert 100 <= appeals <= 500, (year, appeals)
        assert appeals >= _cell(network, "CASES_OUTCOME", T, "located_publicity") // 2, year
        assert _cell(network, "APPEALS", "child_found") > appeals / 2, year
        assert _cell(network, "ALERTS", "not_ended") == 0, year  # uploaded months later


def test_the_published_figures_are_the_ones_domain_md_gives() -> None:
    published = {y: (s.hotlines, s.cases, s.contacts) for y, s in NETWORK_YEARS.items()}
    assert published[2019][1:] == (7_582, 55_284)
    assert published[2020] == (22, 8_857, 42_662)
    assert published[2022][1:] == (6_668, 70_855)
    assert published[2023][1:] == (7_274, 67_345)
    assert not NETWORK_YEARS[2021].published and not NETWORK_YEARS[2024].published
    later = network_year(2031)
    assert later.year == 2031 and not later.published


def test_the_smaller_hotlines_miss_some_years(
    network_history: dict[int, dict[str, Figures]],
) -> None:
    sizes = {country.code: country.cases_a_year for country in COUNTRIES}
    missing = {year: set(ALL_CODES) - set(returns) for year, returns in network_history.items()}
    assert all(missing.values())
    assert all(sizes[code] <= 200 for codes in missing.values() for code in codes)
    assert len(set.union(*missing.values())) > max(len(codes) for codes in missing.values())


def test_every_history_return_passes_the_upload_checks_unchanged(
    network_history: dict[int, dict[str, Figures]],
) -> None:
    for year, returns in network_history.items():
        for code, figures in returns.items():
            uploaded = check_upload(f"{code}-{year}.csv", csv_return(figures))
            assert uploaded.values == figures.values, (year, code)
            assert "REQUESTS_SENT" not in figures.values  # not counted before Homeward


def test_the_history_and_the_late_hotlines_follow_the_seed() -> None:
    assert history(7, [2020]) == history(7, [2020])
    assert history(7, [2020]) != history(8, [2020])
    assert plan_states(7, 2025, ALL_CODES) == plan_states(7, 2025, ALL_CODES)
    plans = [plan_states(seed, 2025, ALL_CODES) for seed in range(5)]
    assert any(plan != plans[0] for plan in plans)
    for plan in plans:
        assert DRAFT_HOTLINE in plan["draft"]
        assert sorted(code for codes in plan.values() for code in codes) == sorted(ALL_CODES)
        assert (len(plan["draft"]), len(plan["not started"])) == (3, 3)


# --- seeded --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeded(
    django_db_setup: None, django_db_blocker: DjangoDbBlocker
) -> Iterator[StatisticsSummary]:
    """The network, a few cases per hotline over the demo's span, and the statistics; in a
    transaction rolled back afterwards."""
    with (
        django_db_blocker.unblock(),
        override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            TASKS=QUIET_TASKS,
            EMAIL_BACKEND=LOCAL_MAIL,
        ),
        transaction.atomic(),
    ):
        seed_network(shared_password="a-long-demo-password")
        seed_cases(per_hotline=(12, 14))
        yield seed_statistics()
        transaction.set_rollback(True)


def _year() -> int:
    return timezone.now().year - 1


@pytest.mark.django_db
def test_the_previous_year_is_open_and_the_years_before_are_locked(
    seeded: StatisticsSummary,
) -> None:
    year = _year()
    years = {y.year: y for y in ReportingYear.objects.all()}
    assert sorted(years) == list(range(FIRST_YEAR, year + 1))
    assert not years[year].is_locked
    due_on = years[year].due_on
    assert due_on is not None
    assert due_on > date(year, 12, 31)
    coordinator = Organisation.objects.get(slug="network-office").memberships.get(
        role=Role.NETWORK_COORDINATOR
    )
    for earlier in range(FIRST_YEAR, year):
        assert years[earlier].is_locked
        assert years[earlier].locked_by_id == years[earlier].opened_by_id == coordinator.user_id
        locked_at = years[earlier].locked_at
        assert locked_at is not None
        assert locked_at.year == earlier + 1


@pytest.mark.django_db
def test_the_history_was_uploaded_and_submitted_some_hotlines_missing(
    seeded: StatisticsSummary,
) -> None:
    history_returns = AnnualReturn.objects.filter(year__lt=_year())
    assert history_returns.count() == seeded.history_returns
    assert set(history_returns.values_list("source", "state")) == {("uploaded", "submitted")}
    for year in range(FIRST_YEAR, _year()):
        submitted = history_returns.filter(year=year)
        assert submitted.count() == network_year(year).hotlines < len(COUNTRIES)
        assert not submitted.filter(submitted_at__year__gt=year + 1).exists()
        assert submitted.filter(values__indicator="CASES_NEW").exists()


@pytest.mark.django_db
def test_the_previous_year_has_returns_in_every_state_computed_from_the_data(
    seeded: StatisticsSummary,
) -> None:
    returns = AnnualReturn.objects.filter(year=_year()).select_related("organisation")
    states = {r.organisation.country: r.state for r in returns}
    assert sorted(code for code, state in states.items() if state == "submitted") == sorted(
        seeded.states["submitted"]
    )
    assert sorted(code for code, state in states.items() if state == "draft") == sorted(
        seeded.states["draft"]
    )
    assert DRAFT_HOTLINE in seeded.states["draft"]
    assert not set(states) & set(seeded.states["not started"])
    assert len(seeded.states["not started"]) == 3
    assert {r.source for r in returns} == {"computed"}
    new_cases = Decimal(0)
    for annual_return in returns:
        computed = compute.annual_figures(annual_return.organisation, _year())
        stored = Figures()
        for value in annual_return.values.all():
            stored.set(value.indicator, breakdown_of(value.breakdown), value.value)
        assert stored.values == computed.values, annual_return.organisation.country
        new_cases += _cell(stored, "CASES_NEW", T)
    assert new_cases > 0


@pytest.mark.django_db
def test_the_previous_year_went_through_the_audited_actions_the_history_in_one_batch(
    seeded: StatisticsSummary,
) -> None:
    year = _year()
    events = AuditEvent.objects.filter(action__startswith="statistics.")
    prepared = len(seeded.states["submitted"]) + len(seeded.states["draft"])
    assert events.filter(action="statistics.year.open").count() == 1
    assert events.filter(action="statistics.return.prepare").count() == prepared
    assert events.filter(action="statistics.return.submit").count() == len(
        seeded.states["submitted"]
    )
    assert events.filter(action="statistics.year.remind").count() == 1
    assert not events.filter(action="statistics.return.upload").exists()
    batch = AuditEvent.objects.get(action="demo.bulk_seed", object_id=f"returns-2019-{year - 1}")
    assert "statistics_returnvalue" in batch.fields


@pytest.mark.django_db
def test_the_network_report_of_the_previous_year_has_its_trends_since_2019(
    seeded: StatisticsSummary,
) -> None:
    report = network_report(_year())
    assert report.trends.years == list(range(FIRST_YEAR, _year() + 1))
    assert report.trends.hotlines[-1] == len(seeded.states["submitted"])
    assert report.trends.hotlines[:-1] == [
        network_year(y).hotlines for y in report.trends.years[:-1]
    ]


@pytest.mark.django_db
def test_the_previous_year_counts_requests_sent_and_acknowledged_in_time_late_or_not(
    seeded: StatisticsSummary,
) -> None:
    returns = AnnualReturn.objects.filter(year=_year()).select_related("organisation")
    network = network_totals(
        {r.organisation.country: compute.annual_figures(r.organisation, _year()) for r in returns}
    )
    assert _cell(network, "REQUESTS_SENT", T) > 0
    in_time, late = (_cell(network, "REQUESTS_RECEIVED", code) for code in ("in_time", "late"))
    assert in_time > late > 0
    assert seeded.requests == CooperationRequest.objects.filter(sent_at__year=_year()).count()
    assert AuditEvent.objects.filter(
        action="demo.bulk_seed", object_id=f"requests-{_year()}"
    ).exists()


@pytest.mark.django_db
def test_the_previous_years_requests_have_states_their_timestamps_tell(
    seeded: StatisticsSummary,
) -> None:
    requests = CooperationRequest.objects.filter(sent_at__year=_year())
    references = list(requests.values_list("reference", flat=True))
    assert len(set(references)) == len(references) == seeded.requests
    assert all(re.fullmatch(rf"XB-[A-Z]{{2}}-{_year()}-\d{{5}}", r) for r in references)
    now = timezone.now()
    for request in requests.select_related("case"):
        sent, due = request.sent_at, request.acknowledge_due_at
        assert sent is not None and due is not None
        assert request.case.organisation_id == request.sender_id
        assert request.case.is_cross_border and request.case.reported_at <= sent
        hours = 2 if request.urgency == "urgent" else 24
        assert due - sent == timedelta(hours=hours)
        assert request.urgency == ("urgent" if request.case.is_high_risk else "normal")
        acknowledged, completed = request.acknowledged_at, request.completed_at
        if request.state == State.WITHDRAWN:
            assert acknowledged is None and completed is not None
            assert request.share_revoked_at == completed
        else:
            assert acknowledged is not None and acknowledged > sent
        if request.state in (State.COMPLETED, State.DECLINED):
            assert acknowledged is not None and completed is not None
            assert acknowledged < completed < now
        if request.state in (State.ACKNOWLEDGED, State.IN_PROGRESS):
            assert completed is None
        assert request.state not in (State.DRAFT, State.AWAITING_APPROVAL, State.SENT)
    assert requests.filter(state=State.COMPLETED).count() > requests.count() / 2
