"""Children through the API: a child's fields, names, episodes and summary."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from ninja import Field, Schema
from pydantic import BaseModel

from homeward.cases.access import ChildView
from homeward.cases.choices import BirthPrecision
from homeward.cases.choices import Sex as SexChoice
from homeward.cases.models import Case, CaseChild, Child, ChildName
from homeward.cases.search import ChildSummary, Episode
from homeward.core.api_types import (
    Blankable,
    Country,
    Day,
    Emptiable,
    In,
    JsonId,
    JsonInt,
    Language,
    Line200,
    Text,
    omittable,
)


class ChildFieldsIn(In):
    """A child's own fields (kept across episodes)."""

    given_names: Blankable[Line200] = None
    family_name: Blankable[Line200] = None
    original_script_name: Blankable[Line200] = None
    sex: SexChoice = omittable()
    birth_precision: BirthPrecision = omittable()
    birth_date: Day | None = Field(None, description="not in the future, not before 1900")
    birth_year: JsonInt | None = Field(None, ge=1900, le=2100)
    estimated_age: JsonInt | None = Field(None, ge=0, le=30)
    age_estimated_on: Day | None = Field(None, description="not in the future")
    nationalities: Emptiable[list[Country]] = None
    languages: Emptiable[list[Language]] = None
    physical_description: Blankable[Text] = None
    living_situation: Blankable[Text] = None
    vulnerabilities: Emptiable[list[Line200]] = Field(
        None, description="Medical needs and vulnerabilities: needs the view_medical permission"
    )
    medical_notes: Blankable[Text] = Field(
        None, description="Medical notes: needs the view_medical permission"
    )


class ChildIn(ChildFieldsIn):
    """A child in a case: either a new child's fields, or `existing_child_id` (a child of an
    earlier case of this hotline: a repeat episode). `clothing` belongs to this episode."""

    existing_child_id: JsonId | None = None
    other_names: Emptiable[list[Line200]] = None
    clothing: Blankable[Text] = None


class ChildPatchIn(ChildFieldsIn):
    pass


class ChildNameIn(In):
    value: Line200
    kind: ChildName.Kind = ChildName.Kind.OTHER_FORM
    source: Line200 = ""


class ChildNameOut(Schema):
    id: int
    kind: str
    value: str
    source: str


# EpisodeOut, ChildSummaryOut, CaseChildOut, ChildMatchOut and PersonOut are plain pydantic
# models: always built from values, never read from a model instance, so ninja's per-attribute
# getter (a wrapper around every nested object) would only cost time: a search answers up to 50
# children with their cases.


class EpisodeOut(BaseModel):
    """One case of the child: a repeat episode shows as a second entry."""

    case_id: int
    reference: str
    category: str
    status: str
    reported_at: datetime
    clothing: str


class ChildSummaryOut(BaseModel):
    id: int
    given_names: str
    family_name: str
    original_script_name: str
    other_names: list[str]
    sex: str
    age: int | None


class CaseChildOut(ChildSummaryOut):
    clothing: str


class ChildOut(Schema):
    """A child as the asking member may see it. Restricted fields are always present: `null`
    when the member's role lacks the permission, and then also named in `withheld`."""

    id: int
    given_names: str
    family_name: str
    original_script_name: str
    other_names: list[ChildNameOut]
    sex: str
    birth_precision: str
    birth_date: date | None
    birth_year: int | None
    estimated_age: int | None
    age_estimated_on: date | None
    age: int | None
    nationalities: list[str]
    languages: list[str]
    physical_description: str
    living_situation: str
    vulnerabilities: list[str] | None = Field(description="null without view_medical")
    medical_notes: str | None = Field(description="null without view_medical")
    photo_url: str | None = Field(
        description="where to download the photo; null without view_photos or without a photo"
    )
    withheld: list[str] = Field(description="restricted fields your role may not see")
    episodes: list[EpisodeOut]
    created_at: datetime
    updated_at: datetime


def child_summary_out(
    child: Child | ChildSummary,
    clothing: str | None = None,
    *,
    other_names: list[str] | None = None,
    today: date | None = None,
) -> dict[str, Any]:
    """ChildSummaryOut's fields (CaseChildOut's with `clothing`); the other names are the
    child's own unless given, the age is on `today` (the hotline's date unless given)."""
    if other_names is None:
        if isinstance(child, ChildSummary):
            other_names = child.other_names
        else:
            other_names = [n.value for n in child.other_names.all()]
    return {
        "id": child.id,
        "given_names": child.given_names,
        "family_name": child.family_name,
        "original_script_name": child.original_script_name,
        "other_names": other_names,
        "sex": child.sex,
        "age": child.age_on(today or timezone.localdate()),
        **({"clothing": clothing} if clothing is not None else {}),
    }


def case_child_out(link: CaseChild) -> CaseChildOut:
    return CaseChildOut(**child_summary_out(link.child, link.clothing))


def episodes_out(child: Child) -> list[EpisodeOut]:
    links = child.episodes.select_related("case").order_by("case__reported_at", "pk")
    return [episode_out(link.case, link.clothing) for link in links]


def child_out(view: ChildView) -> ChildOut:
    child = view.child
    withheld = [] if view.can_see_photo else ["photo_url"]
    if not view.can_see_medical:
        withheld += ["vulnerabilities", "medical_notes"]
    return ChildOut(
        id=child.pk,
        given_names=child.given_names,
        family_name=child.family_name,
        original_script_name=child.original_script_name,
        other_names=[ChildNameOut.from_orm(n) for n in child.other_names.all()],
        sex=child.sex,
        birth_precision=child.birth_precision,
        birth_date=child.birth_date,
        birth_year=child.birth_year,
        estimated_age=child.estimated_age,
        age_estimated_on=child.age_estimated_on,
        age=child.age_on(timezone.localdate()),
        nationalities=list(child.nationalities),
        languages=list(child.languages),
        physical_description=child.physical_description,
        living_situation=child.living_situation,
        vulnerabilities=view.vulnerabilities,
        medical_notes=view.medical_notes,
        photo_url=(
            reverse("api-v1:child_photo", kwargs={"child_id": child.pk}) if view.photo else None
        ),
        withheld=withheld,
        episodes=episodes_out(child),
        created_at=child.created_at,
        updated_at=child.updated_at,
    )


def episode_fields(case: Case | Episode, clothing: str) -> dict[str, Any]:
    return {
        "case_id": case.id,
        "reference": case.reference,
        "category": case.category,
        "status": case.status,
        "reported_at": case.reported_at,
        "clothing": clothing,
    }


def episode_out(case: Case, clothing: str = "") -> EpisodeOut:
    return EpisodeOut(**episode_fields(case, clothing))
