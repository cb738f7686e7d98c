"""Every write of the annual returns. Each action runs in one transaction, re-checks the acting
membership's organisation and permission (a hotline's return is its own: another hotline's is a
404), and records its audit event in that transaction; e-mails go out once it commits. One
module per side: the hotline's return, the network office's year."""

from homeward.statistics.actions.returns import (
    prepare_return,
    reopen_return,
    submit_return,
    upload_return,
    withdraw_submission,
)
from homeward.statistics.actions.years import lock_year, open_year, remind_hotlines, unlock_year

__all__ = [
    "lock_year",
    "open_year",
    "prepare_return",
    "remind_hotlines",
    "reopen_return",
    "submit_return",
    "unlock_year",
    "upload_return",
    "withdraw_submission",
]
