"""The deadlines a request carries, as a page shows them: time left to acknowledge (and whether
it is overdue), and the 12-hour decision clock once the child is located."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from homeward.crossborder.choices import OPEN_STATES, State
from homeward.crossborder.models import CooperationRequest
from homeward.organisations.models import Membership


@dataclass(frozen=True)
class Row:
    request: CooperationRequest
    incoming: bool
    ack_due: datetime | None  # only while the receiver has not acknowledged
    ack_overdue: bool
    decision_due: datetime | None  # while the child is located, undecided, the request open
    decision_overdue: bool

    @property
    def counterpart(self) -> object:
        return self.request.sender if self.incoming else self.request.receiver

    @property
    def awaiting_approval(self) -> bool:
        return self.request.state == State.AWAITING_APPROVAL

    @property
    def sort_key(self) -> tuple[int, float]:
        if self.decision_due is not None:
            return (0, self.decision_due.timestamp())
        if self.ack_due is not None:
            return (1, self.ack_due.timestamp())
        if self.awaiting_approval:
            return (2, self.request.created_at.timestamp())
        return (3, -self.request.created_at.timestamp())


def row(request: CooperationRequest, membership: Membership, now: datetime | None = None) -> Row:
    now = now or timezone.now()
    waiting = request.state == State.SENT and request.acknowledged_at is None
    ack_due = request.acknowledge_due_at if waiting else None
    located_open = (
        request.decision_due_at is not None
        and request.decided_at is None
        and request.state in OPEN_STATES
    )
    decision_due = request.decision_due_at if located_open else None
    return Row(
        request=request,
        incoming=request.receiver_id == membership.organisation_id,
        ack_due=ack_due,
        ack_overdue=ack_due is not None and ack_due <= now,
        decision_due=decision_due,
        decision_overdue=decision_due is not None and decision_due <= now,
    )


def rows(requests: Iterable[CooperationRequest], membership: Membership) -> list[Row]:
    now = timezone.now()
    return sorted((row(r, membership, now) for r in requests), key=lambda r: r.sort_key)
