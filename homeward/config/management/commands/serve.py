"""`homeward serve`: the web server (gunicorn), the background task worker and the clock
(periodic tasks) together.
Ctrl-C (or SIGTERM) stops them all. One that exits is started again (config/supervise.py); the
others keep running."""

from __future__ import annotations

import os
import signal
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from homeward.config.gunicorn import ACCESS_LOG_FORMAT
from homeward.config.supervise import Supervisor


class Command(BaseCommand):
    help = "Serve Homeward with gunicorn and run the background task worker alongside."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 3))
        )
        parser.add_argument(
            "--no-worker", action="store_true", help="serve only; run the worker elsewhere"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        bindir = Path(sys.executable).parent
        web = [
            str(bindir / "gunicorn"),
            "homeward.config.wsgi:application",
            "--bind",
            f"{options['host']}:{options['port']}",
            "--workers",
            str(options["workers"]),
            "--access-logfile",
            "-",
            "--access-logformat",
            ACCESS_LOG_FORMAT,
            "--logger-class",
            "homeward.config.gunicorn.GunicornLogger",
            "--graceful-timeout",
            "20",
        ]
        commands: dict[str, list[str]] = {"web": web}
        if not options["no_worker"]:
            commands["worker"] = [str(bindir / "homeward"), "worker", "--interval", "1"]
            commands["clock"] = [str(bindir / "homeward"), "clock", "--every", "60"]
        supervisor = Supervisor(commands, say=lambda line: self.stderr.write(line))
        supervisor.start()
        self.stdout.write(
            f"Homeward is serving on http://{options['host']}:{options['port']}/ (Ctrl-C stops it)"
        )

        def stop(signum: int, frame: object) -> None:
            supervisor.stopping.set()

        signal.signal(signal.SIGTERM, stop)
        gave_up = None
        try:
            gave_up = supervisor.run()
        except KeyboardInterrupt:
            pass
        finally:
            self.stdout.write("Stopping…")
            supervisor.stop()
        if gave_up is not None:
            raise CommandError(f"{gave_up} keeps exiting; Homeward stopped")
