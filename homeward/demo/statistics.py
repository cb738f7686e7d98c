"""The demo network's statistics: its reporting years and the hotlines' annual returns.

- The previous calendar year, which Homeward's data cover (cases.py): the network office opened
  it through the actions; most hotlines prepared their return from their own data and submitted
  it; a few prepared it and left it a draft (Belgium among them, so that the demo's Belgian
  supervisor can review and submit it); a few have not started, and the office reminded every
  hotline that had not submitted. The year is not locked: its report is still being made.
- The previous year's cross-border requests between the hotlines (past_requests.py), written
  before its returns are prepared, so that their "Cooperation between hotlines" counts them.
- 2019 up to the year before it: the network's history before Homeward, as each hotline
  uploaded its return from the system it used then (history.py), some hotlines missing some
  years. Written in bulk, like the demo's cases (the cells directly, bulk.write_rows), with
  ONE audit event ("demo.bulk_seed", object "returns-<first>-<last>") in their transaction,
  and every one of those years locked by the network office once its report was out.

Deterministic for a seed and a day: which hotlines are late depends on the seed; the years
follow today's date.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from homeward.audit.actions import record_event
from homeward.demo import history
from homeward.demo.bulk import hotlines_and_members, write_rows
from homeward.demo.network import COUNTRIES, DEFAULT_SEED, NETWORK_OFFICE
from homeward.demo.past_requests import seed_past_requests
from homeward.organisations.models import Membership, Organisation
from homeward.organisations.roles import Role
from homeward.statistics.actions import (
    open_year,
    prepare_return,
    remind_hotlines,
    submit_return,
)
from homeward.statistics.figures import Figures, breakdown_key
from homeward.statistics.models import AnnualReturn, ReportingYear, ReturnValue

DRAFTS = 3
"""Returns of the previous year prepared but not yet submitted (Belgium's among them)."""
NOT_STARTED = 3
"""Hotlines that have not prepared theirs."""
DRAFT_HOTLINE = "BE"
ONE_DECIMAL = Decimal("0.1")


@dataclass
class StatisticsSummary:
    history_years: list[int] = field(default_factory=list)
    history_returns: int = 0
    year: int = 0
    requests: int = 0
    """The year's cross-border requests (past_requests.py), counted in its returns."""
    states: dict[str, list[str]] = field(default_factory=dict)
    """"submitted", "draft", "not started" -> the countries of the hotlines in that state."""

    def __str__(self) -> str:
        first, last = self.history_years[0], self.history_years[-1]
        counts = ", ".join(f"{len(codes)} {state}" for state, codes in self.states.items())
        return (
            f"{self.history_returns} returns of {first}–{last} uploaded, those years locked; "
            f"{self.year} open ({self.requests} cross-border requests sent in it): {counts}"
        )


def seed_statistics(seed: int = DEFAULT_SEED, *, today: date | None = None) -> StatisticsSummary:
    """The reporting years and returns (the network and its cases must exist)."""
    today = today or timezone.now().date()
    year = today.year - 1
    hotlines, members = hotlines_and_members()
    coordinator = Membership.objects.select_related("user", "organisation").get(
        organisation__slug=NETWORK_OFFICE.slug, role=Role.NETWORK_COORDINATOR
    )
    supervisors = {
        code: members[(organisation.pk, Role.SUPERVISOR)] for code, organisation in hotlines.items()
    }
    years = list(range(history.FIRST_YEAR, year))
    summary = StatisticsSummary(history_years=years, year=year)
    summary.history_returns = seed_history(seed, years, hotlines, supervisors, coordinator)
    summary.states = plan_states(seed, year, sorted(hotlines))
    # before the returns are prepared, so that they count them
    summary.requests = seed_past_requests(seed, year, now=timezone.now())
    seed_year(year, summary.states, supervisors, coordinator)
    return summary


def plan_states(seed: int, year: int, countries: Sequence[str]) -> dict[str, list[str]]:
    """Which hotlines submitted the year's return, left it a draft or have not started: the
    late ones among the smaller hotlines, and Belgium's a draft."""
    rng = random.Random(f"returns-{seed}-{year}")
    others = [c for c in COUNTRIES if c.code in countries and c.code != DRAFT_HOTLINE]
    late = [c.code for c in history.late(rng, others, NOT_STARTED + DRAFTS - 1)]
    not_started, drafts = sorted(late[:NOT_STARTED]), late[NOT_STARTED:]
    if DRAFT_HOTLINE in countries:
        drafts.append(DRAFT_HOTLINE)
    submitted = [code for code in countries if code not in late and code != DRAFT_HOTLINE]
    return {"submitted": submitted, "draft": sorted(drafts), "not started": not_started}


def seed_year(
    year: int,
    states: Mapping[str, list[str]],
    supervisors: Mapping[str, Membership],
    coordinator: Membership,
) -> None:
    """The previous year, through the actions, each with its audit event and e-mails."""
    open_year(membership=coordinator, year=year, due_on=date(year + 1, 3, 31))
    for code in sorted([*states["submitted"], *states["draft"]]):
        supervisor = supervisors[code]
        annual_return = prepare_return(membership=supervisor, year=year)
        if code in states["submitted"]:
            submit_return(membership=supervisor, annual_return=annual_return)
    if states["draft"] or states["not started"]:
        remind_hotlines(membership=coordinator, year=year)


def _moment(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randint(8, 17), rng.randint(0, 59)), tzinfo=UTC)


def seed_history(
    seed: int,
    years: Sequence[int],
    hotlines: Mapping[str, Organisation],
    supervisors: Mapping[str, Membership],
    coordinator: Membership,
) -> int:
    """The years before Homeward, uploaded and locked, in one transaction with one audit event.
    Returns how many returns it wrote."""
    if not years:
        return 0
    countries = [country for country in COUNTRIES if country.code in hotlines]
    returns = history.history(seed, years, countries)
    office = coordinator.user_id
    with transaction.atomic():
        rows: list[tuple[AnnualReturn, Figures]] = []
        for year in years:
            rng = random.Random(f"uploads-{seed}-{year}")
            after = date(year + 1, 1, 1)
            ReportingYear.objects.create(
                year=year,
                due_on=date(year + 1, 3, 31),
                opened_at=_moment(after + timedelta(days=rng.randint(6, 20)), rng),
                opened_by_id=office,
                locked_at=_moment(date(year + 1, 6, 30), rng),
                locked_by_id=office,
            )
            for code, figures in sorted(returns[year].items()):
                supervisor = supervisors[code].user_id
                prepared = _moment(after + timedelta(days=rng.randint(30, 110)), rng)
                rows.append(
                    (
                        AnnualReturn(
                            organisation=hotlines[code],
                            year=year,
                            source=AnnualReturn.Source.UPLOADED,
                            state=AnnualReturn.State.SUBMITTED,
                            prepared_at=prepared,
                            prepared_by_id=supervisor,
                            submitted_at=prepared + timedelta(hours=rng.randint(1, 96)),
                            submitted_by_id=supervisor,
                            file_name=f"annual-return-{code.lower()}-{year}.xlsx",
                        ),
                        figures,
                    )
                )
        created = AnnualReturn.objects.bulk_create([annual_return for annual_return, _ in rows])
        write_rows(
            ReturnValue,
            (
                {
                    "annual_return_id": annual_return.pk,
                    "indicator": code,
                    "breakdown": breakdown_key(breakdown),
                    "value": value.quantize(ONE_DECIMAL),
                }
                for annual_return, (_row, figures) in zip(created, rows, strict=True)
                for code, breakdown, value in figures
            ),
        )
        record_event(
            actor=None,
            organisation=None,
            action="demo.bulk_seed",
            object_type="demo.bulk",
            object_id=f"returns-{years[0]}-{years[-1]}",
            fields=[
                "statistics_reportingyear",
                "statistics_annualreturn",
                "statistics_returnvalue",
            ],
        )
    return len(rows)
