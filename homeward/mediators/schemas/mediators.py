"""The public mediator directory's API shapes: only what the public page shows."""

from __future__ import annotations

from ninja import Schema


class LanguageOut(Schema):
    language: str
    level: str


class MediatorOut(Schema):
    id: str
    name: str
    gender: str
    background: str
    profession: str
    specialisations: list[str]
    languages: list[LanguageOut]
    practice_countries: list[str]
    accepted_countries: list[str]
    cities: str
    network_training: bool
    training_hours: int
    training_year: int | None
    accreditations: str
    urgent: bool
    travels: bool
    online: bool
    fees: str
    biographies: dict[str, str]
    email: str
    phone: str
    website: str


class MediatorPage(Schema):
    count: int
    page: int
    results: list[MediatorOut]


class PairOut(Schema):
    mediators: list[MediatorOut]
    score: int
    covers: list[str]
    lacks: list[str]
