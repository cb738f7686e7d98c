"""Every write of the cross-border procedure. Each action runs in one transaction, takes a
keyword-only `membership.user`, checks which side may act in which state, and records its audit
event in that transaction; notices go out on commit. One module per concern: the sender's
actions, the receiver's, the conversation, the deadline watch, the located child's decision,
the receiver's own case, and what a case's closure ends."""

from homeward.crossborder.actions.answers import (
    acknowledge,
    complete,
    decline,
    link_receiver_case,
    report_located,
    start_work,
)
from homeward.crossborder.actions.closure import end_requests_of_closed_case
from homeward.crossborder.actions.conversation import mark_notifications_read, post_message
from homeward.crossborder.actions.deadlines import check_deadlines
from homeward.crossborder.actions.decision import record_decision
from homeward.crossborder.actions.intake import open_case_from_request
from homeward.crossborder.actions.requests import (
    amend_draft,
    approve_request,
    draft_request,
    push_update,
    revoke_share,
    send_back,
    send_request,
    withdraw,
)

__all__ = [
    "acknowledge",
    "amend_draft",
    "approve_request",
    "check_deadlines",
    "complete",
    "decline",
    "draft_request",
    "end_requests_of_closed_case",
    "link_receiver_case",
    "mark_notifications_read",
    "open_case_from_request",
    "post_message",
    "push_update",
    "record_decision",
    "report_located",
    "revoke_share",
    "send_back",
    "send_request",
    "start_work",
    "withdraw",
]
