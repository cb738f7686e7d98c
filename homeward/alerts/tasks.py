"""The alerts' periodic sweep, run by the task worker; `homeward clock` enqueues it every minute."""

from __future__ import annotations

from django_tasks import task

from homeward.alerts.actions import end_expired_alerts as end_expired


@task()
def end_expired_alerts() -> int:
    return end_expired()
