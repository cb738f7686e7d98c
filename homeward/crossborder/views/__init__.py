"""The cross-border pages. Each module holds one group; `urls.py` names them here."""

from homeward.crossborder.views.conversation import attachment, message_post, shared_photo
from homeward.crossborder.views.intake import request_open_case
from homeward.crossborder.views.notifications import notification_list, notifications_read
from homeward.crossborder.views.pages import (
    case_requests,
    request_detail,
    request_list,
    request_new,
)
from homeward.crossborder.views.procedure import (
    request_acknowledge,
    request_approve,
    request_complete,
    request_decision,
    request_decline,
    request_link_case,
    request_located,
    request_push,
    request_revoke,
    request_send,
    request_send_back,
    request_sharing,
    request_start,
    request_withdraw,
)

__all__ = [
    "attachment",
    "case_requests",
    "message_post",
    "notification_list",
    "notifications_read",
    "request_acknowledge",
    "request_approve",
    "request_complete",
    "request_decision",
    "request_decline",
    "request_detail",
    "request_link_case",
    "request_list",
    "request_located",
    "request_new",
    "request_open_case",
    "request_push",
    "request_revoke",
    "request_send",
    "request_send_back",
    "request_sharing",
    "request_start",
    "request_withdraw",
    "shared_photo",
]
