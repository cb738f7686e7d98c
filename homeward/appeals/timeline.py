"""What appeals write in a case's timeline, registered with cases' timeline messages
(cases/timeline.py) when the app starts: whoever takes the case over sees that an appeal was
prepared, who answered for consent, when it went public and until when, and why it ended."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from homeward.appeals.choices import Answer, EndReason, Party
from homeward.core.wording import Message

MESSAGES: dict[str, Message] = {
    "appeal_drafted": Message(_("Publicity appeal prepared for %(name)s (draft)")),
    "appeal_consent": Message(
        _("Consent to the publicity appeal for %(name)s: %(party)s, %(answer)s"),
        choices={"party": Party, "answer": Answer},
    ),
    "appeal_published": Message(
        _("Publicity appeal for %(name)s published, shown until %(until)s included")
    ),
    "appeal_ended": Message(
        _("Publicity appeal for %(name)s ended: %(reason)s"), choices={"reason": EndReason}
    ),
}
