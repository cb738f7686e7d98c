"""Demo contacts and cases for every hotline of the demo network, written through the case
actions so that audit events, name keys and timelines exist exactly as in real use.

Volumes are modest (25–60 cases a hotline, 3–5 times as many contacts) and follow the
published figures (shapes.py). The story's dates are spread over the last 18 months: the
actions stamp some times with "now" (a closure's approval, a risk assessment, the timeline
entries they write), so each is moved back to the story's date right after the action. The
audit events keep the real time of seeding: the trail is append-only and says truthfully when
the demo was written.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from homeward.cases import actions
from homeward.cases.choices import (
    AsylumStage,
    BirthPrecision,
    Caller,
    Category,
    ContactType,
    LeftFrom,
    Outcome,
    RiskGrade,
    Status,
    Subcategory,
)
from homeward.cases.models import Case, Child, Closure, Contact, RiskAssessment, TimelineEvent
from homeward.demo import shapes
from homeward.demo.network import COUNTRIES, DEFAULT_SEED, Country
from homeward.organisations.models import Membership, Organisation
from homeward.organisations.roles import OrganisationKind, Role

HISTORY_DAYS = 548  # about 18 months
CASES_PER_HOTLINE = (25, 60)
CONTACTS_PER_CASE = (3.0, 5.0)
RETURNED_CLOSURE_SHARE = 0.03

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
NEIGHBOURS = ("DE", "FR", "IT", "ES", "PL", "RO", "NL", "BE", "AT", "GB", "UA", "TR", "MA")


@dataclass
class SeedSummary:
    cases: int = 0
    children: int = 0
    contacts: int = 0

    def __str__(self) -> str:
        return f"{self.cases} cases, {self.children} children, {self.contacts} contacts"


def _at(day: date, rng: random.Random, now: datetime) -> datetime:
    moment = datetime.combine(day, time(rng.randint(7, 22), rng.randint(0, 59)), tzinfo=UTC)
    return min(moment, now - timedelta(minutes=rng.randint(2, 30)))


class _Hotline:
    """Writes one hotline's planned cases and contacts through the actions."""

    def __init__(
        self, country: Country, organisation: Organisation, rng: random.Random, now: datetime
    ) -> None:
        self.country = country
        self.organisation = organisation
        self.rng = rng
        self.now = now
        self.started = now  # every time an action stamps is at or after this
        members = Membership.objects.filter(organisation=organisation, is_active=True)
        members = members.select_related("user", "organisation").order_by("pk")

        def member(role: Role) -> Membership:
            found = members.filter(role=role).first()
            if found is None:
                raise LookupError(f"{organisation.slug} has no active {role.label}")
            return found

        self.operator = member(Role.OPERATOR)
        self.supervisor = member(Role.SUPERVISOR)
        self.children: dict[int, Child] = {}
        self.summary = SeedSummary()

    # --- helpers -------------------------------------------------------------------------

    def _backdate(self, case: Case, when: datetime) -> None:
        """The timeline entries the last action stamped with "now" move to `when`."""
        TimelineEvent.objects.filter(case=case, occurred_at__gte=self.started).update(
            occurred_at=when
        )

    def _language(self) -> str:
        languages = self.country.languages
        return "en" if self.rng.random() < 0.08 else languages[0]

    def _contact(
        self, *, started_at: datetime, contact_type: str, caller: str, case: Case | None = None
    ) -> Contact:
        rng = self.rng
        channel = shapes.contact_channel(rng)
        silent = contact_type == ContactType.SILENT
        duration = None
        if channel in shapes.PHONES:
            duration = rng.randint(5, 40) if silent else rng.randint(90, 1800)
        contact = actions.log_contact(
            acting_user=self.operator.user,
            membership=self.operator,
            case=case,
            channel=channel,
            started_at=started_at,
            duration_seconds=duration,
            caller=caller,
            language="" if silent else self._language(),
            contact_type=contact_type,
            notes=shapes.CONTACT_NOTES[ContactType(contact_type)],
        )
        Contact.objects.filter(pk=contact.pk).update(created_at=started_at)
        self.summary.contacts += 1
        return contact

    def _child_input(self, plan: shapes.ChildPlan, category: str) -> dict[str, Any]:
        if plan.db_id is not None:
            return {"existing_child": self.children[plan.db_id]}
        rng = self.rng
        data: dict[str, Any] = {
            "given_names": plan.given_names,
            "family_name": plan.family_name,
            "original_script_name": plan.original_script_name,
            "sex": plan.sex,
            "birth_precision": plan.birth_precision,
            "nationalities": list(plan.nationalities),
            "languages": list(plan.languages),
            "physical_description": rng.choice(DESCRIPTIONS),
            "living_situation": rng.choice(LIVING.get(category, ("",))),
            "clothing": rng.choice(CLOTHING),
        }
        if plan.birth_precision == BirthPrecision.YEAR:
            data["birth_year"] = plan.birth_date.year
        else:
            data["birth_date"] = plan.birth_date
        return data

    def _section(self, plan: shapes.CasePlan) -> dict[str, Any] | None:
        rng = self.rng
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
            destination = rng.choice([c for c in NEIGHBOURS if c != self.country.code])
            return {
                "taking_parent_relationship": rng.choice(TAKING_PARENT),
                "suspected_destination": destination if international else "",
                "mediation_considered": rng.random() < 0.4,
            }
        if plan.category == Category.MIGRANT:
            return {
                "facility": "Reception centre (demo)",
                "guardian_appointed": rng.random() < 0.5,
                "registration_country": self.country.code,
                "asylum_stage": rng.choice(list(AsylumStage.values)),
            }
        return None

    # --- one case ------------------------------------------------------------------------

    def write_case(self, plan: shapes.CasePlan) -> Case:
        rng, now = self.rng, self.now
        operator = self.operator
        reported = plan.reported_at
        contact = self._contact(
            started_at=reported, contact_type=ContactType.NEW_CASE, caller=plan.caller
        )
        new_children = [c for c in plan.children if c.db_id is None]
        locality, _, place = plan.last_seen.partition(", ")
        police = "police" in plan.timeline
        case = actions.open_case(
            acting_user=operator.user,
            membership=operator,
            children=[self._child_input(c, plan.category) for c in plan.children],
            contact=contact,
            section=self._section(plan),
            category=plan.category,
            subcategory=plan.subcategory,
            is_cross_border=plan.is_cross_border,
            reasons=plan.reasons,
            summary=plan.summary,
            reported_at=reported,
            disappeared_on=plan.disappeared_on,
            disappeared_approximate=rng.random() < 0.1,
            last_seen_country=self.country.code,
            last_seen_locality=locality,
            last_seen_description=place,
            reporter_relationship=str(Caller(plan.caller).label),
            police_reference=f"DEMO-{rng.randint(100000, 999999)}" if police else "",
            police_reported_on=plan.disappeared_on if police else None,
        )
        known = {c.db_id for c in plan.children if c.db_id is not None}
        created = sorted(
            (link.child for link in case.case_children.select_related("child")
             if link.child_id not in known),
            key=lambda child: child.pk,
        )  # fmt: skip
        for child_plan, child in zip(new_children, created, strict=True):
            child_plan.db_id = child.pk
            self.children[child.pk] = child
            self.summary.children += 1
            for form in child_plan.other_names:
                actions.add_child_name(
                    acting_user=operator.user,
                    membership=operator,
                    child=child,
                    value=form,
                    source=rng.choice(shapes.MIGRANT_SOURCES),
                )
        Child.objects.filter(pk__in=[c.db_id for c in new_children]).update(created_at=reported)
        Case.objects.filter(pk=case.pk).update(created_at=reported)
        self._backdate(case, reported)
        self.summary.cases += 1

        # Until the child is found (or until now): risk, timeline, follow-up contacts.
        found_at = _at(plan.found_on, rng, now) if plan.found_on else now
        until = min(max(found_at, reported + timedelta(minutes=30)), now - timedelta(minutes=1))
        span = max((until - reported).total_seconds(), 60.0)

        def during(share: float) -> datetime:
            return reported + timedelta(seconds=span * share)

        factors = [
            {
                "kind": kind,
                "source": rng.choice(shapes.FACTOR_SOURCES),
                "observed_at": reported - timedelta(minutes=rng.randint(5, 600)),
            }
            for kind in plan.risk_factors
        ]
        assessed_at = reported + timedelta(minutes=rng.randint(5, 45))
        assessment = actions.assess_risk(
            acting_user=operator.user,
            membership=operator,
            case=case,
            grade=plan.risk_grade,
            rationale="Initial assessment during the first call.",
            factors=factors,
        )
        RiskAssessment.objects.filter(pk=assessment.pk).update(assessed_at=assessed_at)
        self._backdate(case, assessed_at)
        if plan.risk_grade != RiskGrade.VERY_LOW and rng.random() < 0.15:
            later = during(0.3)
            grade = rng.choice([g for g in RiskGrade.values if g != plan.risk_grade])
            review = actions.assess_risk(
                acting_user=operator.user,
                membership=operator,
                case=case,
                grade=grade,
                rationale="Reviewed after new information.",
                factors=[
                    {"kind": "other", "source": "Police officer on duty", "observed_at": later}
                ]
                if grade == RiskGrade.HIGH
                else (),
            )
            RiskAssessment.objects.filter(pk=review.pk).update(assessed_at=later)
            self._backdate(case, later)
        for index, kind in enumerate(plan.timeline):
            actions.record_timeline(
                acting_user=operator.user,
                membership=operator,
                case=case,
                kind=kind,
                text=rng.choice(shapes.TIMELINE_NOTES[kind]),
                occurred_at=during(0.1 + 0.2 * index),
            )
        for index in range(plan.follow_ups):
            self._contact(
                started_at=during(0.2 + 0.25 * index),
                contact_type=ContactType.EXISTING_CASE,
                caller=plan.caller,
                case=case,
            )
        if plan.risk_grade == RiskGrade.HIGH or rng.random() < 0.4:
            actions.change_status(
                acting_user=operator.user, membership=operator, case=case, status="active_search"
            )
            self._backdate(case, during(0.05))

        found = plan.found_on is not None and plan.found_on <= now.date()
        if found:
            actions.change_status(
                acting_user=operator.user, membership=operator, case=case, status=Status.FOUND
            )
            self._backdate(case, until)
        self._close(case, plan, until if found else None)
        return case

    def _close(self, case: Case, plan: shapes.CasePlan, found_at: datetime | None) -> None:
        rng, now = self.rng, self.now
        requested_on, decided_on = plan.closure_requested_on, plan.closure_decided_on
        if requested_on is None or requested_on > now.date():
            return
        operator, supervisor = self.operator, self.supervisor
        country = self.country.code
        found = plan.outcome != Outcome.STILL_MISSING
        if found and plan.is_cross_border and rng.random() < 0.5:
            country = rng.choice([c for c in NEIGHBOURS if c != self.country.code])

        def request() -> Closure:
            return actions.request_closure(
                acting_user=operator.user,
                membership=operator,
                case=case,
                outcome=plan.outcome,
                found_on=plan.found_on if found else None,
                found_country=country if found else "",
                found_place=shapes.CAPITALS.get(country, "") if found else "",
                how_found=shapes.HOW_FOUND[Outcome(plan.outcome)],
                support_offered=shapes.SUPPORT(rng) if found else (),
            )

        requested_at = _at(requested_on, rng, now)
        if found_at is not None:  # not before the child was found
            requested_at = min(max(requested_at, found_at + timedelta(minutes=30)), now)
        closure = request()
        Closure.objects.filter(pk=closure.pk).update(requested_at=requested_at)
        self._backdate(case, requested_at)
        if decided_on is None or decided_on > now.date():
            return
        decided_at = max(_at(decided_on, rng, now), requested_at + timedelta(minutes=10))
        if rng.random() < RETURNED_CLOSURE_SHARE:
            actions.decide_closure(
                acting_user=supervisor.user,
                membership=supervisor,
                closure=closure,
                approve=False,
                note="Say how the return interview went before closing.",
            )
            Closure.objects.filter(pk=closure.pk).update(decided_at=decided_at)
            self._backdate(case, decided_at)
            closure = request()
            decided_at += timedelta(hours=2)
            Closure.objects.filter(pk=closure.pk).update(requested_at=decided_at)
            self._backdate(case, decided_at)
            decided_at += timedelta(hours=rng.randint(1, 20))
        decided_at = min(decided_at, now - timedelta(seconds=30))
        actions.decide_closure(
            acting_user=supervisor.user, membership=supervisor, closure=closure, approve=True
        )
        Closure.objects.filter(pk=closure.pk).update(decided_at=decided_at)
        Case.objects.filter(pk=case.pk).update(closed_at=decided_at, updated_at=decided_at)
        self._backdate(case, decided_at)

    # --- contacts that are not cases -----------------------------------------------------

    def write_other_contacts(self, count: int) -> None:
        rng, now = self.rng, self.now
        for _ in range(count):
            contact_type = shapes.OTHER_CONTACT_TYPE(rng)
            caller = shapes.CALLER[""](rng)
            if contact_type == ContactType.SILENT:
                caller = Caller.OTHER
            elif contact_type == ContactType.PREVENTION:
                caller = rng.choice((Caller.CHILD, Caller.CHILD, Caller.PARENT))
            started = now - timedelta(seconds=rng.uniform(600, HISTORY_DAYS * 86400))
            self._contact(started_at=started.replace(microsecond=0), contact_type=contact_type,
                          caller=caller)  # fmt: skip


def seed_cases(
    seed: int = DEFAULT_SEED,
    *,
    per_hotline: tuple[int, int] | None = None,
    countries: Sequence[str] | None = None,
    now: datetime | None = None,
) -> SeedSummary:
    """Seed each hotline's cases and contacts (the network must exist), one transaction per
    hotline. Deterministic for a seed and a day: the dates are relative to today."""
    now = now or timezone.now().replace(microsecond=0)
    total = SeedSummary()
    organisations = {
        o.country: o for o in Organisation.objects.filter(kind=OrganisationKind.NATIONAL_HOTLINE)
    }
    for country in COUNTRIES:
        if countries is not None and country.code not in countries:
            continue
        organisation = organisations.get(country.code)
        if organisation is None:
            continue
        rng = random.Random(f"cases-{seed}-{country.code}")
        with transaction.atomic():
            hotline = _Hotline(country, organisation, rng, now)
            hotline.started = timezone.now() - timedelta(seconds=1)
            planner = shapes.HotlinePlanner(rng, country, now.date())
            count = rng.randint(*(per_hotline or CASES_PER_HOTLINE))
            for reported_at in shapes.report_times(rng, count, now, HISTORY_DAYS):
                hotline.write_case(planner.plan(reported_at))
            target = round(count * rng.uniform(*CONTACTS_PER_CASE))
            hotline.write_other_contacts(max(0, target - hotline.summary.contacts))
        total.cases += hotline.summary.cases
        total.children += hotline.summary.children
        total.contacts += hotline.summary.contacts
    return total
