"""`homeward worker`: django-tasks-db's `db_worker`, kept alive through a database outage.

`db_worker` lets a lost connection end the process with a traceback. Here the outage is one
log line, the database is tried again with a pause that doubles up to a limit, and the worker
resumes when it answers (with one more line saying how long it was away). A task that was
running when the connection broke stays marked as running in the task table; its effects are
whatever its own transaction committed."""

from __future__ import annotations

import contextlib
import logging
import time
from typing import Any

from django.db import DatabaseError, connection
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from homeward.core.outages import is_database_outage

logger = logging.getLogger("homeward.worker")

FIRST_PAUSE_SECONDS = 1.0
LONGEST_PAUSE_SECONDS = 5.0  # the service is back within seconds of its database


class Command(DbWorkerCommand):  # type: ignore[misc]  # django-tasks-db ships no stubs
    help = "Run the background task worker; it waits out database outages."

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            try:
                super().handle(*args, **options)
                return
            except DatabaseError as error:
                if not is_database_outage(error):
                    raise
                wait_for_database(error)


def wait_for_database(error: BaseException, *, sleep: Any = time.sleep) -> float:
    """Logs the outage once, then tries the database until it answers; returns the seconds
    it was away."""
    logger.warning("database unavailable (%s); the worker waits for it", type(error).__name__)
    started = time.monotonic()
    pause = FIRST_PAUSE_SECONDS
    while True:
        _close_quietly()
        sleep(pause)
        try:
            connection.ensure_connection()
        except DatabaseError:
            pause = min(pause * 2, LONGEST_PAUSE_SECONDS)
            continue
        away = time.monotonic() - started
        logger.warning("database is back after %.0f s; the worker resumes", away)
        return away


def _close_quietly() -> None:
    # a connection that broke may fail to close; it is dropped either way
    with contextlib.suppress(DatabaseError):
        connection.close()
