"""Risk assessments through the API."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from ninja import Field
from pydantic import BaseModel

from homeward.cases.access import factor_detail
from homeward.cases.choices import RiskFactorKind, RiskGrade
from homeward.cases.models import RiskAssessment, RiskFactor
from homeward.core.api_types import In, Line200, Moment, PersonOut, Text, person_out
from homeward.organisations.models import Membership


class RiskFactorIn(In):
    kind: RiskFactorKind
    detail: Text = ""
    source: Line200
    observed_at: Moment | None = None


class RiskIn(In):
    grade: RiskGrade
    rationale: Text = ""
    factors: list[RiskFactorIn] = []


class RiskFactorOut(BaseModel):
    kind: str
    detail: str | None = Field(description="null for a medical factor without that permission")
    source: str
    observed_at: datetime


class RiskOut(BaseModel):
    id: int
    grade: str
    rationale: str
    assessed_by: PersonOut | None
    assessed_at: datetime
    factors: list[RiskFactorOut]


def risk_out(
    assessment: RiskAssessment, reader: Membership, factors: Iterable[RiskFactor] | None = None
) -> RiskOut:
    """The assessment (with its `factors`, read from it unless given) as `reader` may see
    it: a medical factor's detail is a medical detail."""
    return RiskOut(
        id=assessment.pk,
        grade=assessment.grade,
        rationale=assessment.rationale,
        assessed_by=person_out(assessment.assessed_by),
        assessed_at=assessment.assessed_at,
        factors=[
            RiskFactorOut(
                kind=factor.kind,
                detail=factor_detail(reader, factor),
                source=factor.source,
                observed_at=factor.observed_at,
            )
            for factor in (assessment.factors.all() if factors is None else factors)
        ],
    )
