"""What Homeward itself writes in a case's timeline ("Risk: Low → High", "Closure requested:
Found alive, safe"), kept as a message and its parameters (core/wording.py) and put into words
when read: hotlines work in several languages (Belgium's in Dutch, French and German), and an
entry written during a French-speaking operator's shift must read in German for the next one. What
a person wrote (a note, a reason, a handover note) stays as written, after the message. Entries
from before messages existed have only their text."""

from __future__ import annotations

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
    "crossborder_sent": Message(_("Cross-border request %(ref)s sent to %(org)s")),
    "crossborder_located": Message(
        _("%(org)s reports the child located (%(ref)s). Decision due by %(due)s."),
        moments=("due",),
    ),
    "crossborder_decided": Message(_("Decision on the located child (%(ref)s), by %(authority)s")),
    "crossborder_opened": Message(_("Opened from cross-border request %(ref)s of %(org)s")),
}
