"""What Homeward itself writes in a case's timeline ("Risk: Low → High", "Closure requested:
Found alive, safe"), kept as a message and its parameters and put into words when read, in the
reader's language and time zone: hotlines work in several languages (Belgium's in Dutch, French
and German), and an entry written during a French operator's shift must read in Dutch for the
next one. What a person wrote (a note, a reason, a handover note) stays as written, after the
message. Entries from before messages existed have only their text."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import TextChoices
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from homeward.cases.choices import ContactType, Outcome, RiskGrade, Status


@dataclass(frozen=True)
class Message:
    """`template` in the reader's language with its parameters; without a template, the label of
    the one parameter. Parameters named in `choices` hold a code shown as its label, those in
    `moments` an ISO time shown in the reader's time zone; the others are shown as they are."""

    template: Promise | None = None
    choices: Mapping[str, type[TextChoices]] = field(default_factory=dict)
    moments: tuple[str, ...] = ()


MESSAGES: dict[str, Message] = {
    "status": Message(choices={"status": Status}),
    "contact": Message(choices={"contact_type": ContactType}),
    "assigned": Message(_("Assigned to %(name)s")),
    "risk": Message(_("Risk: %(grade)s"), choices={"grade": RiskGrade}),
    "risk_changed": Message(
        _("Risk: %(old)s → %(new)s"), choices={"old": RiskGrade, "new": RiskGrade}
    ),
    "closure_requested": Message(_("Closure requested: %(outcome)s"), choices={"outcome": Outcome}),
    "closure_approved": Message(_("Closure approved")),
    "closure_returned": Message(_("Closure sent back")),
    "reopened": Message(_("Reopened")),
    "crossborder_sent": Message(_("Cross-border request %(ref)s sent to %(org)s")),
    "crossborder_located": Message(
        _("%(org)s reports the child located (%(ref)s). Decision due by %(due)s."),
        moments=("due",),
    ),
}


def check(message: str, params: Mapping[str, Any]) -> None:
    """Refuses a message that could not be put into words later (a programming error)."""
    if message not in MESSAGES:
        raise ValueError(f"unknown timeline message {message!r}")
    render(message, params, "")


def render(message: str, params: Mapping[str, Any], text: str) -> str:
    """The entry in the active language: the message, then what a person wrote."""
    said = _words(MESSAGES[message], params) if message in MESSAGES else ""
    return " — ".join(part for part in (said, text) if part)


def _words(message: Message, params: Mapping[str, Any]) -> str:
    values = {name: _shown(message, name, value) for name, value in params.items()}
    if message.template is None:
        return " ".join(values.values())
    return str(message.template) % values


def _shown(message: Message, name: str, value: Any) -> str:
    if name in message.choices:
        choices = message.choices[name]
        return str(choices(value).label) if value in choices.values else str(value)
    if name in message.moments:
        moment = parse_datetime(str(value))
        return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else str(value)
    return str(value)
