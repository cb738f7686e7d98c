"""Alerts and their CAP messages in the API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from django.urls import reverse
from ninja import Field, Schema
from pydantic import StringConstraints

from homeward.alerts.actions import Publication
from homeward.alerts.cap.build import absolute
from homeward.alerts.choices import (
    MAX_DURATION_HOURS,
    AuthorityKind,
    CapCertainty,
    CapSeverity,
    CapUrgency,
    EndReason,
)
from homeward.alerts.models import Alert, CapMessage
from homeward.core.api_types import Country, In, JsonId, Language, Line40, Line200, Moment, Text

Region = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$", to_upper=True)]
Headline = Annotated[str, StringConstraints(max_length=160)]


class TranslationIn(In):
    headline: Headline
    description: Text
    instruction: Text = ""


class PublicationIn(In):
    """What the alert publishes, where and for how long: what the authority authorised."""

    countries: list[Country] = Field(min_length=1, description="ISO 3166-1 alpha-2")
    regions: list[Region] = Field(
        default_factory=list, description="ISO 3166-2 codes of the chosen countries"
    )
    duration_hours: int = Field(ge=1, le=MAX_DURATION_HOURS)
    headline: Headline
    description: Text
    instruction: Text
    hotline_number: Line40
    urgency: CapUrgency = CapUrgency.IMMEDIATE
    severity: CapSeverity = CapSeverity.SEVERE
    certainty: CapCertainty = CapCertainty.LIKELY
    translations: dict[Language, TranslationIn] = Field(
        default_factory=dict, description="the content in other languages than English"
    )

    def publication(self) -> Publication:
        return Publication(
            countries=list(self.countries), regions=list(self.regions),
            duration_hours=self.duration_hours, headline=self.headline,
            description=self.description, instruction=self.instruction,
            hotline_number=self.hotline_number, urgency=str(self.urgency),
            severity=str(self.severity), certainty=str(self.certainty),
            translations={k: v.model_dump() for k, v in self.translations.items()},
        )  # fmt: skip


class ActivationIn(PublicationIn):
    """The competent authority's decision, as it was taken. Homeward never activates an alert
    on its own."""

    assessment_id: JsonId = Field(description="your hotline's assessment of the case")
    authority_kind: AuthorityKind
    authority_name: Line200
    decided_by: Line200 = Field(description="name and function of the official who decided")
    decided_at: Moment
    grounds: Text
    photo_from_case: bool = Field(
        False, description="publish the photo of the case's child (needs view_photos)"
    )


class EndIn(In):
    reason: EndReason


class RelayIn(In):
    receiver_country: Country = Field(description="the country of the hotline asked to relay")


class RelayOut(Schema):
    request_id: int
    reference: str


class MessageOut(Schema):
    identifier: str
    sender: str
    sent: datetime
    msg_type: str
    references: str
    url: str

    @staticmethod
    def resolve_url(obj: CapMessage) -> str:
        return absolute(reverse("alert_cap_message", args=[obj.identifier]))


class AlertOut(Schema):
    id: int
    reference: str
    public_id: str
    case_id: int
    assessment_id: int
    state: str
    authority_kind: str
    authority_name: str
    decided_by: str
    decided_at: datetime
    grounds: str
    countries: list[str]
    regions: list[str]
    duration_hours: int
    expires_at: datetime
    urgency: str
    severity: str
    certainty: str
    headline: str
    description: str
    instruction: str
    hotline_number: str
    has_photo: bool
    ended_at: datetime | None
    end_reason: str
    public_url: str
    cap_url: str

    @staticmethod
    def resolve_has_photo(obj: Alert) -> bool:
        return bool(obj.photo)

    @staticmethod
    def resolve_public_url(obj: Alert) -> str:
        return absolute(reverse("alert_public", args=[obj.public_id]))

    @staticmethod
    def resolve_cap_url(obj: Alert) -> str:
        return absolute(reverse("alert_cap_latest", args=[obj.public_id]))
