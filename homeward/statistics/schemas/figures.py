"""A hotline's own figures through the API: every indicator of the catalogue by code, each cell
with this period's value and the same days' a year earlier."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ninja import Field, Schema

from homeward.core.api_types import Day
from homeward.statistics.catalogue import CATALOGUE
from homeward.statistics.figures import breakdown_key
from homeward.statistics.own_figures import OwnFigures


class PeriodQuery(Schema):
    start: Day | None = Field(
        None, description="the first day, included (default: 1 January of this year)"
    )
    end: Day | None = Field(None, description="the last day, included (default: today)")


class FigureCellOut(Schema):
    breakdown: str = Field(description='the codes of the cell, joined by "." ("_T": total)')
    value: float | None = Field(description="this period; null for a median with nothing to take")
    previous: float | None = Field(description="the same days a year earlier")


class FigureIndicatorOut(Schema):
    code: str
    title: str
    unit: str
    dimensions: list[str]
    cells: list[FigureCellOut]


class OwnFiguresOut(Schema):
    organisation: str = Field(description="the hotline's short name")
    start: date
    end: date = Field(description="the last day, included")
    previous_start: date
    previous_end: date
    indicators: list[FigureIndicatorOut]


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def own_figures_out(short_name: str, figures: OwnFigures) -> OwnFiguresOut:
    indicators = []
    for indicator in CATALOGUE:
        now = figures.current_figures.cells(indicator.code)
        before = figures.previous_figures.cells(indicator.code)
        ordered = [*now, *(b for b in before if b not in now)]
        indicators.append(
            FigureIndicatorOut(
                code=indicator.code,
                title=str(indicator.title),
                unit=indicator.unit.value,
                dimensions=[dimension.code for dimension in indicator.dimensions],
                cells=[
                    FigureCellOut(
                        breakdown=breakdown_key(b),
                        value=_number(now.get(b)),
                        previous=_number(before.get(b)),
                    )
                    for b in ordered
                ],
            )
        )
    return OwnFiguresOut(
        organisation=short_name,
        start=figures.period.first,
        end=figures.period.last,
        previous_start=figures.previous.first,
        previous_end=figures.previous.last,
        indicators=indicators,
    )
