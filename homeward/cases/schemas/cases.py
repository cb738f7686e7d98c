"""Cases through the API: their fields and category section, the list and its filter, the
detail."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.utils import timezone
from ninja import Field, Schema
from pydantic import BaseModel, ConfigDict, model_validator

from homeward.cases.access import LIST_COLUMNS, CaseFilter
from homeward.cases.case_statement import CaseRead
from homeward.cases.choices import (
    AsylumStage,
    Category,
    LeftFrom,
    Reason,
    RiskGrade,
    SisCategory,
    Status,
    Subcategory,
    TakingParent,
)
from homeward.cases.models import Case, MigrationDetails, ParentalAbductionDetails, RunawayDetails
from homeward.cases.schemas.children import CaseChildOut, ChildIn, child_summary_out
from homeward.cases.schemas.closure import ClosureOut, closure_out
from homeward.cases.schemas.common import attributes_for
from homeward.cases.schemas.risk import RiskOut, risk_out
from homeward.core.api_types import (
    Blankable,
    Country,
    CountryOrBlank,
    Day,
    Emptiable,
    In,
    JsonBool,
    JsonId,
    JsonInt,
    Line40,
    Line64,
    Line100,
    Line200,
    Line254,
    Moment,
    NoNul,
    PersonOut,
    Text,
    omittable,
    person_out,
)
from homeward.organisations.models import Membership


class SectionIn(In):
    """The category's own section. Parental abduction: taking_parent_relationship,
    taking_parent_nationality, taking_parent_residence, custody_situation,
    suspected_destination, hague_application_on, mediation_considered. Missing child in
    migration: facility, guardian_appointed, registration_country, registered_on, asylum_stage,
    trafficking_indicators. Runaway: left_from, pushed_out, previous_episodes. A field of
    another category is refused with a 422 that names it."""

    taking_parent_relationship: Blankable[TakingParent | Literal[""]] = None
    taking_parent_nationality: Blankable[CountryOrBlank] = None
    taking_parent_residence: Blankable[CountryOrBlank] = None
    custody_situation: Blankable[Text] = None
    suspected_destination: Blankable[CountryOrBlank] = None
    hague_application_on: Day | None = None
    mediation_considered: JsonBool = omittable()
    facility: Blankable[Line200] = None
    guardian_appointed: JsonBool | None = Field(None, description="null: not known")
    registration_country: Blankable[CountryOrBlank] = None
    registered_on: Day | None = None
    asylum_stage: Blankable[AsylumStage | Literal[""]] = None
    trafficking_indicators: Blankable[Text] = None
    left_from: Blankable[LeftFrom | Literal[""]] = None
    pushed_out: JsonBool = omittable()
    previous_episodes: JsonInt = omittable(ge=0, le=1000)


class _SectionOut(BaseModel):
    # Plain pydantic models read from the section's attributes: pydantic does that itself,
    # where a ninja Schema would call its per-field getter in Python.
    model_config = ConfigDict(from_attributes=True)


class ParentalAbductionSectionOut(_SectionOut):
    kind: Literal["parental_abduction"] = "parental_abduction"
    taking_parent_relationship: str
    taking_parent_nationality: str
    taking_parent_residence: str
    custody_situation: str
    suspected_destination: str
    hague_application_on: date | None
    mediation_considered: bool


class MigrationSectionOut(_SectionOut):
    kind: Literal["migrant"] = "migrant"
    facility: str
    guardian_appointed: bool | None
    registration_country: str
    registered_on: date | None
    asylum_stage: str
    trafficking_indicators: str


class RunawaySectionOut(_SectionOut):
    kind: Literal["runaway"] = "runaway"
    left_from: str
    pushed_out: bool
    previous_episodes: int


SectionOut = ParentalAbductionSectionOut | MigrationSectionOut | RunawaySectionOut


def section_out(section: object) -> SectionOut | None:
    if isinstance(section, ParentalAbductionDetails):
        return ParentalAbductionSectionOut.model_validate(section)
    if isinstance(section, MigrationDetails):
        return MigrationSectionOut.model_validate(section)
    if isinstance(section, RunawayDetails):
        return RunawaySectionOut.model_validate(section)
    return None


class CaseFieldsIn(In):
    category: Category = omittable()
    subcategory: Blankable[Subcategory | Literal[""]] = None
    is_cross_border: JsonBool = omittable()
    reasons: Emptiable[list[Reason]] = None
    summary: Blankable[Text] = None
    reported_at: Moment = omittable(description="default: now")
    disappeared_on: Day | None = None
    disappeared_approximate: JsonBool = omittable()
    last_seen_country: Blankable[CountryOrBlank] = None
    last_seen_locality: Blankable[Line200] = None
    last_seen_description: Blankable[Text] = None
    last_seen_latitude: Decimal | None = Field(None, ge=-90, le=90, max_digits=9, decimal_places=6)
    last_seen_longitude: Decimal | None = Field(
        None, ge=-180, le=180, max_digits=9, decimal_places=6
    )
    reporter_name: Blankable[Line200] = None
    reporter_relationship: Blankable[Line100] = None
    reporter_phone: Blankable[Line40] = None
    reporter_email: Blankable[Line254] = None
    follow_up_due: Moment | None = None
    police_reference: Blankable[Line64] = None
    police_reported_on: Day | None = None
    sis_category: Blankable[SisCategory | Literal[""]] = None
    interpol_notice_requested_on: Day | None = None
    hague_file: Blankable[Line64] = None


class CaseIn(CaseFieldsIn):
    """Open a case: its fields, one or more children (siblings share a case), optionally the
    contact that reported it and the category's own section."""

    category: Category
    children: list[ChildIn] = Field(..., min_length=1)
    contact_id: JsonId | None = None
    section: SectionIn | None = None


class CasePatchIn(CaseFieldsIn):
    pass


class CaseListQuery(Schema):
    status: Status | None = None
    category: Category | None = None
    risk: RiskGrade | None = None
    country: Country | None = Field(
        None, description="where the child was last seen (ISO 3166-1 alpha-2)"
    )
    reported_from: Day | None = Field(None, description="reported on or after this day")
    reported_to: Day | None = Field(None, description="reported on or before this day")
    assigned: Literal["me"] | None = Field(None, description="`me`: cases assigned to you")
    q: Annotated[str, NoNul] | None = Field(
        None,
        max_length=200,
        description="a child's name in any spelling or script, or a reference: the results "
        "are then ranked, with score and match_reasons",
    )

    def case_filter(self) -> CaseFilter:
        """The filters the list and the ranked search (`q`) both take."""
        return CaseFilter(
            status=self.status or "",
            category=self.category or "",
            risk=self.risk or "",
            country=self.country or "",
            reported_from=self.reported_from,
            reported_to=self.reported_to,
            mine=self.assigned == "me",
        )


class CaseListItemOut(BaseModel):
    """A case in a list. No child's personal data: open the case for that (an audited read).
    With `q`, `score` and `reasons` say why it matched."""

    # A plain pydantic model, not a ninja Schema: it reads the rows of access.case_list, dicts,
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
    """A case found by a search as a row of the list (access.LIST_ROW), with why it matched."""
    assignee = case.assigned_to
    return {
        **{column: getattr(case, column) for column in LIST_COLUMNS},
        "assigned_to_id": case.assigned_to_id,
        "assigned_to__full_name": assignee.full_name if assignee else None,
        "assigned_to__email": assignee.email if assignee else None,
        "score": score,
        "match_reasons": match_reasons,
    }


class CaseOut(BaseModel):
    """A case's own fields."""

    # The outputs of a case are plain pydantic models filled by functions (case_out,
    # case_detail_out, risk_out, closure_out), as CaseListItemOut is, not ninja Schemas:
    # ninja's getter reads each field in Python, a third of a millisecond of every opening of
    # a case.

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


def case_out(case: Case) -> CaseOut:
    return CaseOut(**case_fields(case))


def case_fields(case: Case) -> dict[str, Any]:
    return {
        **attributes_for(CaseOut, case, computed={"assigned_to"}),
        "assigned_to": person_out(case.assigned_to),
    }


class CaseDetailOut(CaseOut):
    section: SectionOut | None
    children: list[CaseChildOut]
    risk: RiskOut | None = Field(description="the current (newest) risk assessment")
    closures: list[ClosureOut]


def case_detail_out(loaded: CaseRead, reader: Membership) -> CaseDetailOut:
    """The case with what `access.read_case` loaded with it, as `reader` may see it."""
    case = loaded.case
    today = timezone.localdate()
    return CaseDetailOut(
        **case_fields(case),
        section=None if loaded.section is None else section_out(loaded.section),
        children=[
            CaseChildOut(
                **child_summary_out(
                    child.child, child.link.clothing, other_names=child.other_names, today=today
                )
            )
            for child in loaded.children
        ],
        risk=None if loaded.risk is None else risk_out(loaded.risk, reader, loaded.risk_factors),
        closures=[closure_out(closure) for closure in loaded.closures],
    )


class StatusIn(In):
    status: Status
    note: Text = ""


class AssignIn(In):
    member_id: JsonId = Field(description="the membership id of a colleague in this hotline")
    handover_note: Text = ""


class ReopenIn(In):
    reason: Text
