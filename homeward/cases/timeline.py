"""What Homeward itself writes in a case's timeline ("Risk: Low → High", "Closure requested:
Found alive, safe"), kept as a message and its parameters (core/wording.py) and put into words
when read: hotlines work in several languages (Belgium's in Dutch, French and German), and an
entry written during a French-speaking operator's shift must read in German for the next one. What
a person wrote (a note, a reason, a handover note) stays as written, after the message. Entries
from before messages existed have only their text.

An app above cases that writes in a case's timeline (through `cases.actions.add_timeline`)
registers its own messages here when it starts (`register`, from its AppConfig.ready)."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from homeward.cases.choices import ContactType, Outcome, RiskGrade, Status
from homeward.core.wording import Message

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
}


def register(messages: Mapping[str, Message]) -> None:
    """Adds an app's timeline messages. A code another app already took is a programming error."""
    taken = sorted(
        code for code in messages if MESSAGES.get(code, messages[code]) != messages[code]
    )
    if taken:
        raise ValueError(f"timeline messages already registered: {', '.join(taken)}")
    MESSAGES.update(messages)
