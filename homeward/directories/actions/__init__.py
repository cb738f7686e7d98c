"""Every write of the directories, each in one transaction with its audit event."""

from homeward.directories.actions.prevention import Facts, remind_due, save_entry, verify_entry
from homeward.directories.actions.services import (
    Submission,
    publish_service,
    reject_service,
    submit_service,
    withdraw_service,
)

__all__ = [
    "Facts",
    "Submission",
    "publish_service",
    "reject_service",
    "remind_due",
    "save_entry",
    "submit_service",
    "verify_entry",
    "withdraw_service",
]
