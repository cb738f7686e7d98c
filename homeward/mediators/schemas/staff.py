"""The staff API's shapes: profiles for the network's manager, mediation requests for the
manager and the assigned mediators."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema

from homeward.core.api_types import JsonId
from homeward.mediators.choices import Outcome
from homeward.mediators.schemas.mediators import MediatorOut


class ProfileOut(MediatorOut):
    pk: int
    state: str
    published_at: datetime | None
    confirmed_at: datetime | None
    reminded_at: datetime | None


class ProfileListItemOut(Schema):
    pk: int
    public_id: str
    full_name: str
    state: str
    confirmed_at: datetime | None


class SessionOut(Schema):
    held_on: date
    format: str


class RequestListItemOut(Schema):
    """No parents' details: those are in the (audited) single read."""

    pk: int
    source: str
    situation: str
    country_a: str
    country_b: str
    state: str
    first_mediator: int | None
    second_mediator: int | None
    outcome: str
    outcome_on: date | None
    created_at: datetime


class RequestOut(RequestListItemOut):
    referring_organisation: str
    languages_a: list[str]
    languages_b: list[str]
    contact_name: str
    contact_email: str
    contact_phone: str
    note: str
    assigned_at: datetime | None
    intake_on: date | None
    sessions: list[SessionOut]


class AssignIn(Schema):
    first: JsonId
    second: JsonId


class OutcomeIn(Schema):
    outcome: Outcome
    outcome_on: date
