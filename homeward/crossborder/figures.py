"""What statistics may count in cross-border cooperation: requests actually sent (a draft, or a
request sent back by a supervisor and withdrawn, never left the sender), for the given
organisations and periods, narrowed to codes, flags, countries and durations. Never a question,
a message or anything shared.

A request counts in the period in which it was sent, for its sender and for its receiver alike,
each in its own time zone (`core.counting.Bounds`)."""

from __future__ import annotations

from django.db.models import Case, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from homeward.cases.figures import Rows
from homeward.core import counting
from homeward.core.counting import Bounds
from homeward.crossborder.models import CooperationRequest

SENT = Q(sent_at__isnull=False)
YEAR_SECONDS = 366 * 86400
"""An acknowledgement recorded before the sending (a clock put right) is at most a year off."""


def with_counterpart(cases: Rows) -> Rows:
    """Adds to a cases' values() queryset (cases.figures) counterpart_country: the country of the
    hotline asked to help on the case (its earliest request sent), or else of the hotline whose
    request the case was opened to answer; None when no request was sent either way."""
    asked = (
        CooperationRequest.objects.filter(SENT, case=OuterRef("pk"))
        .order_by("sent_at", "pk")
        .values("receiver__country")[:1]
    )
    answering = (
        CooperationRequest.objects.filter(SENT, receiver_case=OuterRef("pk"))
        .order_by("sent_at", "pk")
        .values("sender__country")[:1]
    )
    annotated: Rows = cases.annotate(
        counterpart_country=Coalesce(Subquery(asked), Subquery(answering))
    )
    return annotated


def requests_sent(bounds: Bounds) -> Rows:
    """Requests each organisation sent in its period: organisation_id, request_type."""
    return (
        CooperationRequest.objects.filter(SENT, counting.within(bounds, "sender", "sent_at"))
        .annotate(organisation_id=F("sender_id"))
        .values("organisation_id", "request_type")
    )


def requests_received(bounds: Bounds) -> Rows:
    """Requests each organisation received (was sent) in its period: organisation_id,
    acknowledged, in_time (acknowledged by the deadline the request carried) and
    minutes_to_acknowledge (whole minutes from sending to acknowledgement, None if not
    acknowledged)."""
    acknowledged = Q(acknowledged_at__isnull=False)
    in_time = (
        acknowledged
        & Q(acknowledge_due_at__isnull=False)
        & Q(acknowledged_at__lte=F("acknowledge_due_at"))
    )
    seconds = (
        counting.day_number(counting.utc_date("acknowledged_at"))
        - counting.day_number(counting.utc_date("sent_at"))
    ) * Value(86400) + (
        counting.seconds_of_day("acknowledged_at") - counting.seconds_of_day("sent_at")
    )
    return (
        CooperationRequest.objects.filter(SENT, counting.within(bounds, "receiver", "sent_at"))
        .annotate(
            organisation_id=F("receiver_id"),
            acknowledged=counting.flag(acknowledged),
            in_time=counting.flag(in_time),
            minutes_to_acknowledge=Case(
                When(acknowledged, then=counting.floor_divide(seconds, 60, least=-YEAR_SECONDS)),
                default=Value(None),
            ),
        )
        .values("organisation_id", "acknowledged", "in_time", "minutes_to_acknowledge")
    )
