"""The network office's view of cross-border work: aggregates only, never a request's content.

Counts by country pair, type and outcome; how long acknowledgement and completion take; the
share acknowledged within the standard deadline. Every figure passes disclosure control with the
network's threshold (settings.HOMEWARD_DISCLOSURE_THRESHOLD, see docs/statistics.md): a count from
1 to threshold − 1 is never shown, nor anything it could be worked out from. This module reads
the setting itself: crossborder sits below the statistics app and cannot import it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from statistics import median

from django.conf import settings
from django.db.models import Count, F, QuerySet

from homeward.crossborder.models import CooperationRequest
from homeward.organisations.access import require_permission
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission


def disclosure_threshold() -> int:
    """The smallest count shown (validated at start-up by the settings)."""
    return int(getattr(settings, "HOMEWARD_DISCLOSURE_THRESHOLD", 5))


def _is_small(count: int, threshold: int) -> bool:
    return 0 < count < threshold


@dataclass(frozen=True)
class Breakdown:
    """One list of counts as published: the rows shown, and what is hidden, summed.

    `other` is the sum of the hidden rows, or None when nothing is hidden or when every row is
    (then only the total is shown: a single "other" row would be the total again)."""

    rows: list[dict[str, object]]
    other: int | None


def disclose(rows: list[dict[str, object]], threshold: int) -> Breakdown:
    """Hide each row whose count ("n") is from 1 to threshold − 1; if that hides exactly one row,
    hide the smallest row still shown as well, so that the "other" row is never one count."""
    hidden = [row for row in rows if _is_small(int(str(row["n"])), threshold)]
    shown = [row for row in rows if not _is_small(int(str(row["n"])), threshold)]
    if len(hidden) == 1 and shown:
        smallest = min(shown, key=lambda row: int(str(row["n"])))
        shown.remove(smallest)
        hidden.append(smallest)
    if not hidden:
        return Breakdown(rows=shown, other=None)
    if not shown:
        return Breakdown(rows=[], other=None)
    return Breakdown(rows=shown, other=sum(int(str(row["n"])) for row in hidden))


@dataclass(frozen=True)
class Aggregates:
    """What the network office may see; None where a figure is withheld as too few requests."""

    threshold: int
    total: int
    by_pair: Breakdown
    by_type: Breakdown
    by_state: Breakdown
    median_hours_to_acknowledge: float | None
    median_hours_to_complete: float | None
    share_in_time: int | None
    """Per cent of the acknowledged requests acknowledged within the deadline."""
    acknowledged: int | None


def _median_hours(deltas: list[timedelta], threshold: int) -> float | None:
    if len(deltas) < threshold:
        return None
    return round(median(d.total_seconds() / 3600 for d in deltas), 1)


def _share_in_time(in_time: int, acknowledged: int, threshold: int) -> int | None:
    # a share and its base give both parts back, so neither part may be a small count
    late = acknowledged - in_time
    if acknowledged < threshold or _is_small(in_time, threshold) or _is_small(late, threshold):
        return None
    return round(100 * in_time / acknowledged)


def network_aggregates(membership: Membership) -> Aggregates:
    require_permission(membership, Permission.VIEW_NETWORK_STATISTICS)
    threshold = disclosure_threshold()
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
    share = _share_in_time(in_time, len(to_ack), threshold)
    return Aggregates(
        threshold=threshold,
        total=sent.count(),
        by_pair=disclose(by_pair, threshold),
        by_type=disclose(by_type, threshold),
        by_state=disclose(by_state, threshold),
        median_hours_to_acknowledge=_median_hours(to_ack, threshold),
        median_hours_to_complete=_median_hours(to_done, threshold),
        share_in_time=share,
        acknowledged=len(to_ack) if share is not None else None,
    )
