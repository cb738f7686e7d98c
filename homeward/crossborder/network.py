"""The network office's view of cross-border work: aggregates only, never a request's content.

Counts by country pair, type and outcome; how long acknowledgement and completion take; the
share acknowledged within the standard deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from statistics import median

from django.db.models import Count, F, QuerySet

from homeward.crossborder.models import CooperationRequest
from homeward.organisations.access import require_permission
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission


@dataclass(frozen=True)
class Aggregates:
    total: int
    by_pair: list[dict[str, object]]
    by_type: list[dict[str, object]]
    by_state: list[dict[str, object]]
    median_hours_to_acknowledge: float | None
    median_hours_to_complete: float | None
    acknowledged_in_time: int
    acknowledged: int

    @property
    def share_in_time(self) -> float | None:
        return self.acknowledged_in_time / self.acknowledged if self.acknowledged else None


def _hours(deltas: list[timedelta]) -> float | None:
    return round(median(d.total_seconds() / 3600 for d in deltas), 1) if deltas else None


def network_aggregates(membership: Membership) -> Aggregates:
    require_permission(membership, Permission.VIEW_NETWORK_STATISTICS)
    # what left the sender: a request sent back by a supervisor and then withdrawn never did
    sent: QuerySet[CooperationRequest] = CooperationRequest.objects.filter(sent_at__isnull=False)
    by_pair = list(
        sent.values(sender_country=F("sender__country"), receiver_country=F("receiver__country"))
        .annotate(n=Count("pk"))
        .order_by("-n", "sender_country", "receiver_country")
    )
    by_type = list(sent.values("request_type").annotate(n=Count("pk")).order_by("-n"))
    by_state = list(sent.values("state").annotate(n=Count("pk")).order_by("-n"))
    timings = list(
        sent.values_list("sent_at", "acknowledged_at", "completed_at", "acknowledge_due_at")
    )
    to_ack = [ack - s for s, ack, _done, _due in timings if s and ack]
    to_done = [done - s for s, _ack, done, _due in timings if s and done]
    in_time = sum(1 for s, ack, _done, due in timings if s and ack and due and ack <= due)
    return Aggregates(
        total=sent.count(),
        by_pair=by_pair,
        by_type=by_type,
        by_state=by_state,
        median_hours_to_acknowledge=_hours(to_ack),
        median_hours_to_complete=_hours(to_done),
        acknowledged_in_time=in_time,
        acknowledged=len(to_ack),
    )
