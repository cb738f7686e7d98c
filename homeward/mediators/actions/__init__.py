"""Every write of the mediators app. Each action runs in one transaction, takes a keyword-only
`membership` (none for the public form or the yearly sweep), re-checks that its object is the
member's organisation's, and records its audit event in that transaction."""

from homeward.mediators.actions.profiles import (
    ProfileData,
    add_published_profiles,
    publish_profile,
    reconfirm_profile,
    save_profile,
    submit_profile,
    sweep_reconfirmations,
    unpublish_profile,
)
from homeward.mediators.actions.requests import (
    RequestData,
    add_session,
    assign_pair,
    record_intake,
    record_outcome,
    refer_from_case,
    request_mediation,
)

__all__ = [
    "ProfileData",
    "RequestData",
    "add_published_profiles",
    "add_session",
    "assign_pair",
    "publish_profile",
    "reconfirm_profile",
    "record_intake",
    "record_outcome",
    "refer_from_case",
    "request_mediation",
    "save_profile",
    "submit_profile",
    "sweep_reconfirmations",
    "unpublish_profile",
]
