"""Annual returns and reporting years in the API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import StringConstraints

from homeward.core.api_types import Day, In, NoNul, QueryInt
from homeward.statistics.catalogue import BY_CODE
from homeward.statistics.figures import breakdown_of
from homeward.statistics.models import AnnualReturn, ReturnValue

Year = Annotated[QueryInt, Field(ge=2000, le=2100)]
"""A reporting year in a path."""
Reason = Annotated[str, StringConstraints(min_length=1, max_length=2000), NoNul]


class ReturnListItemOut(Schema):
    id: int
    year: int
    state: str = Field(description="draft or submitted")
    source: str = Field(description="computed (from Homeward) or uploaded")
    prepared_at: datetime
    submitted_at: datetime | None


class ReturnCellOut(Schema):
    indicator: str = Field(description="the indicator's code in the catalogue")
    breakdown: list[str] = Field(
        description='one code per dimension of the indicator ("_T": the total over it)'
    )
    value: int | float = Field(description="a count, or a median in the indicator's unit")


class ReturnOut(ReturnListItemOut):
    file_name: str = Field(description="the uploaded file's name (uploaded returns)")
    note: str
    reopened_at: datetime | None
    reopen_reason: str
    cells: list[ReturnCellOut]

    @staticmethod
    def resolve_cells(annual_return: AnnualReturn) -> list[ReturnCellOut]:
        values: list[ReturnValue] = list(annual_return.values.order_by("indicator", "breakdown"))
        return [
            ReturnCellOut(
                indicator=cell.indicator,
                breakdown=list(breakdown_of(cell.breakdown)),
                value=int(cell.value)
                if cell.indicator in BY_CODE and BY_CODE[cell.indicator].is_count
                else float(cell.value),
            )
            for cell in values
        ]


class SubmitIn(In):
    note: Annotated[str, StringConstraints(max_length=2000), NoNul] = ""


class ReasonIn(In):
    reason: Reason


class YearIn(In):
    year: int = Field(ge=2000, le=2100)
    due_on: Day


class YearOut(Schema):
    year: int
    due_on: date | None
    locked_at: datetime | None
    unlocked_at: datetime | None
    unlock_reason: str


class HotlineRefOut(Schema):
    id: int
    name: str
    country: str


class HotlineStatusOut(Schema):
    hotline: HotlineRefOut
    state: str = Field(description="submitted, draft or not_started")
    source: str = Field(description="computed, uploaded, or empty when not started")
    submitted_at: datetime | None
    reopened_at: datetime | None
    reminded_at: datetime | None


class YearStatusOut(YearOut):
    hotlines: list[HotlineStatusOut]


class RemindedOut(Schema):
    year: int
    reminded: list[HotlineRefOut]
