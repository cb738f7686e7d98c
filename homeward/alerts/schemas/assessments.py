"""Assessments and the organisation's criteria in the API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import StringConstraints

from homeward.alerts.choices import Answer, PublicityRisk, Recommendation
from homeward.alerts.models import AlertAssessment
from homeward.core.api_types import In, JsonId, Line64, PersonOut, Text, person_out

Wording = Annotated[str, StringConstraints(min_length=1, max_length=300)]


class CriterionOut(Schema):
    key: str
    wording: str


class CriteriaIn(In):
    criteria: list[Wording] = Field(
        description="the wordings, in order; empty: the European cross-border criteria apply"
    )


class CriterionAnswerIn(In):
    key: Line64 = Field(description="a key of GET /alerts/criteria")
    answer: Answer
    note: Text = ""


class AssessmentIn(In):
    case_id: JsonId = Field(description="one of your hotline's cases")
    criteria: list[CriterionAnswerIn] = Field(
        default_factory=list, description="a criterion left out is unknown"
    )
    publicity_risks: list[PublicityRisk] = Field(default_factory=list)
    risks_note: Text = ""
    recommendation: Recommendation
    reasoning: Text


class CriterionAnswerOut(Schema):
    key: str
    wording: str
    answer: str
    note: str


class AssessmentOut(Schema):
    id: int
    case_id: int
    made_by: PersonOut | None
    made_at: datetime
    criteria: list[CriterionAnswerOut]
    publicity_risks: list[str]
    risks_note: str
    recommendation: str
    reasoning: str

    @staticmethod
    def resolve_made_by(obj: AlertAssessment, context: dict[str, Any] | None = None) -> Any:
        return person_out(obj.made_by)
