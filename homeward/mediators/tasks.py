"""The mediators' periodic task, enqueued every minute by `homeward clock`."""

from __future__ import annotations

from django_tasks import task

from homeward.mediators.actions import sweep_reconfirmations


@task()
def remind_and_hide_unconfirmed_mediators() -> int:
    reminded, lapsed = sweep_reconfirmations()
    return reminded + lapsed
