"""The directories' periodic task, enqueued every minute by `homeward clock`."""

from __future__ import annotations

from django_tasks import task

from homeward.directories.actions import remind_due


@task()
def remind_prevention_verification() -> int:
    return remind_due()
