"""The appeals API's inputs and outputs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field, StringConstraints

from homeward.appeals.models import Appeal, ChecklistItem, Consent, Takedown, WidgetSite
from homeward.core.api_types import (
    Country,
    Day,
    In,
    JsonBool,
    JsonId,
    JsonInt,
    Line100,
    Line200,
    Moment,
    NoNul,
    PersonOut,
    Text,
    omittable,
    person_out,
)

Line32 = Annotated[str, StringConstraints(max_length=32), NoNul]


class AppealCreateIn(In):
    case_id: JsonId
    child_id: JsonId


class AppealPatchIn(In):
    first_name: Line100 = omittable()
    age: JsonInt | None = omittable(ge=0, le=25)
    last_seen_on: Day | None = None
    last_seen_place: Line200 = omittable()
    hotline_number: Line32 = omittable()
    countries: list[Country] = omittable(min_length=1, max_length=60)
    starts_on: Day = omittable()
    ends_on: Day = omittable()
    photo_source: str = omittable(pattern="^(none|child|upload)$")


class ConsentIn(In):
    party: str = omittable(pattern="^(guardian|police|child)$")
    answer: str = omittable(pattern="^(given|refused|withdrawn)$")
    name: Line200
    capacity: Line200 = ""
    how: str = omittable(pattern="^(phone|writing|in_person)$")
    given_at: Moment
    note: Text = ""


class ConsentOut(Schema):
    id: int
    party: str
    answer: str
    name: str
    capacity: str
    how: str
    given_at: datetime
    recorded_by: PersonOut | None
    note: str


class AppealOut(Schema):
    id: int
    public_id: str
    case_id: int
    child_id: int
    state: str
    first_name: str
    age: int | None
    last_seen_on: date | None
    last_seen_place: str
    hotline_number: str
    countries: list[str]
    starts_on: date
    ends_on: date
    photo_source: str
    published_at: datetime | None
    ended_at: datetime | None
    end_reason: str
    missing: list[str]


class ChecklistItemOut(Schema):
    id: int
    kind: str
    label: str
    country: str
    done_by: PersonOut | None
    done_at: datetime | None


class TakedownOut(Schema):
    at: datetime
    reason: str
    photo_deleted_at: datetime | None
    items: list[ChecklistItemOut]


class TickIn(In):
    done: JsonBool


class PolicyIn(In):
    default_days: JsonInt
    maximum_days: JsonInt
    police_consent_required: JsonBool
    child_view_from_age: JsonInt


class PolicyOut(Schema):
    default_days: int
    maximum_days: int
    police_consent_required: bool
    child_view_from_age: int


class SiteOut(Schema):
    id: int
    name: str
    origin: str
    contact_email: str
    country: str
    state: str
    blocked_at: datetime | None
    blocked_reason: str
    created_at: datetime


class BlockIn(In):
    reason: Line200


class PublicAppealOut(Schema):
    """One item of the JSON feed (JSON Feed 1.1, with the `_homeward` extension)."""

    id: str
    url: str
    title: str
    content_text: str
    image: str | None = None
    date_published: str | None
    homeward: dict[str, Any] = Field(alias="_homeward")


class FeedOut(Schema):
    """The JSON feed (https://jsonfeed.org/version/1.1)."""

    version: str
    title: str
    home_page_url: str
    feed_url: str
    language: str
    items: list[PublicAppealOut]


def appeal_out(appeal: Appeal, missing: list[str]) -> AppealOut:
    return AppealOut(
        id=appeal.pk, public_id=appeal.public_id, case_id=appeal.case_id,
        child_id=appeal.child_id, state=appeal.state, first_name=appeal.first_name,
        age=appeal.age, last_seen_on=appeal.last_seen_on, last_seen_place=appeal.last_seen_place,
        hotline_number=appeal.hotline_number, countries=list(appeal.countries),
        starts_on=appeal.starts_on, ends_on=appeal.ends_on, photo_source=appeal.photo_source,
        published_at=appeal.published_at, ended_at=appeal.ended_at,
        end_reason=appeal.end_reason, missing=missing,
    )  # fmt: skip


def consent_out(consent: Consent) -> ConsentOut:
    return ConsentOut(
        id=consent.pk, party=consent.party, answer=consent.answer, name=consent.name,
        capacity=consent.capacity, how=consent.how, given_at=consent.given_at,
        recorded_by=person_out(consent.recorded_by), note=consent.note,
    )  # fmt: skip


def item_out(item: ChecklistItem) -> ChecklistItemOut:
    return ChecklistItemOut(
        id=item.pk, kind=item.kind, label=str(item.get_kind_display()), country=item.country,
        done_by=person_out(item.done_by), done_at=item.done_at,
    )  # fmt: skip


def takedown_out(takedown: Takedown) -> TakedownOut:
    return TakedownOut(
        at=takedown.at, reason=takedown.reason, photo_deleted_at=takedown.photo_deleted_at,
        items=[item_out(i) for i in takedown.items.all()],
    )  # fmt: skip


def site_out(site: WidgetSite) -> SiteOut:
    return SiteOut.model_validate(site, from_attributes=True)
