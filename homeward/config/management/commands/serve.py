"""`homeward serve`: the web server (gunicorn), the background task worker and the deadline
clock together.
Ctrl-C (or SIGTERM) stops both; if either dies, the other is stopped too."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand


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
            '{"time":"%(t)s","status":%(s)s,"method":"%(m)s","path":"%(U)s","ms":%(M)s,"request_id":"%({x-request-id}o)s"}',
            "--graceful-timeout",
            "20",
        ]
        processes = {"web": subprocess.Popen(web)}  # noqa: S603
        if not options["no_worker"]:
            worker = [str(bindir / "homeward"), "db_worker", "--interval", "1"]
            processes["worker"] = subprocess.Popen(worker)  # noqa: S603
            clock = [str(bindir / "homeward"), "deadlines", "--every", "60"]
            processes["deadlines"] = subprocess.Popen(clock)  # noqa: S603
        self.stdout.write(
            f"Homeward is serving on http://{options['host']}:{options['port']}/ (Ctrl-C stops it)"
        )

        def stop(signum: int, frame: object) -> None:
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, stop)
        try:
            while all(p.poll() is None for p in processes.values()):
                time.sleep(0.5)
            dead = [name for name, p in processes.items() if p.poll() is not None]
            self.stderr.write(f"{', '.join(dead)} stopped; stopping the rest")
        except KeyboardInterrupt:
            self.stdout.write("Stopping…")
        finally:
            for process in processes.values():
                if process.poll() is None:
                    process.terminate()
            for process in processes.values():
                try:
                    process.wait(timeout=25)
                except subprocess.TimeoutExpired:
                    process.kill()
