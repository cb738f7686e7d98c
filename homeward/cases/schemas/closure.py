"""Closure through the API: the request, the decision and what was recorded."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Field
from pydantic import BaseModel

from homeward.cases.choices import Outcome, Support
from homeward.cases.models import Closure
from homeward.cases.models.closure import duration_band
from homeward.cases.schemas.common import attributes_for
from homeward.core.api_types import CountryOrBlank, Day, In, Line200, PersonOut, Text, person_out


class ClosureIn(In):
    outcome: Outcome
    found_on: Day | None = None
    found_country: CountryOrBlank = ""
    found_place: Line200 = ""
    how_found: Text = ""
    support_offered: list[Support] = []


class DecisionIn(In):
    decision: Literal["approve", "return"]
    decision_note: Text = ""


class ClosureOut(BaseModel):
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


def closure_out(closure: Closure) -> ClosureOut:
    return ClosureOut(
        **attributes_for(
            ClosureOut, closure, computed={"duration_band", "requested_by", "decided_by"}
        ),
        duration_band=duration_band(closure.case.disappeared_on, closure.found_on),
        requested_by=person_out(closure.requested_by),
        decided_by=person_out(closure.decided_by),
    )
