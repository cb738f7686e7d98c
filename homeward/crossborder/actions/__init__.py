"""Every write of the cross-border procedure. Each action runs in one transaction, takes a
keyword-only `acting_user`, checks which side may act in which state, and records its audit
event in that transaction; notices go out on commit. One module per concern: the sender's
actions, the receiver's, the conversation, the deadline watch."""

from homeward.crossborder.actions.answers import (
    acknowledge,
    complete,
    decline,
    link_receiver_case,
    report_located,
    start_work,
)
from homeward.crossborder.actions.conversation import mark_notifications_read, post_message
from homeward.crossborder.actions.deadlines import check_deadlines
from homeward.crossborder.actions.requests import (
    approve_request,
    draft_request,
    push_update,
    revoke_share,
    send_request,
    withdraw,
)

__all__ = [
    "acknowledge",
    "approve_request",
    "check_deadlines",
    "complete",
    "decline",
    "draft_request",
    "link_receiver_case",
    "mark_notifications_read",
    "post_message",
    "push_update",
    "report_located",
    "revoke_share",
    "send_request",
    "start_work",
    "withdraw",
]
