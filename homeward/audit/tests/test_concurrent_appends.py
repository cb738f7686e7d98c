"""Appends from many connections at once, by every path an event takes, leave one unbroken
chain. (Its own module: it commits, as requests do.)

On SQLite the connections take turns: its in-memory test database shares one cache between
connections, which locks tables instead of waiting (a file database, as deployed, waits its
turn). The paths still commit as requests do, so the chain is checked there too."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

from django.core.management import call_command
from django.db import connection, transaction

from homeward.audit.actions import record_event, record_read, rows_with_event
from homeward.audit.models import AuditEvent
from homeward.organisations.models import Organisation

WORKERS = 4
ROUNDS = 10


def _appends(worker: int) -> None:
    try:
        for n in range(ROUNDS):
            organisation = Organisation(
                name=f"Worker {worker}", slug=f"w{worker}-{n}", kind="hotline"
            )
            with transaction.atomic():
                organisation.save()
                record_event(
                    actor=None, organisation=None, action="test.create", target=organisation
                )
            record_read(
                actor=None, organisation=None, action="test.read", object_type="x", object_id=str(n)
            )
            rows_with_event(
                "SELECT id FROM organisations_organisation WHERE slug = %s",
                [organisation.slug],
                order_by="id",
                actor=None,
                organisation=None,
                action="test.search",
                object_type="search",
                object_id="organisations",
            )
            with transaction.atomic():
                record_event(
                    actor=None, organisation=None, action="test.change", target=organisation
                )
    finally:
        connection.close()


def test_concurrent_appends_keep_one_chain(committed_db: None) -> None:
    before = AuditEvent.objects.count()

    at_once = WORKERS if connection.vendor == "postgresql" else 1
    with ThreadPoolExecutor(at_once) as pool:
        list(pool.map(_appends, range(WORKERS)))

    assert AuditEvent.objects.count() == before + WORKERS * ROUNDS * 4
    seqs = list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "intact" in out.getvalue()
