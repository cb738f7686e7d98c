"""Cross-border requests sent by type, and received by acknowledgement within the deadline,
with the median time to acknowledge."""

from __future__ import annotations

from django.db.models import Count

from homeward.core.counting import Bounds
from homeward.crossborder.figures import requests_received, requests_sent
from homeward.statistics.compute.tally import Tally

MINUTES_PER_HOUR = 60


def count(tally: Tally, bounds: Bounds) -> None:
    for row in requests_sent(bounds).annotate(n=Count("pk")).order_by():
        tally.add(row["organisation_id"], "REQUESTS_SENT", (row["request_type"],), row["n"])
    for row in requests_received(bounds).annotate(n=Count("pk")).order_by():
        org, n = row["organisation_id"], row["n"]
        if not row["acknowledged"]:
            tally.add(org, "REQUESTS_RECEIVED", ("not_yet",), n)
            continue
        tally.add(org, "REQUESTS_RECEIVED", ("in_time" if row["in_time"] else "late",), n)
        tally.observe(org, "REQUESTS_ACK_MEDIAN", (), row["minutes_to_acknowledge"], n)
