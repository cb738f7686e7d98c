"""What cross-border work writes in a case's timeline, registered with cases' timeline messages
(cases/timeline.py) when the app starts."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from homeward.core.wording import Message

MESSAGES: dict[str, Message] = {
    "crossborder_sent": Message(_("Cross-border request %(ref)s sent to %(org)s")),
    "crossborder_located": Message(
        _("%(org)s reports the child located (%(ref)s). Decision due by %(due)s."),
        moments=("due",),
    ),
    "crossborder_decided": Message(_("Decision on the located child (%(ref)s), by %(authority)s")),
    "crossborder_opened": Message(_("Opened from cross-border request %(ref)s of %(org)s")),
}
