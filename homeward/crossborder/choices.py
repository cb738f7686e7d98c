"""The standard procedure between hotlines: request types, states and what may follow what."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestType(models.TextChoices):
    LOCATE = "locate", _("Locate or verify information")
    POLICE = "police", _("Liaise with local police (report, SIS alert, Interpol notice)")
    SUPPORT = "support", _("Support the family or the child in that country")
    PUBLICITY = "publicity", _("Publicity in that country")
    FACILITIES = "facilities", _("Check reception and care facilities")
    MEDIATION = "mediation", _("Refer to mediation or the Hague central authority")
    TAKE_OVER = "take_over", _("Take over the case")
    ALERT_RELAY = "alert_relay", _("Relay a child alert")


class Urgency(models.TextChoices):
    URGENT = "urgent", _("Urgent")
    NORMAL = "normal", _("Normal")


def default_urgency(high_risk: bool) -> Urgency:
    """A high-risk child cannot wait 24 hours for an acknowledgement."""
    return Urgency.URGENT if high_risk else Urgency.NORMAL


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting a supervisor's approval")
    SENT = "sent", _("Sent")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATES = (State.SENT, State.ACKNOWLEDGED, State.IN_PROGRESS)
FINAL_STATES = (State.COMPLETED, State.DECLINED, State.WITHDRAWN)


class EventKind(models.TextChoices):
    MESSAGE = "message", _("Message")
    SENT = "sent", _("Request sent")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    IN_PROGRESS = "in_progress", _("Work started")
    POLICE_CONTACTED = "police_contacted", _("Police contacted")
    CHILD_LOCATED = "child_located", _("Child located")
    DECISION = "decision", _("Decision on the located child")
    SHARE_UPDATED = "share_updated", _("Shared information updated")
    SHARE_REVOKED = "share_revoked", _("Sharing revoked")
    COMPLETED = "completed", _("Completed")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CASE_CLOSED = "case_closed", _("Case closed")
    REMINDER = "reminder", _("Deadline reminder")
    ESCALATED = "escalated", _("Escalated to supervisors")


# The fields a sender may share. Nothing is shared unless ticked.
CASE_SHARE_FIELDS = (
    "reference",
    "category",
    "subcategory",
    "disappeared_on",
    "last_seen_country",
    "last_seen_locality",
    "last_seen_description",
    "summary",
    "police_reference",
    "sis_category",
    "hague_file",
)
CHILD_SHARE_FIELDS = (
    "given_names",
    "family_name",
    "original_script_name",
    "other_names",
    "sex",
    "birth_date",
    "birth_year",
    "estimated_age",
    "nationalities",
    "languages",
    "physical_description",
    "clothing",
    "photo",
)
