"""`homeward audit verify` walks the chain; `homeward audit head` prints its head for anchoring."""

from __future__ import annotations

from argparse import ArgumentParser
from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from homeward.audit.chain import GENESIS_HASH, verify
from homeward.audit.models import AuditEvent


def _events_in_order(batch: int = 5000) -> Iterator[AuditEvent]:
    """Keyset batches rather than a server-side cursor: nothing stays open when verification
    stops early at a broken event."""
    last = 0
    while True:
        events = list(AuditEvent.objects.filter(seq__gt=last).order_by("seq")[:batch])
        yield from events
        if len(events) < batch:
            return
        last = events[-1].seq


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain, or print its head."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        verify_parser = sub.add_parser(
            "verify", help="walk the chain; exit 1 at the first broken event"
        )
        verify_parser.add_argument(
            "--anchor", help="a head printed earlier by `audit head`; it must still be in the chain"
        )
        sub.add_parser("head", help="print the sequence number and hash of the newest event")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "head":
            head = AuditEvent.objects.order_by("-seq").first()
            if head is None:
                self.stdout.write(f"0 {GENESIS_HASH}")
            else:
                self.stdout.write(f"{head.seq} {head.hash} {head.occurred_at.isoformat()}")
            return
        result = verify(_events_in_order(), anchor=options.get("anchor"))
        if result.broken is not None:
            raise CommandError(f"audit trail broken at {result.broken}", returncode=1)
        self.stdout.write(f"audit trail intact: {result.checked} events, head {result.head}")
