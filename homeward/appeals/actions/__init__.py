"""Every write of publicity appeals. Each action runs in one transaction, takes a keyword-only
`membership` (none for a public registration or the expiry sweep), re-checks that the appeal is
the member's hotline's, and records its audit event in that transaction."""

from homeward.appeals.actions.consent import record_consent
from homeward.appeals.actions.drafts import create_draft, edit_draft
from homeward.appeals.actions.publication import publish
from homeward.appeals.actions.sites import block_site, edit_policy, register_site, unblock_site
from homeward.appeals.actions.takedown import (
    end_appeal,
    end_appeals_of_closed_case,
    end_appeals_of_found_child,
    take_down_expired,
    tick_item,
)

__all__ = [
    "block_site",
    "create_draft",
    "edit_draft",
    "edit_policy",
    "end_appeal",
    "end_appeals_of_closed_case",
    "end_appeals_of_found_child",
    "publish",
    "record_consent",
    "register_site",
    "take_down_expired",
    "tick_item",
    "unblock_site",
]
