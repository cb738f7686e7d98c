"""CAP 1.2: the messages Homeward publishes for an alert (`build`), checked against the OASIS
schema and Google's extended one before they are stored (`schema`)."""

from __future__ import annotations

from datetime import UTC, datetime


def cap_time(moment: datetime) -> str:
    """A CAP date-time: `2026-12-07T23:05:00+00:00`, in UTC, no `Z`, no fractions (the
    schema's pattern `\\d\\d\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[-,+]\\d\\d:\\d\\d`)."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()
