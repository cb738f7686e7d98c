"""The deadline watch, run by the task worker; `homeward serve` enqueues it every minute."""

from __future__ import annotations

from django_tasks import task

from homeward.crossborder.actions import check_deadlines


@task()
def watch_deadlines() -> dict[str, int]:
    return check_deadlines()
