"""`homeward deadlines`: enqueue the cross-border deadline watch for the task worker, once or
every N seconds (`homeward serve` runs it every minute)."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from homeward.crossborder.tasks import watch_deadlines


class Command(BaseCommand):
    help = "Enqueue the cross-border deadline watch (reminders and escalations)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--every", type=int, default=0, help="repeat every N seconds (0: once)")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            watch_deadlines.enqueue()
            if options["every"] <= 0:
                return
            time.sleep(options["every"])
