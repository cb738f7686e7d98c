"""What cross-border notifications say (crossborder/notify.py sends them, one per member),
kept as a message and its parameters (core/wording.py) and put into words when read: a
request's notifications are read at the other hotline, in another language, and a deadline in
the reader's time zone. Notifications from before messages existed have only their text. A
notification never holds personal data: a reference and what happened."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from homeward.core.wording import Message
from homeward.crossborder.choices import State, Urgency

MESSAGES: dict[str, Message] = {
    "new_request": Message(
        _("New %(urgency)s request %(ref)s from %(org)s"), choices={"urgency": Urgency}
    ),
    "awaiting_approval": Message(_("Request %(ref)s waits for your approval")),
    "updated": Message(_("Updated information on %(ref)s")),
    "revoked": Message(_("Sharing on %(ref)s was revoked")),
    "state": Message(_("%(ref)s: %(what)s"), choices={"what": State}),
    "withdrawn": Message(_("%(ref)s was withdrawn")),
    "withdrawn_revoked": Message(_("%(ref)s was withdrawn, and what was shared on it revoked")),
    "located": Message(_("CHILD LOCATED — %(ref)s: decide within 12 hours")),
    "decided": Message(_("%(ref)s: %(org)s recorded the decision on the located child")),
    "sent_back": Message(_("%(ref)s was sent back to you: see the supervisor's reason")),
    "message": Message(_("New message on %(ref)s")),
    "overdue": Message(_("OVERDUE: %(ref)s was not acknowledged in time")),
    "reminder": Message(_("Reminder: acknowledge %(ref)s before %(due)s"), moments=("due",)),
}
