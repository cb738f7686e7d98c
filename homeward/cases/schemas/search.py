"""Name search through the API: the matches with their reasons and cases, and the filters."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import BaseModel

from homeward.cases.schemas.children import (
    ChildSummaryOut,
    EpisodeOut,
    child_summary_out,
    episode_fields,
)
from homeward.cases.search import ChildMatch
from homeward.core.api_types import NoNul, QueryInt


class ChildMatchOut(BaseModel):
    child: ChildSummaryOut
    score: float
    reasons: list[str]
    cases: list[EpisodeOut]


def child_match_out(match: ChildMatch, today: date) -> dict[str, Any]:
    """ChildMatchOut's fields from search.ChildMatch, as a plain dict: the response is
    validated once, by django-ninja (building the schema here would validate it twice)."""
    return {
        "child": child_summary_out(match.child, today=today),
        "score": match.score,
        "reasons": list(match.reasons),
        "cases": [episode_fields(case, "") for case in match.cases],
    }


class ChildSearchFilter(Schema):
    q: Annotated[str, NoNul] = Field(
        ..., min_length=1, max_length=200, description="a name, in any spelling"
    )
    limit: QueryInt = Field(20, ge=1, le=50)


class LikelyExistingFilter(Schema):
    given_names: Annotated[str, NoNul] = Field("", max_length=200)
    family_name: Annotated[str, NoNul] = Field("", max_length=200)
    birth_year: QueryInt | None = Field(None, ge=1900, le=2100)
    limit: QueryInt = Field(5, ge=1, le=20)
