"""Prevention pages in the API: each version with its facts, language and verification."""

from __future__ import annotations

from datetime import date

from ninja import Schema


class PreventionOut(Schema):
    id: int
    country: str
    language: str
    audience: str
    hague_in_force: bool
    hague_partners: str
    brussels_iib: bool
    authority_name: str
    authority_address: str
    authority_phone: str
    authority_email: str
    authority_website: str
    mediation_contact: str
    hotline_number: str
    what_you_can_do: str
    verified_on: date
    verified_by: str
