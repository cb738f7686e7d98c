"""Every write to contacts, cases and children. Each action runs in one transaction, takes a
keyword-only `membership` (the acting user is its user), checks the member's permission and that
the object is the member's organisation's, and records its audit event (and where it matters a
timeline entry) in that same transaction.

`add_timeline` is the one for other apps: it writes an entry (with a message the app registered
in cases/timeline.py) inside the caller's own transaction, beside the caller's audit event."""

from homeward.cases.actions.cases import (
    assign_case,
    change_status,
    open_case,
    record_timeline,
    update_case,
    update_section,
)
from homeward.cases.actions.children import (
    add_child_name,
    add_child_to_case,
    set_child_photo,
    update_child,
)
from homeward.cases.actions.closure import decide_closure, reopen_case, request_closure
from homeward.cases.actions.common import EditConflict, add_timeline
from homeward.cases.actions.contacts import link_contact, log_contact, retype_contact
from homeward.cases.actions.risk import assess_risk

__all__ = [
    "EditConflict",
    "add_child_name",
    "add_child_to_case",
    "add_timeline",
    "assess_risk",
    "assign_case",
    "change_status",
    "decide_closure",
    "link_contact",
    "log_contact",
    "open_case",
    "record_timeline",
    "reopen_case",
    "request_closure",
    "retype_contact",
    "set_child_photo",
    "update_case",
    "update_child",
    "update_section",
]
