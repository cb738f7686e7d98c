"""Contacts through the API: logging one, the list and its filters."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.db.models import Q, QuerySet
from ninja import Field, FilterSchema
from pydantic import BaseModel, ConfigDict

from homeward.cases.choices import Caller, ContactType
from homeward.cases.models import Contact
from homeward.cases.schemas.common import attributes_for
from homeward.core.api_types import (
    Day,
    Id,
    In,
    JsonBool,
    JsonId,
    JsonInt,
    Language,
    Line40,
    Line200,
    Line254,
    Moment,
    PersonOut,
    Text,
    omittable,
    person_out,
)
from homeward.organisations.models import Channel, Organisation


class ContactIn(In):
    channel: Channel
    caller: Caller
    contact_type: ContactType
    started_at: Moment = omittable(description="when the contact began; default: now")
    duration_seconds: JsonInt | None = Field(None, ge=0, le=86_400)
    language: Language | Literal[""] = ""
    case_id: JsonId | None = None
    notes: Text = ""
    caller_consent: JsonBool = False
    caller_name: Line200 = ""
    caller_phone: Line40 = ""
    caller_email: Line254 = ""


def days_between(
    field: str, organisation: Organisation, first: date | None, last: date | None
) -> Q:
    """From the start of `first` to the end of `last` (both included), in the hotline's time
    zone."""
    start, end = organisation.days(first, last)
    q = Q()
    if start is not None:
        q &= Q(**{f"{field}__gte": start})
    if end is not None:
        q &= Q(**{f"{field}__lt": end})
    return q


class ContactFilter(FilterSchema):
    case_id: Id | None = None
    contact_type: ContactType | None = None
    channel: Channel | None = None
    date_from: Day | None = Field(
        None, alias="from", description="started on or after this day (the hotline's time zone)"
    )
    date_to: Day | None = Field(
        None, alias="to", description="started on or before this day (the hotline's time zone)"
    )

    def filter_date_from(self, value: date | None) -> Q:
        return Q()  # see apply: days are the hotline's

    def filter_date_to(self, value: date | None) -> Q:
        return Q()

    def apply(self, contacts: QuerySet[Contact], organisation: Organisation) -> QuerySet[Contact]:
        return self.filter(contacts).filter(
            days_between("started_at", organisation, self.date_from, self.date_to)
        )


class ContactListItemOut(BaseModel):
    """A contact in a list: no notes and no caller details (those are in the audited detail)."""

    # A plain pydantic model read from the contact's attributes by pydantic itself, not a ninja
    # Schema, whose getter reads each field in Python (see CaseOut).
    model_config = ConfigDict(from_attributes=True)

    id: int
    channel: str
    started_at: datetime
    duration_seconds: int | None
    caller: str
    language: str
    contact_type: str
    case_id: int | None
    has_caller_details: bool


class ContactOut(ContactListItemOut):
    notes: str
    caller_consent: bool
    caller_name: str
    caller_phone: str
    caller_email: str
    logged_by: PersonOut | None
    created_at: datetime


def contact_out(contact: Contact) -> ContactOut:
    return ContactOut(
        **attributes_for(ContactOut, contact, computed={"logged_by"}),
        logged_by=person_out(contact.logged_by),
    )
