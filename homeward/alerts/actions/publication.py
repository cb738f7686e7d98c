"""Publishing a CAP message: built, validated against both schemas, then stored (immutable).
An Update or a Cancel names every earlier message of the alert in `references`."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from homeward.alerts.actions.common import audit
from homeward.alerts.cap import build, schema
from homeward.alerts.choices import MsgType
from homeward.alerts.models import Alert, CapMessage
from homeward.organisations.models import Membership


def publish(alert: Alert, msg_type: str, membership: Membership | None) -> CapMessage:
    """Within the caller's transaction, on the locked alert; its own audit event (a system
    action, the expiry sweep, has no membership)."""
    earlier = list(alert.messages.order_by("sent", "pk"))
    if msg_type != MsgType.ALERT and not earlier:
        raise ValueError("an Update or a Cancel needs the messages it supersedes")
    sent = timezone.now().replace(microsecond=0)
    if earlier and sent <= earlier[-1].sent:  # two messages in one second: keep them ordered
        sent = earlier[-1].sent + timedelta(seconds=1)
    envelope = build.Envelope(
        identifier=f"homeward-{alert.reference}-{len(earlier) + 1}",
        sent=sent,
        msg_type=msg_type,
        references=" ".join(message.reference_triple for message in earlier),
    )
    xml = build.build(alert, envelope)
    schema.validate(xml)
    message = CapMessage.objects.create(
        alert=alert,
        identifier=envelope.identifier,
        sender=build.sender(),
        sent=sent,
        msg_type=msg_type,
        references=envelope.references,
        xml=xml.decode(),
        has_details=msg_type != MsgType.CANCEL,
    )
    audit(membership, "alert.publish", alert, [f"cap_{msg_type.lower()}"],
          organisation=alert.organisation)  # fmt: skip
    return message
