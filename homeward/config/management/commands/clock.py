"""`homeward clock`: enqueue the periodic tasks (config/periodic.py: the cross-border deadline
watch, the end of expired alerts and appeals) for the task worker, once or every N seconds
(`homeward serve` runs it every minute). When repeating, a database outage is one log line and
the clock goes on; each task catches up on what fell due meanwhile."""

from __future__ import annotations

import logging
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.db import InterfaceError, OperationalError, connection

from homeward.config import periodic

logger = logging.getLogger("homeward.clock")


def enqueue_all() -> None:
    for task in periodic.PERIODIC_TASKS:
        task.enqueue()


class Command(BaseCommand):
    help = "Enqueue the periodic tasks: deadlines, the end of expired alerts and appeals."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--every", type=int, default=0, help="repeat every N seconds (0: once)")

    def handle(self, *args: Any, **options: Any) -> None:
        every = options["every"]
        if every <= 0:
            enqueue_all()
            return
        away_since: float | None = None
        while True:
            try:
                enqueue_all()
            except (OperationalError, InterfaceError) as error:
                if away_since is None:
                    away_since = time.monotonic()
                    logger.warning(
                        "database unavailable (%s); the clock tries again every %d s",
                        type(error).__name__,
                        every,
                    )
                connection.close_if_unusable_or_obsolete()
            else:
                if away_since is not None:
                    logger.warning(
                        "database is back after %.0f s; the clock goes on",
                        time.monotonic() - away_since,
                    )
                    away_since = None
            time.sleep(every)
