"""The work the clock enqueues for the task worker every minute (`homeward clock`): each app's
periodic task, listed here because only the project package may know every app."""

from __future__ import annotations

from typing import Any

from django_tasks.base import Task

from homeward.alerts.tasks import end_expired_alerts
from homeward.appeals.tasks import take_down_expired_appeals
from homeward.crossborder.tasks import watch_deadlines
from homeward.directories.tasks import remind_prevention_verification
from homeward.mediators.tasks import remind_and_hide_unconfirmed_mediators

PERIODIC_TASKS: list[Task[[], Any]] = [
    watch_deadlines,
    end_expired_alerts,
    take_down_expired_appeals,
    remind_prevention_verification,
    remind_and_hide_unconfirmed_mediators,
]
