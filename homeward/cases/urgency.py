"""What "most urgent first" means, everywhere a list of cases is ordered by it (the dashboard,
the handover summary, the case list and the name search): the highest risk first, a case not
yet assessed before a low-risk one; within a grade the most recent report first, as the first
hours of a disappearance matter most. The ordering runs in the database, before any limit."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Case as SqlCase
from django.db.models import IntegerField, QuerySet, Value, When

from homeward.cases.choices import RiskGrade
from homeward.cases.models import Case

RISK_RANK: dict[str, int] = {
    RiskGrade.HIGH: 0,
    RiskGrade.MEDIUM: 1,
    "": 2,
    RiskGrade.LOW: 3,
    RiskGrade.VERY_LOW: 4,
}
ORDER = ("risk_rank", "-reported_at", "-pk")
"""The order_by of a queryset annotated with `risk_rank`."""


def risk_rank() -> SqlCase:
    whens = [When(risk_grade=grade, then=Value(rank)) for grade, rank in RISK_RANK.items()]
    return SqlCase(*whens, default=Value(len(RISK_RANK)), output_field=IntegerField())


def most_urgent_first(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.annotate(risk_rank=risk_rank()).order_by(*ORDER)


def urgency_key(risk_grade: str, reported_at: datetime, pk: int) -> tuple[int, float, int]:
    """The same order for rows already read (the name search ranks them after their score)."""
    return (RISK_RANK.get(risk_grade, len(RISK_RANK)), -reported_at.timestamp(), -pk)
