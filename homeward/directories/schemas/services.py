"""The services in the API: HSDS 3.0 field names for the public, the moderation view for
staff."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema

from homeward.core.api_types import In, Line254


class HsdsLanguage(Schema):
    code: str


class HsdsSchedule(Schema):
    description: str


class HsdsServiceArea(Schema):
    name: str


class HsdsPhone(Schema):
    number: str


class HsdsOrganization(Schema):
    id: str
    name: str
    website: str
    email: str


class HsdsAddress(Schema):
    address_1: str
    city: str
    country: str
    address_type: str


class HsdsLocation(Schema):
    name: str
    addresses: list[HsdsAddress]


class HsdsTerm(Schema):
    code: str
    term: str


class HsdsAttribute(Schema):
    taxonomy_term: HsdsTerm


class HsdsServiceOut(Schema):
    id: str
    name: str
    description: str
    status: str
    eligibility_description: str
    minimum_age: int | None
    maximum_age: int | None
    languages: list[HsdsLanguage]
    interpretation_services: str
    fees_description: str
    schedules: list[HsdsSchedule]
    service_areas: list[HsdsServiceArea]
    phones: list[HsdsPhone]
    email: str
    url: str
    assured_date: date | None
    assurer_email: str
    organization: HsdsOrganization
    locations: list[HsdsLocation]
    attributes: list[HsdsAttribute]


class HsdsPage(Schema):
    items: list[HsdsServiceOut]
    count: int
    page: int
    page_size: int


class ModeratedServiceOut(Schema):
    id: int
    public_id: str
    name: str
    organization: str
    country: str
    city: str
    state: str
    submitted_at: datetime
    submitter_email: str
    moderation_note: str
    assured_date: date | None


class ReasonIn(In):
    reason: Line254
