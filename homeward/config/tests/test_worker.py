"""The task worker and the clock wait out a database outage instead of dying."""

from __future__ import annotations

import logging
import time
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import OperationalError
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from homeward.config.management.commands import worker

LOST = OperationalError("server closed the connection unexpectedly")


class _Database:
    """A connection that refuses `refusals` times, then answers."""

    def __init__(self, refusals: int) -> None:
        self.refusals = refusals

    def ensure_connection(self) -> None:
        if self.refusals:
            self.refusals -= 1
            raise OperationalError("could not connect to server: Connection refused")

    def close(self) -> None:
        raise OperationalError("the connection is already broken")

    def close_if_unusable_or_obsolete(self) -> None:
        pass


def test_an_outage_is_one_line_and_the_database_is_tried_with_growing_pauses(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(worker, "connection", _Database(refusals=6))
    pauses: list[float] = []
    with caplog.at_level(logging.WARNING, logger="homeward.worker"):
        worker.wait_for_database(LOST, sleep=pauses.append)
    assert pauses == [1, 2, 4, 5, 5, 5, 5]
    lines = [r for r in caplog.records if r.name == "homeward.worker"]
    assert [r.getMessage().split(";")[0] for r in lines] == [
        "database unavailable (OperationalError)",
        "database is back after 0 s",
    ]
    assert all(r.exc_info is None for r in lines)  # no traceback


def test_the_worker_command_resumes_after_an_outage(monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[str] = []

    def db_worker(self: Any, *args: Any, **options: Any) -> None:
        runs.append("run")
        if len(runs) == 1:
            raise LOST

    waited: list[BaseException] = []
    monkeypatch.setattr(DbWorkerCommand, "handle", db_worker)
    monkeypatch.setattr(worker, "wait_for_database", waited.append)
    worker.Command().handle(batch=True)  # (tests run tasks at once: no database backend)
    assert runs == ["run", "run"] and waited == [LOST]


def test_the_clock_goes_on_through_an_outage(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from homeward.config import periodic
    from homeward.config.management.commands import clock

    outcomes: list[BaseException | None] = [LOST, LOST, None, None]
    enqueued: list[str] = []

    def enqueue() -> None:
        outcome = outcomes.pop(0)
        if outcome is not None:
            raise outcome
        enqueued.append("watch")

    class _Stop(Exception):
        pass

    def sleep(seconds: float) -> None:
        if not outcomes:
            raise _Stop

    monkeypatch.setattr(periodic, "PERIODIC_TASKS", [SimpleNamespace(enqueue=enqueue)])
    monkeypatch.setattr(clock, "time", SimpleNamespace(sleep=sleep, monotonic=time.monotonic))
    monkeypatch.setattr(clock, "connection", _Database(refusals=0))
    with caplog.at_level(logging.WARNING, logger="homeward.clock"), pytest.raises(_Stop):
        clock.Command().handle(every=60)
    assert enqueued == ["watch", "watch"]
    lines = [r.getMessage() for r in caplog.records if r.name == "homeward.clock"]
    assert len(lines) == 2
    assert lines[0].startswith("database unavailable") and lines[1].startswith("database is back")
