"""The REST API's shapes for cases: fields, section, risk, timeline, closure (the shared types
are in schemas.py)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Schema
from pydantic import AwareDatetime, BaseModel, model_validator

from homeward.cases.access import factor_detail
from homeward.cases.actions.cases import SECTION_OF_CATEGORY
from homeward.cases.choices import (
    AsylumStage,
    Category,
    LeftFrom,
    Outcome,
    Reason,
    RiskFactorKind,
    RiskGrade,
    SisCategory,
    Status,
    Subcategory,
    Support,
    TimelineKind,
)
from homeward.cases.detail import LoadedCase, LoadedChild
from homeward.cases.listing import LIST_COLUMNS
from homeward.cases.models import (
    Case,
    Closure,
    MigrationDetails,
    ParentalAbductionDetails,
    RiskAssessment,
    RiskFactor,
    RunawayDetails,
    TimelineEvent,
)
from homeward.cases.models.closure import duration_band
from homeward.cases.schemas import (
    CaseChildOut,
    ChildIn,
    Country,
    CountryOrBlank,
    In,
    Line40,
    Line64,
    Line100,
    Line200,
    Line254,
    PersonOut,
    Text,
    person_out,
)


class SectionIn(In):
    """The category's own section. Parental abduction: taking_parent_relationship,
    taking_parent_nationality, taking_parent_residence, custody_situation,
    suspected_destination, hague_application_on, mediation_considered. Missing child in
    migration: facility, guardian_appointed, registration_country, registered_on, asylum_stage,
    trafficking_indicators. Runaway: left_from, pushed_out, previous_episodes. A field of
    another category is refused with a 422 that names it."""

    taking_parent_relationship: Line100 | None = None
    taking_parent_nationality: CountryOrBlank | None = None
    taking_parent_residence: CountryOrBlank | None = None
    custody_situation: Text | None = None
    suspected_destination: CountryOrBlank | None = None
    hague_application_on: date | None = None
    mediation_considered: bool | None = None
    facility: Line200 | None = None
    guardian_appointed: bool | None = None
    registration_country: CountryOrBlank | None = None
    registered_on: date | None = None
    asylum_stage: AsylumStage | Literal[""] | None = None
    trafficking_indicators: Text | None = None
    left_from: LeftFrom | Literal[""] | None = None
    pushed_out: bool | None = None
    previous_episodes: int | None = Field(None, ge=0, le=1000)


class ParentalAbductionSectionOut(Schema):
    kind: Literal["parental_abduction"] = "parental_abduction"
    taking_parent_relationship: str
    taking_parent_nationality: str
    taking_parent_residence: str
    custody_situation: str
    suspected_destination: str
    hague_application_on: date | None
    mediation_considered: bool


class MigrationSectionOut(Schema):
    kind: Literal["migrant"] = "migrant"
    facility: str
    guardian_appointed: bool | None
    registration_country: str
    registered_on: date | None
    asylum_stage: str
    trafficking_indicators: str


class RunawaySectionOut(Schema):
    kind: Literal["runaway"] = "runaway"
    left_from: str
    pushed_out: bool
    previous_episodes: int


SectionOut = ParentalAbductionSectionOut | MigrationSectionOut | RunawaySectionOut


def section_out(section: object) -> SectionOut | None:
    if isinstance(section, ParentalAbductionDetails):
        return ParentalAbductionSectionOut.from_orm(section)
    if isinstance(section, MigrationDetails):
        return MigrationSectionOut.from_orm(section)
    if isinstance(section, RunawayDetails):
        return RunawaySectionOut.from_orm(section)
    return None


def case_section(case: Case) -> SectionOut | None:
    related = SECTION_OF_CATEGORY.get(Category(case.category))
    if related is None:
        return None
    try:
        return section_out(getattr(case, related))
    except ObjectDoesNotExist:  # a category whose section was never filled in
        return None


class CaseFieldsIn(In):
    category: Category | None = None
    subcategory: Subcategory | Literal[""] | None = None
    is_cross_border: bool | None = None
    reasons: list[Reason] | None = None
    summary: Text | None = None
    reported_at: AwareDatetime | None = None
    disappeared_on: date | None = None
    disappeared_approximate: bool | None = None
    last_seen_country: CountryOrBlank | None = None
    last_seen_locality: Line200 | None = None
    last_seen_description: Text | None = None
    last_seen_latitude: Decimal | None = Field(None, ge=-90, le=90, max_digits=9, decimal_places=6)
    last_seen_longitude: Decimal | None = Field(
        None, ge=-180, le=180, max_digits=9, decimal_places=6
    )
    reporter_name: Line200 | None = None
    reporter_relationship: Line100 | None = None
    reporter_phone: Line40 | None = None
    reporter_email: Line254 | None = None
    follow_up_due: AwareDatetime | None = None
    police_reference: Line64 | None = None
    police_reported_on: date | None = None
    sis_category: SisCategory | Literal[""] | None = None
    interpol_notice_requested_on: date | None = None
    hague_file: Line64 | None = None


class CaseIn(CaseFieldsIn):
    """Open a case: its fields, one or more children (siblings share a case), optionally the
    contact that reported it and the category's own section."""

    category: Category
    children: list[ChildIn] = Field(..., min_length=1)
    contact_id: int | None = None
    section: SectionIn | None = None


class CasePatchIn(CaseFieldsIn):
    pass


class CaseFilter(Schema):
    status: Status | None = None
    category: Category | None = None
    risk: RiskGrade | None = None
    country: Country | None = Field(
        None, description="where the child was last seen (ISO 3166-1 alpha-2)"
    )
    reported_from: date | None = Field(None, description="reported on or after this day")
    reported_to: date | None = Field(None, description="reported on or before this day")
    assigned: Literal["me"] | None = Field(None, description="`me`: cases assigned to you")
    q: str | None = Field(
        None,
        max_length=200,
        description="a child's name in any spelling or script, or a reference: the results "
        "are then ranked, with score and match_reasons",
    )

    def narrowing(self) -> dict[str, Any]:
        """The filters the list and the ranked search (`q`) both take, as their arguments."""
        return {
            "status": self.status or "",
            "category": self.category or "",
            "risk": self.risk or "",
            "country": self.country or "",
            "reported_from": self.reported_from,
            "reported_to": self.reported_to,
        }


class CaseListItemOut(BaseModel):
    """A case in a list. No child's personal data: open the case for that (an audited read).
    With `q`, `score` and `reasons` say why it matched."""

    # A plain pydantic model, not a ninja Schema: it reads the rows of listing.CaseList, dicts,
    # which ninja's per-field attribute getter would only slow down (~1 ms a page of 50).

    id: int
    reference: str
    category: str
    subcategory: str
    status: str
    risk_grade: str
    is_cross_border: bool
    reported_at: datetime
    disappeared_on: date | None
    last_seen_country: str
    assigned_to: PersonOut | None
    follow_up_due: datetime | None
    score: float | None = None
    match_reasons: list[str] | None = None

    @model_validator(mode="before")
    @classmethod
    def _nest_assignee(cls, row: dict[str, Any]) -> dict[str, Any]:
        if row["assigned_to_id"] is None:
            return {**row, "assigned_to": None}
        name = row["assigned_to__full_name"] or row["assigned_to__email"]  # as person_out
        return {**row, "assigned_to": {"user_id": row["assigned_to_id"], "full_name": name}}


def ranked_case_row(case: Case, score: float, match_reasons: list[str]) -> dict[str, Any]:
    """A case found by a search as a row of the list (listing.ROW_KEYS), with why it matched."""
    assignee = case.assigned_to
    return {
        **{column: getattr(case, column) for column in LIST_COLUMNS},
        "assigned_to_id": case.assigned_to_id,
        "assigned_to__full_name": assignee.full_name if assignee else None,
        "assigned_to__email": assignee.email if assignee else None,
        "score": score,
        "match_reasons": match_reasons,
    }


class CaseOut(Schema):
    id: int
    reference: str
    category: str
    subcategory: str
    status: str
    is_cross_border: bool
    risk_grade: str
    reasons: list[str]
    summary: str
    reported_at: datetime
    disappeared_on: date | None
    disappeared_approximate: bool
    last_seen_country: str
    last_seen_locality: str
    last_seen_description: str
    last_seen_latitude: float | None
    last_seen_longitude: float | None
    reporter_name: str
    reporter_relationship: str
    reporter_phone: str
    reporter_email: str
    assigned_to: PersonOut | None
    follow_up_due: datetime | None
    police_reference: str
    police_reported_on: date | None
    sis_category: str
    interpol_notice_requested_on: date | None
    hague_file: str
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None

    @staticmethod
    def resolve_assigned_to(case: Case) -> PersonOut | None:
        return person_out(case.assigned_to)


class RiskFactorIn(In):
    kind: RiskFactorKind
    detail: Text = ""
    source: Line200
    observed_at: AwareDatetime | None = None


class RiskIn(In):
    grade: RiskGrade
    rationale: Text = ""
    factors: list[RiskFactorIn] = []


class RiskFactorOut(Schema):
    kind: str
    detail: str | None
    source: str
    observed_at: datetime

    @staticmethod
    def resolve_detail(factor: RiskFactor, context: dict[str, Any] | None) -> str | None:
        """The detail of a medical factor is a medical detail: null without that permission
        (and null when there is no request to say who asks)."""
        actor = getattr(context["request"], "auth", None) if context else None
        return factor_detail(actor.membership, factor) if actor and actor.membership else None


class RiskOut(Schema):
    id: int
    grade: str
    rationale: str
    assessed_by: PersonOut | None
    assessed_at: datetime
    factors: list[RiskFactorOut]

    @staticmethod
    def resolve_assessed_by(assessment: RiskAssessment) -> PersonOut | None:
        return person_out(assessment.assessed_by)

    @staticmethod
    def resolve_factors(assessment: RiskAssessment) -> list[Any]:
        return list(assessment.factors.all())


class ClosureIn(In):
    outcome: Outcome
    found_on: date | None = None
    found_country: CountryOrBlank = ""
    found_place: Line200 = ""
    how_found: Text = ""
    support_offered: list[Support] = []


class DecisionIn(In):
    decision: Literal["approve", "return"]
    decision_note: Text = ""


class ClosureOut(Schema):
    id: int
    case_id: int
    outcome: str
    found_on: date | None
    found_country: str
    found_place: str
    how_found: str
    support_offered: list[str]
    duration_band: str = Field(description="lt_1w, 1w_1m, 1m_6m or gt_6m; empty if unknown")
    state: str
    requested_by: PersonOut | None
    requested_at: datetime
    decided_by: PersonOut | None
    decided_at: datetime | None
    decision_note: str

    @staticmethod
    def resolve_duration_band(closure: Closure) -> str:
        return duration_band(closure.case.disappeared_on, closure.found_on)

    @staticmethod
    def resolve_requested_by(closure: Closure) -> PersonOut | None:
        return person_out(closure.requested_by)

    @staticmethod
    def resolve_decided_by(closure: Closure) -> PersonOut | None:
        return person_out(closure.decided_by)


class CaseDetailOut(CaseOut):
    section: SectionOut | None
    children: list[CaseChildOut]
    risk: RiskOut | None = Field(description="the current (newest) risk assessment")
    closures: list[ClosureOut]

    # The children, risk and closures come with the case in one statement (detail.py): the
    # resolvers read them from the context, the section and people from the case's caches.
    @staticmethod
    def resolve_section(case: Case) -> SectionOut | None:
        return case_section(case)

    @staticmethod
    def resolve_children(case: Case, context: dict[str, Any]) -> list[dict[str, Any]]:
        today = timezone.localdate()
        return [_case_child(loaded, today) for loaded in context["loaded"].children]

    @staticmethod
    def resolve_risk(case: Case, context: dict[str, Any]) -> RiskAssessment | None:
        risk: RiskAssessment | None = context["loaded"].risk
        return risk

    @staticmethod
    def resolve_closures(case: Case, context: dict[str, Any]) -> list[Closure]:
        closures: list[Closure] = context["loaded"].closures
        return closures


def case_detail_out(loaded: LoadedCase, request: HttpRequest) -> CaseDetailOut:
    """The request says who reads, for the field-level rules (a medical factor's detail)."""
    return CaseDetailOut.model_validate(loaded.case, context={"request": request, "loaded": loaded})


def _case_child(loaded: LoadedChild, today: date) -> dict[str, Any]:
    child = loaded.child
    return {
        "id": child.pk,
        "given_names": child.given_names,
        "family_name": child.family_name,
        "original_script_name": child.original_script_name,
        "other_names": loaded.other_names,
        "sex": child.sex,
        "age": child.age_on(today),
        "clothing": loaded.link.clothing,
    }


class StatusIn(In):
    status: Status
    note: Text = ""


class AssignIn(In):
    member_id: int = Field(description="the membership id of a colleague in this hotline")
    handover_note: Text = ""


class ReopenIn(In):
    reason: Text


class TimelineIn(In):
    kind: TimelineKind = Field(
        description="police, information, publicity, support, message or note; the other "
        "kinds are written by Homeward itself"
    )
    text: Text
    occurred_at: AwareDatetime | None = None


class TimelineOut(Schema):
    id: int
    kind: str
    occurred_at: datetime
    actor: PersonOut | None
    text: str = Field(
        description="in the reader's language: what Homeward says (see `message`), then what a "
        "person wrote"
    )
    message: str = Field(
        description="what Homeward said, as a code (status, risk, closure_requested, …); empty "
        "for an entry a person wrote"
    )
    contact_id: int | None

    @staticmethod
    def resolve_text(event: TimelineEvent) -> str:
        return event.shown_text

    @staticmethod
    def resolve_actor(event: TimelineEvent) -> PersonOut | None:
        return person_out(event.actor)
