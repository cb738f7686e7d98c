"""The previous year's cross-border requests between the demo hotlines, so that its returns
and the network report's "Cooperation between hotlines" read like a real year.

The story requests (crossborder.py) are made "now", through the actions; these are the year's
history, written in bulk like the demo's cases (bulk.write_rows: the requests and their
sent / acknowledged / completed entries) with ONE audit event ("demo.bulk_seed", object
"requests-<year>") in their transaction. Each is sent by a hotline on one of its cross-border
cases reported in the year, a few hours after the report: about 5–8 % of the year's new cases
(published: 14 % of cases are cross-border, not all of them need another hotline). Locate is
the commonest type, then police and support; mediation for parental abductions; take-over rare.
High-risk cases' requests are urgent. Most are acknowledged within their deadline (2 hours
urgent, 24 otherwise, as settings give), about one in ten late, a few never (withdrawn by the
sender, the share revoked); most completed days later. Nothing is shared (no snapshot), and the
question is one of the generic ones of crossborder.py: no personal data.

Deterministic for a seed and the cases present."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction

from homeward.audit.actions import record_event
from homeward.cases.choices import Category, RiskGrade
from homeward.cases.models import Case
from homeward.core.references import prefix
from homeward.crossborder.choices import EventKind, RequestType, State, Urgency
from homeward.crossborder.models import CooperationRequest, RequestEvent, RequestSequence
from homeward.demo.bulk import write_rows
from homeward.demo.crossborder import QUESTIONS
from homeward.demo.network import COUNTRIES
from homeward.organisations.models import Membership, Organisation
from homeward.organisations.roles import Role

ASKED = 0.42
"""The share of cross-border cases on which the hotline asked another one for help."""
SECOND = 0.12
"""The share of those on which it asked a second hotline too."""
LATE = 0.10
NEVER = 0.02
TYPES: tuple[tuple[str, int], ...] = (
    (RequestType.LOCATE, 44),
    (RequestType.POLICE, 24),
    (RequestType.SUPPORT, 16),
    (RequestType.FACILITIES, 5),
    (RequestType.PUBLICITY, 4),
    (RequestType.TAKE_OVER, 2),
)
MEDIATION_IN_ABDUCTIONS = 0.4
ANSWERS = {
    State.COMPLETED: "Done; see the conversation for what we found.",
    State.DECLINED: "This is not for our hotline; we referred it to the competent one.",
}


def _first_day(year: int) -> datetime:
    # noon UTC on 1 January and 10:00 UTC on 31 December are in the year in every European zone
    return datetime(year, 1, 1, 12, tzinfo=UTC)


def _request_type(rng: random.Random, category: str) -> str:
    if category == Category.PARENTAL_ABDUCTION and rng.random() < MEDIATION_IN_ABDUCTIONS:
        return RequestType.MEDIATION
    kinds, weights = zip(*TYPES, strict=True)
    return str(rng.choices(kinds, weights)[0])


def _receiver(
    rng: random.Random, sender: str, last_seen: str, codes: list[str], sizes: Mapping[str, int]
) -> str:
    if last_seen in codes and last_seen != sender and rng.random() < 0.8:
        return last_seen
    others = [code for code in codes if code != sender]
    return rng.choices(others, [sizes[code] for code in others])[0]


def seed_past_requests(seed: int, year: int, *, now: datetime) -> int:
    """The year's requests (the network and its cases must exist). Returns how many."""
    hotlines = {o.country: o for o in Organisation.objects.filter(kind="hotline")}
    operators = {
        m.organisation_id: m.user_id
        for m in Membership.objects.filter(
            organisation__in=hotlines.values(), role=Role.OPERATOR
        ).order_by("-pk")
    }
    codes = sorted(code for code, o in hotlines.items() if o.pk in operators)
    by_pk = {hotlines[code].pk: code for code in codes}
    sizes = {country.code: country.cases_a_year for country in COUNTRIES}
    start, end = _first_day(year), datetime(year, 12, 31, 10, tzinfo=UTC)
    cases = (
        Case.objects.filter(
            organisation__in=[hotlines[code] for code in codes],
            is_cross_border=True,
            reported_at__gte=start,
            reported_at__lt=end - timedelta(hours=2),
        )
        .order_by("pk")
        .values_list("pk", "organisation_id", "category", "risk_grade", "last_seen_country")
    )
    rng = random.Random(f"past-requests-{seed}-{year}")
    plans: list[dict[str, Any]] = []
    reported = dict(
        Case.objects.filter(pk__in=[c[0] for c in cases]).values_list("pk", "reported_at")
    )
    for case_id, organisation_id, category, risk, last_seen in cases:
        if rng.random() >= ASKED:
            continue
        sender = by_pk[organisation_id]
        asked = 2 if rng.random() < SECOND else 1
        receivers: list[str] = []
        for _ in range(asked):
            receiver = _receiver(rng, sender, last_seen, codes, sizes)
            if receiver in receivers:
                continue
            receivers.append(receiver)
            delay = timedelta(minutes=rng.randint(10, 30 * 60))
            plans.append(
                {
                    "case": case_id,
                    "sender": sender,
                    "receiver": receiver,
                    "type": _request_type(rng, category),
                    "urgent": risk == RiskGrade.HIGH,
                    "sent": min(reported[case_id] + delay, end).replace(microsecond=0),
                }
            )
    plans.sort(key=lambda plan: (plan["sent"], plan["case"], plan["receiver"]))
    order = list(range(len(plans)))
    rng.shuffle(order)
    never = set(order[: max(1, round(NEVER * len(plans)))]) if plans else set()
    late = set(order[len(never) : len(never) + max(1, round(LATE * len(plans)))])
    rows = _rows(rng, plans, never, late, hotlines, operators, now, year)
    if not rows:
        return 0
    events = [event for row in rows for event in row["events"]]
    with transaction.atomic():
        last = _carry_references(rows, hotlines, year)
        write_rows(CooperationRequest, rows)
        ids = dict(
            CooperationRequest.objects.filter(
                reference__in=[r["reference"] for r in rows]
            ).values_list("reference", "pk")
        )
        write_rows(
            RequestEvent,
            ({**event, "request_id": ids[event.pop("reference")]} for event in events),
        )
        for code, number in last.items():
            RequestSequence.objects.update_or_create(
                organisation=hotlines[code], year=year, defaults={"last": number}
            )
        record_event(
            actor=None,
            organisation=None,
            action="demo.bulk_seed",
            object_type="demo.bulk",
            object_id=f"requests-{year}",
            fields=["crossborder_cooperationrequest", "crossborder_requestevent"],
        )
    return len(rows)


def _carry_references(
    rows: list[dict[str, Any]], hotlines: Mapping[str, Organisation], year: int
) -> dict[str, int]:
    """Numbers each sender's requests on from its sequence of the year, as the actions would;
    returns the last number used per sender."""
    used = dict(
        RequestSequence.objects.filter(year=year).values_list("organisation__country", "last")
    )
    last: dict[str, int] = defaultdict(int)
    for row in rows:
        code = row.pop("sender_code")
        number = last.get(code, used.get(code, 0)) + 1
        last[code] = number
        row["reference"] = f"XB-{prefix(hotlines[code])}-{year}-{number:05d}"
        for event in row.pop("events"):
            event["reference"] = row["reference"]
    return dict(last)


def _rows(
    rng: random.Random,
    plans: list[dict[str, Any]],
    never: set[int],
    late: set[int],
    hotlines: Mapping[str, Organisation],
    operators: Mapping[int, int],
    now: datetime,
    year: int,
) -> list[dict[str, Any]]:
    """The requests as rows, each with its conversation's entries under "events" and its
    sender's country under "sender_code" (both taken out when references are given)."""
    rows: list[dict[str, Any]] = []
    for index, plan in enumerate(plans):
        sender, receiver = hotlines[plan["sender"]], hotlines[plan["receiver"]]
        urgency = Urgency.URGENT if plan["urgent"] else Urgency.NORMAL
        minutes = (
            settings.CROSSBORDER_ACK_URGENT_MINUTES
            if plan["urgent"]
            else settings.CROSSBORDER_ACK_NORMAL_MINUTES
        )
        sent: datetime = plan["sent"]
        created = sent - timedelta(minutes=rng.randint(3, 40))
        due = sent + timedelta(minutes=minutes)
        question = QUESTIONS[plan["type"]]
        own: list[dict[str, Any]] = [
            _event(EventKind.SENT, sender, operators[sender.pk], question, sent)
        ]
        row: dict[str, Any] = {
            "sender_id": sender.pk,
            "receiver_id": receiver.pk,
            "case_id": plan["case"],
            "sender_code": plan["sender"],
            "request_type": plan["type"],
            "urgency": urgency,
            "question": question,
            "languages": ["en"],
            "shared_fields": [],
            "created_by_id": operators[sender.pk],
            "created_at": created,
            "sent_at": sent,
            "acknowledge_due_at": due,
            "events": own,
        }
        if index in never:
            withdrawn = due + timedelta(days=rng.randint(2, 10))
            row.update(state=State.WITHDRAWN, completed_at=withdrawn, share_revoked_at=withdrawn)
            own.append(_event(EventKind.WITHDRAWN, sender, operators[sender.pk], "", withdrawn))
            rows.append(row)
            continue
        if index in late:
            acknowledged = due + timedelta(minutes=rng.randint(10, max(30, minutes * 2)))
        else:
            acknowledged = sent + timedelta(minutes=rng.randint(2, max(3, int(minutes * 0.9))))
        row["acknowledged_at"] = acknowledged
        own.append(
            _event(EventKind.ACKNOWLEDGED, receiver, operators[receiver.pk], "", acknowledged)
        )
        roll = rng.random()
        if roll < 0.04:
            state = State.DECLINED
        elif roll < 0.88 or year < now.year - 1:
            state = State.COMPLETED
        elif roll < 0.96:
            state = State.IN_PROGRESS
        else:
            state = State.ACKNOWLEDGED
        row["state"] = state
        if state == State.IN_PROGRESS:
            started = acknowledged + timedelta(hours=rng.randint(1, 48))
            own.append(_event(EventKind.IN_PROGRESS, receiver, operators[receiver.pk], "", started))
        if state in (State.COMPLETED, State.DECLINED):
            done = acknowledged + timedelta(hours=rng.randint(6, 24 * 21))
            row["completed_at"] = min(done, now - timedelta(days=1))
            kind = EventKind.COMPLETED if state == State.COMPLETED else EventKind.DECLINED
            if state == State.DECLINED:
                row["decline_reason"] = ANSWERS[State.DECLINED]
            own.append(
                _event(kind, receiver, operators[receiver.pk], ANSWERS[state], row["completed_at"])
            )
        rows.append(row)
    return rows


def _event(
    kind: str, organisation: Organisation, author: int, body: str, at: datetime
) -> dict[str, Any]:
    return {
        "kind": kind,
        "organisation_id": organisation.pk,
        "author_id": author,
        "body": body,
        "language": "en" if body else "",
        "created_at": at,
    }
