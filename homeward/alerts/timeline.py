"""What child alerts write in a case's timeline, registered with cases' timeline messages
(cases/timeline.py) when the app starts: a shift handover sees every alert event there."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from homeward.alerts.choices import EndReason, Recommendation
from homeward.core.wording import Message

MESSAGES: dict[str, Message] = {
    "alert_assessed": Message(
        _("Child alert assessment recorded: %(recommendation)s"),
        choices={"recommendation": Recommendation},
    ),
    "alert_activated": Message(
        _("Child alert %(ref)s activated by %(authority)s, until %(until)s"), moments=("until",)
    ),
    "alert_updated": Message(_("Update of child alert %(ref)s published")),
    "alert_relay": Message(_("Child alert %(ref)s: %(org)s asked to relay it")),
    "alert_ended": Message(
        _("Child alert %(ref)s ended: %(reason)s"), choices={"reason": EndReason}
    ),
}
