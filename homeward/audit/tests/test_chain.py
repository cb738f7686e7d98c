"""The hash chain catches any change, removal or insertion, and names the event."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from homeward.audit import triggers
from homeward.audit.actions import AuditTransactionError, record_event, record_read
from homeward.audit.context import RequestContext, bind_request_context
from homeward.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _append(n: int) -> list[AuditEvent]:
    """`n` new events, as stored."""
    before = AuditEvent.objects.count()
    for i in range(n):
        with transaction.atomic():
            record_event(
                actor=None,
                organisation=None,
                action="test.event",
                object_type="thing",
                object_id=str(i),
                fields=["name", "date_of_birth"],
            )
    return list(AuditEvent.objects.order_by("seq")[before:])


@contextmanager
def triggers_dropped() -> Iterator[None]:
    """What someone with the power to drop the triggers can do; the chain must still tell."""
    triggers.remove(connection)
    try:
        yield
    finally:
        triggers.install(connection)


def _verify() -> str:
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


def _verify_fails() -> str:
    with pytest.raises(CommandError) as raised:
        _verify()
    assert raised.value.returncode == 1
    return str(raised.value)


def test_an_intact_chain_verifies() -> None:
    _append(5)
    assert "intact: 5 events" in _verify()


def test_awkward_text_is_chained_as_the_verifier_serialises_it() -> None:
    """On PostgreSQL the trigger serialises the event; Python verifies it."""
    context = RequestContext(request_id='r"\\1', client_address="2001:db8::7")
    with bind_request_context(context), transaction.atomic():
        record_event(
            actor=None,
            organisation=None,
            action='quote " backslash \\ newline \n tab \t bell \x07',
            object_type="Ünïcode — Олександр محمد 🙂",
            object_id="",
            fields=["émigré", "zeta", "Alpha", "ß", "中文", 'a"b'],
        )
    _append(2)
    assert "intact: 3 events" in _verify()


def test_without_its_triggers_the_trail_never_holds_an_unchained_event() -> None:
    """PostgreSQL chains in a trigger: without it, appends fail. SQLite chains in the
    application: without the append-only triggers, appends still chain."""
    _append(1)
    with triggers_dropped():
        if connection.vendor == "postgresql":
            with pytest.raises(DatabaseError), transaction.atomic():
                _append(1)
        else:
            _append(1)
    assert "intact" in _verify()
    assert AuditEvent.objects.count() == (1 if connection.vendor == "postgresql" else 2)


def test_events_link_to_their_predecessor() -> None:
    first, second = _append(2)
    assert first.seq == 1 and second.seq == 2
    assert second.prev_hash == first.hash
    assert first.prev_hash == "0" * 64


def test_the_database_refuses_update_and_delete() -> None:
    _append(2)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(seq=1).update(action="tampered")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(seq=1).delete()
    assert AuditEvent.objects.get(seq=1).action == "test.event"


@pytest.mark.parametrize(
    "change",
    [
        {"action": "organisations.member.add"},
        {"object_id": "999"},
        {"fields": ["name"]},
        {"actor_id": 42},
        {"client_address": "10.0.0.1"},
    ],
)
def test_editing_any_field_of_an_event_is_named(change: dict[str, object]) -> None:
    _append(5)
    with triggers_dropped():
        AuditEvent.objects.filter(seq=3).update(**change)
    message = _verify_fails()
    assert "event #3" in message and "changed" in message


def test_editing_the_time_is_named() -> None:
    events = _append(4)
    with triggers_dropped():
        AuditEvent.objects.filter(seq=2).update(
            occurred_at=events[1].occurred_at - timedelta(hours=1)
        )
    assert "event #2" in _verify_fails()


def test_rehashing_an_edited_event_breaks_the_next_link() -> None:
    _append(4)
    with triggers_dropped():
        AuditEvent.objects.filter(seq=2).update(hash="f" * 64)
    message = _verify_fails()
    assert "event #2" in message  # its own hash no longer matches its contents


def test_deleting_an_event_is_named() -> None:
    _append(5)
    with triggers_dropped():
        AuditEvent.objects.filter(seq=3).delete()
    message = _verify_fails()
    assert "event #4" in message and "missing" in message


def test_deleting_and_renumbering_is_still_caught() -> None:
    _append(5)
    with triggers_dropped():
        AuditEvent.objects.filter(seq=3).delete()
        for seq in (4, 5):
            AuditEvent.objects.filter(seq=seq).update(seq=seq - 1)
    message = _verify_fails()
    assert "event #3" in message and "link" in message


def test_inserting_a_forged_event_is_named() -> None:
    events = _append(3)
    with triggers_dropped():
        AuditEvent.objects.create(
            seq=4,
            occurred_at=events[-1].occurred_at,
            action="forged",
            prev_hash=events[-1].hash,
            hash="a" * 64,
        )
    message = _verify_fails()
    assert "event #4" in message


def test_removing_the_newest_events_is_caught_by_an_anchor() -> None:
    _append(4)
    out = io.StringIO()
    call_command("audit", "head", stdout=out)
    seq, head = out.getvalue().split()[:2]
    assert seq == "4"
    with triggers_dropped():
        AuditEvent.objects.filter(seq=4).delete()
    _verify()  # without the anchor the shortened chain is self-consistent
    with pytest.raises(CommandError) as raised:
        call_command("audit", "verify", "--anchor", head, stdout=io.StringIO())
    assert "no longer in the chain" in str(raised.value)


def test_events_must_be_written_inside_the_change_transaction() -> None:
    with pytest.raises(AuditTransactionError):
        # the `db` fixture wraps the test in a transaction; leave it to see the guard
        connection.in_atomic_block = False
        try:
            record_event(actor=None, organisation=None, action="outside")
        finally:
            connection.in_atomic_block = True


def test_a_read_is_recorded_in_its_own_transaction() -> None:
    record_read(
        actor=None,
        organisation=None,
        action="cases.child.read",
        object_type="child",
        object_id="7",
        fields=["given_names"],
    )
    event = AuditEvent.objects.order_by("-seq")[0]
    assert event.action == "cases.child.read" and event.fields == ["given_names"]
