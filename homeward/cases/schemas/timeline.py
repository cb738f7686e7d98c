"""A case's timeline through the API."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema

from homeward.cases.choices import TimelineKind
from homeward.cases.models import TimelineEvent
from homeward.core.api_types import In, Moment, PersonOut, Text, person_out


class TimelineIn(In):
    kind: TimelineKind = Field(
        description="police, information, publicity, support, message or note; the other "
        "kinds are written by Homeward itself"
    )
    text: Text
    occurred_at: Moment | None = None


class TimelineOut(Schema):
    id: int
    kind: str
    occurred_at: datetime
    actor: PersonOut | None
    text: str = Field(
        description="in the reader's language: what Homeward says (see `message`), then what a "
        "person wrote"
    )
    message: str = Field(
        description="what Homeward said, as a code (status, risk, closure_requested, …); empty "
        "for an entry a person wrote"
    )
    contact_id: int | None

    @staticmethod
    def resolve_text(event: TimelineEvent) -> str:
        return event.shown_text

    @staticmethod
    def resolve_actor(event: TimelineEvent) -> PersonOut | None:
        return person_out(event.actor)
