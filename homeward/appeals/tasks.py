"""The appeals' periodic task, enqueued every minute by `homeward clock`."""

from __future__ import annotations

from django_tasks import task

from homeward.appeals.actions import take_down_expired


@task()
def take_down_expired_appeals() -> int:
    return take_down_expired()
