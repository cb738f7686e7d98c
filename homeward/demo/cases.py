"""The demo's cases and contacts for every hotline of the demo network, written in bulk.

`homeward demo` writes them with the bulk path of the benchmark (bulk.py: rows written directly,
ONE audit event, "demo.bulk_seed", for the lot, in their transaction), so that the first page is
served seconds after the install rather than minutes. On top of the benchmark's rows it writes
what an operator looks at in a case, as the actions would have: the category's section,
descriptions and clothing, the timeline (children added, risk assessed and reviewed, police
informed, information received, status changes, closure requested and approved), every
contact of a case in its timeline, and contacts in the hotline's languages and in English.

Volumes and shapes follow the published figures (shapes.py, DOMAIN.md "Annual figures, as
published"): each hotline opens about its country's `cases_a_year` (100 to 600; ~7,000 cases for
the network) and logs 8–10 contacts per case, three in four by phone. The dates cover the whole
previous calendar year, so that its annual return can be computed from Homeward's data, the
current year up to today, and the last quarter before them, so that the previous year starts
with cases carried over.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db import models
from django.utils import timezone

from homeward.cases.choices import (
    AsylumStage,
    Caller,
    Category,
    ContactType,
    LeftFrom,
    RiskGrade,
    Status,
    Subcategory,
    TimelineKind,
)
from homeward.cases.models import (
    Case,
    CaseChild,
    Child,
    ChildName,
    Closure,
    Contact,
    MigrationDetails,
    ParentalAbductionDetails,
    RiskAssessment,
    RiskFactor,
    RunawayDetails,
    TimelineEvent,
)
from homeward.demo import plans, shapes
from homeward.demo.bulk import (
    MODELS,
    Writer,
    hotlines_and_members,
    write_in_bulk,
)
from homeward.demo.network import COUNTRIES, DEFAULT_SEED, Country, full_name
from homeward.organisations.models import Membership, Organisation
from homeward.organisations.roles import Role

YEARLY_VOLUME = (0.92, 1.08)
"""A hotline's year against its country's `cases_a_year`."""
CONTACTS_PER_CASE = (8.0, 10.0)
LEAD_IN_DAYS = 92
"""Cases reported in the last quarter before the previous year: the ones it carries over."""
ENGLISH_SHARE = 0.08  # of contacts, at every hotline

DESCRIPTIONS = (
    "Medium height, short dark hair.", "Tall and slim, long fair hair.",
    "Small for their age, curly brown hair.", "Glasses, hair in a ponytail.",
    "Short, red hair, freckles.",
)  # fmt: skip
CLOTHING = (
    "Blue jacket, jeans, white trainers.", "Black hoodie, grey tracksuit bottoms.",
    "Red coat, school uniform.", "Green parka, black backpack.", "Yellow raincoat, boots.",
)  # fmt: skip
LIVING: dict[str, tuple[str, ...]] = {
    Category.RUNAWAY: ("Lives with mother and stepfather.", "Lives with both parents.",
                       "Lives in a care home.", "Lives with a foster family."),
    Category.MIGRANT: ("Lives in a reception centre.",),
}  # fmt: skip
TAKING_PARENT = ("father", "mother")


SECTIONS: dict[str, type[models.Model]] = {
    Category.RUNAWAY: RunawayDetails,
    Category.PARENTAL_ABDUCTION: ParentalAbductionDetails,
    Category.MIGRANT: MigrationDetails,
}


@dataclass
class SeedSummary:
    cases: int = 0
    children: int = 0
    contacts: int = 0

    def __str__(self) -> str:
        return f"{self.cases} cases, {self.children} children, {self.contacts} contacts"


class StoryWriter(Writer):
    """The benchmark's rows, and what the actions would also have written for a case."""

    written_models = (*MODELS, RunawayDetails, ParentalAbductionDetails, MigrationDetails)

    def __init__(self, now: datetime, postgres: bool) -> None:
        super().__init__(now, postgres)
        self.country: Country = COUNTRIES[0]
        self.category = ""
        self.rng = random.Random()
        self.recorded_share = 0.0

    def start_hotline(self, country: Country, rng: random.Random, seed: int) -> None:
        self.country, self.rng = country, rng
        self.recorded_share = shapes.recorded_share(seed, country.code)

    def _event(self, case_id: int, kind: str, when: datetime, actor_id: int, **values: Any) -> None:
        self.tables[TimelineEvent].add(
            case_id=case_id, kind=kind, occurred_at=when, actor_id=actor_id, **values
        )

    def contact(
        self,
        rng: random.Random,
        organisation_id: int,
        user_id: int,
        started: datetime,
        contact_type: str,
        caller: str,
        language: str,
        case_id: int | None = None,
    ) -> int:
        if rng.random() < ENGLISH_SHARE:
            language = "en"
        contact_id = super().contact(
            rng, organisation_id, user_id, started, contact_type, caller, language, case_id
        )
        if (
            contact_type != ContactType.SILENT
            and caller != Caller.CHILD
            and rng.random() < self.recorded_share
        ):
            self.tables[Contact].rows[-1].update(
                caller_consent=True,
                caller_name=full_name(rng, self.country.languages),
                caller_phone=f"+{self.country.dialling_code} 000 000 000",
            )
        if case_id is not None and contact_type != ContactType.NEW_CASE:  # the first is in
            self._event(
                case_id, TimelineKind.CONTACT, started, user_id, message="contact",
                params={"contact_type": contact_type}, contact_id=contact_id,
            )  # fmt: skip
        return contact_id

    def child(self, organisation_id: int, plan: plans.ChildPlan, created: datetime) -> int:
        rng = self.rng
        child_id = super().child(organisation_id, plan, created)
        self.tables[Child].rows[-1].update(
            physical_description=rng.choice(DESCRIPTIONS),
            living_situation=rng.choice(LIVING.get(self.category, ("",))),
        )
        if plan.other_names:
            for row in self.tables[ChildName].rows[-len(plan.other_names) :]:
                row["source"] = rng.choice(shapes.MIGRANT_SOURCES)
        return child_id

    def case(
        self,
        rng: random.Random,
        organisation: Organisation,
        operator: Membership,
        supervisor: Membership,
        plan: plans.CasePlan,
        language: str,
    ) -> int:
        t, now = self.tables, self.now
        self.category = plan.category
        case_id = super().case(rng, organisation, operator, supervisor, plan, language)
        user_id, reported = operator.user_id, plan.reported_at
        row = t[Case].rows[-1]
        police = "police" in plan.timeline
        if plan.is_cross_border and plan.category != Category.PARENTAL_ABDUCTION:
            abroad = rng.choice([c for c in shapes.NEIGHBOURS if c != self.country.code])
            row.update(last_seen_country=abroad, last_seen_locality=shapes.CAPITALS.get(abroad, ""))
        row.update(
            disappeared_approximate=rng.random() < 0.1,
            police_reference=f"DEMO-{rng.randint(100000, 999999)}" if police else "",
            police_reported_on=plan.disappeared_on if police else None,
        )
        for link, child_plan in zip(
            t[CaseChild].rows[-len(plan.children) :], plan.children, strict=True
        ):
            link["clothing"] = rng.choice(CLOTHING)
            name = " ".join(p for p in (child_plan.given_names, child_plan.family_name) if p)
            self._event(case_id, TimelineKind.CHILD, reported, user_id, text=name)
        section = self._section(plan)
        if section is not None:
            t[SECTIONS[plan.category]].add(case_id=case_id, **section)

        found = plan.found_on is not None and plan.found_on <= now.date()
        found_at = now
        if found and plan.found_on is not None:
            found_at = datetime.combine(plan.found_on, time(12), tzinfo=UTC)
        until = min(max(found_at, reported + timedelta(minutes=30)), now - timedelta(minutes=1))
        span = max((until - reported).total_seconds(), 60.0)

        def during(share: float) -> datetime:
            return reported + timedelta(seconds=span * share)

        assessment = t[RiskAssessment].rows[-1]
        self._event(
            case_id, TimelineKind.RISK, assessment["assessed_at"], user_id, message="risk",
            params={"grade": plan.risk_grade},
        )  # fmt: skip
        if plan.risk_grade != RiskGrade.VERY_LOW and rng.random() < 0.15:
            later = during(0.3)
            grade = rng.choice([g for g in RiskGrade.values if g != plan.risk_grade])
            review = t[RiskAssessment].add(
                case_id=case_id, grade=grade, rationale="Reviewed after new information.",
                assessed_by_id=user_id, assessed_at=later,
            )  # fmt: skip
            if grade == RiskGrade.HIGH:
                t[RiskFactor].add(
                    assessment_id=review, kind="other", detail="",
                    source="Police officer on duty", observed_at=later,
                )  # fmt: skip
            row["risk_grade"] = grade
            self._event(
                case_id, TimelineKind.RISK, later, user_id, message="risk_changed",
                params={"old": plan.risk_grade, "new": grade},
            )  # fmt: skip
        for index, kind in enumerate(plan.timeline):
            text = rng.choice(shapes.TIMELINE_NOTES[kind])
            self._event(case_id, kind, during(0.1 + 0.2 * index), user_id, text=text)
        status = row["status"]
        searched = status == Status.ACTIVE_SEARCH or (
            status != Status.OPEN and (plan.risk_grade == RiskGrade.HIGH or rng.random() < 0.4)
        )  # as the actions would have: searched for, then found or closed
        if searched:
            self._event(
                case_id, TimelineKind.STATUS, during(0.05), user_id, message="status",
                params={"status": Status.ACTIVE_SEARCH},
            )  # fmt: skip
        if found:
            self._event(
                case_id, TimelineKind.STATUS, until, user_id, message="status",
                params={"status": Status.FOUND},
            )  # fmt: skip
        closures = t[Closure].rows
        if closures and closures[-1]["case_id"] == case_id:
            closure = closures[-1]
            if closure["found_country"]:
                closure["found_place"] = shapes.CAPITALS.get(closure["found_country"], "")
            self._event(
                case_id, TimelineKind.CLOSURE, closure["requested_at"], user_id,
                message="closure_requested", params={"outcome": plan.outcome},
            )  # fmt: skip
            if closure["decided_at"] is not None:
                self._event(
                    case_id, TimelineKind.CLOSURE, closure["decided_at"],
                    supervisor.user_id, message="closure_approved",
                )  # fmt: skip
        return case_id

    def _section(self, plan: plans.CasePlan) -> dict[str, Any] | None:
        rng, code = self.rng, self.country.code
        if plan.category == Category.RUNAWAY:
            left_from: str = LeftFrom.HOME
            if plan.subcategory == Subcategory.FROM_CARE:
                left_from = rng.choice(
                    (LeftFrom.CARE_INSTITUTION, LeftFrom.CARE_INSTITUTION, LeftFrom.FOSTER_FAMILY)
                )
            return {
                "left_from": left_from,
                "pushed_out": plan.subcategory == Subcategory.PUSHED_OUT,
                "previous_episodes": plan.previous_episodes,
            }
        if plan.category == Category.PARENTAL_ABDUCTION:
            international = plan.subcategory == Subcategory.INTERNATIONAL
            destination = rng.choice([c for c in shapes.NEIGHBOURS if c != code])
            return {
                "taking_parent_relationship": rng.choice(TAKING_PARENT),
                "suspected_destination": destination if international else "",
                "mediation_considered": rng.random() < 0.4,
            }
        if plan.category == Category.MIGRANT:
            return {
                "facility": "Reception centre (demo)",
                "guardian_appointed": rng.random() < 0.5,
                "registration_country": code,
                "asylum_stage": rng.choice(list(AsylumStage.values)),
            }
        return None


def history_days(today: date) -> int:
    """The days the demo's cases are spread over, up to today: from the lead-in quarter before
    the previous calendar year."""
    return (today - date(today.year - 1, 1, 1)).days + LEAD_IN_DAYS


def cases_to_seed(rng: random.Random, country: Country, days: int) -> int:
    """The hotline's cases over `days`: its country's yearly volume, give or take 8 %."""
    return round(country.cases_a_year * rng.uniform(*YEARLY_VOLUME) * days / 365.25)


def seed_cases(
    seed: int = DEFAULT_SEED,
    *,
    per_hotline: tuple[int, int] | None = None,
    countries: Sequence[str] | None = None,
    now: datetime | None = None,
) -> SeedSummary:
    """Seed each hotline's cases and contacts (the network must exist), all in one transaction
    with one audit event; `per_hotline` (a range) instead of the country's volume, for tests.
    Deterministic for a seed and a day: the dates are relative to today."""
    now = now or timezone.now().replace(microsecond=0)
    days = history_days(now.date())
    hotlines, members = hotlines_and_members()

    def fill(writer: Writer) -> None:
        assert isinstance(writer, StoryWriter)
        contacts = writer.tables[Contact]
        for country in COUNTRIES:
            organisation = hotlines.get(country.code)
            if organisation is None or (countries is not None and country.code not in countries):
                continue
            rng = random.Random(f"cases-{seed}-{country.code}")
            writer.start_hotline(country, rng, seed)
            operator = members[(organisation.pk, Role.OPERATOR)]
            supervisor = members[(organisation.pk, Role.SUPERVISOR)]
            language = country.languages[0]
            planner = plans.HotlinePlanner(rng, country, now.date())
            if per_hotline is None:
                count = cases_to_seed(rng, country, days)
            else:
                count = rng.randint(*per_hotline)
            before = contacts.written + len(contacts.rows)
            for reported_at in plans.report_times(rng, count, now, days):
                plan = planner.plan(reported_at)
                writer.case(rng, organisation, operator, supervisor, plan, language)
            target = round(count * rng.uniform(*CONTACTS_PER_CASE))
            written = contacts.written + len(contacts.rows) - before
            writer.other_contacts(
                rng, organisation.pk, operator.user_id, max(0, target - written), language, days
            )
            writer.flush()

    counts = write_in_bulk(StoryWriter, fill, now=now, label="demo").counts
    return SeedSummary(
        cases=counts["cases_case"], children=counts["cases_child"], contacts=counts["cases_contact"]
    )
