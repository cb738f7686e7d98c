"""The bulk seed as `homeward demo --cases` runs it outside tests: in its own, committed
transaction, with the foreign-key triggers off for the load on PostgreSQL. (Its own module: a
module-scoped fixture's open transaction elsewhere would share the database with it.)"""

from __future__ import annotations

import io

from django.core.management import call_command

from homeward.audit.models import AuditEvent
from homeward.cases.models import Case
from homeward.testing.cast import PASSWORD


def test_the_bulk_seed_keeps_the_audit_chain(committed_db: None) -> None:
    out = io.StringIO()
    call_command("demo", "--cases", "60", "--password", PASSWORD, stdout=out)
    assert Case.objects.count() == 60
    event = AuditEvent.objects.get(action="demo.bulk_seed")  # chained by the trigger, on again
    assert event.seq == AuditEvent.objects.count()
    call_command("audit", "verify", stdout=out)
    assert "audit trail intact" in out.getvalue()
