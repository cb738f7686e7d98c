"""`homeward demo`: seed the synthetic demo network into an empty database and print its logins.

`make run` calls it with --if-empty, so every start prints the logins again: they are derived
from the seed, not read back from the database.

Besides the organisations and logins (made through the actions) it seeds each hotline's demo
cases and contacts in bulk, with one audit event (cases.py), then the cross-border requests
through the actions (crossborder.py), the alerts and appeals, the cross-border family mediators
(in bulk, one audit event) and a few mediation requests through the actions (mediators.py), then
the statistics: the previous year's annual returns
through the actions and the years before as uploaded returns, in bulk (statistics.py).
`--cases N` writes N cases in the benchmark's shape instead (bulk.py): into an empty database
after the network, or added to an existing demo network. Like the rest of this command it
refuses to run outside demo, debug and test runs.
"""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from homeward.demo.alerts import seed_alerts
from homeward.demo.appeals import DEMO_WIDGET_KEY, DEMO_WIDGET_ORIGIN, seed_appeals
from homeward.demo.bulk import HISTORY_DAYS, bulk_seed
from homeward.demo.cases import seed_cases
from homeward.demo.crossborder import seed_requests
from homeward.demo.directories import seed_directories
from homeward.demo.mediators import seed_mediators
from homeward.demo.network import (
    DEFAULT_SEED,
    DOMAIN,
    ORGANISATIONS,
    ORGANISATIONS_BY_SLUG,
    DemoLogin,
    demo_logins,
    seed_network,
)
from homeward.demo.statistics import seed_statistics
from homeward.organisations.models import Organisation

LIST_COMMAND = "HOMEWARD_DEMO=1 .venv/bin/homeward demo --list"
"""As the README gives it: settings refuse to load without a secret key outside the demo."""
QUIET_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
LOCAL_MAIL = "django.core.mail.backends.locmem.EmailBackend"


def _describe(login: DemoLogin) -> str:
    return "; ".join(
        f"{role.label}, {ORGANISATIONS_BY_SLUG[slug].name}" for slug, role in login.memberships
    )


class Command(BaseCommand):
    help = "Seed the synthetic demo network (34 organisations, a login per role) and print logins."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED,
            help="same seed, same names, passwords and hotlines (default %(default)s)",
        )  # fmt: skip
        parser.add_argument("--password", help="give every demo login this password instead")
        parser.add_argument(
            "--if-empty", action="store_true",
            help="if the database already has organisations, only print the demo logins",
        )  # fmt: skip
        parser.add_argument(
            "--list", action="store_true", help="print every demo login and its password, then exit"
        )
        parser.add_argument(
            "--cases", type=int, metavar="N",
            help="write N cases in bulk (for benchmarks) instead of the demo cases; "
            "on an existing demo network, add them",
        )  # fmt: skip
        parser.add_argument(
            "--years", type=int, default=None, metavar="Y",
            help="with --cases: spread them over the last Y years (default about 18 months)",
        )  # fmt: skip
        parser.add_argument(
            "--no-cases", action="store_true", help="seed the network and logins only"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        seed: int = options["seed"]
        shared_password: str | None = options["password"]
        if shared_password is not None:
            try:
                validate_password(shared_password)
            except ValidationError as error:
                raise CommandError(f"--password: {' '.join(error.messages)}") from None
        logins = demo_logins(seed, shared_password)
        if options["list"]:
            self.stdout.write(f"All {len(logins)} demo logins, as seeded with seed {seed}:")
            self._write_table(logins)
            return
        if not (settings.DEMO or settings.DEBUG or settings.TESTING):
            # Every demo password is printable from the seed: never in a real deployment.
            raise CommandError("The demo network is only for HOMEWARD_DEMO=1 (or debug) runs.")
        bulk: int | None = options["cases"]
        if bulk is not None and bulk < 1:
            raise CommandError("--cases: give a number of cases, at least 1.")
        if Organisation.objects.exists():
            if bulk is not None:
                self._bulk(bulk, seed, options["years"])
                return
            if not options["if_empty"]:
                raise CommandError(
                    "The database already has organisations; the demo network is only seeded "
                    "into an empty one. Use --if-empty to just print the demo logins, or start "
                    "from a fresh database."
                )
            self.stdout.write(
                "Demo network already present. Its logins as seeded (they may have been changed):"
            )
        else:
            seed_network(seed, shared_password)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Seeded the demo network (seed {seed}): {len(ORGANISATIONS)} organisations, "
                    f"{len(logins)} logins."
                )
            )
            if bulk is not None:
                self._bulk(bulk, seed, options["years"])
            elif not options["no_cases"]:
                started = time.monotonic()
                # The seeded story's notices stay in the app: without this the worker would
                # print dozens of notice e-mails over the demo logins.
                with override_settings(TASKS=QUIET_TASKS, EMAIL_BACKEND=LOCAL_MAIL):
                    summary = seed_cases(seed)
                    requests = seed_requests(seed)
                    alerts = seed_alerts(seed)
                    appeals = seed_appeals(seed)
                    pages, services = seed_directories(seed)
                    mediators, mediations = seed_mediators(seed)
                    self.stdout.write(
                        self.style.SUCCESS(
                            f"Seeded the demo cases: {summary}; {requests} cross-border "
                            f"requests; {alerts} child alerts; {appeals} appeals; {pages} "
                            f"prevention pages and {services} services; "
                            f"{mediators} mediators and {mediations} mediation requests "
                            f"({time.monotonic() - started:.0f} s)."
                        )
                    )
                    self.stdout.write(
                        f"404 widget: key {DEMO_WIDGET_KEY} for pages served from "
                        f"{DEMO_WIDGET_ORIGIN} (docs/appeals.md)."
                    )
                    started = time.monotonic()
                    statistics = seed_statistics(seed)
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Seeded the demo statistics: {statistics} "
                        f"({time.monotonic() - started:.0f} s)."
                    )
                )
        self._write_table([login for login in logins if login.is_highlighted])
        self.stdout.write(
            f"Other countries: operator@<cc>.{DOMAIN} etc.; run `{LIST_COMMAND}` to print all."
        )

    def _bulk(self, count: int, seed: int, years: int | None) -> None:
        if years is not None and not 1 <= years <= 30:
            raise CommandError("--years must be between 1 and 30.")
        started = time.monotonic()
        days = HISTORY_DAYS if years is None else round(years * 365.25)
        summary = bulk_seed(count, seed=seed, progress=self.stdout.write, history_days=days)
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {summary} in bulk ({time.monotonic() - started:.0f} s). "
                "For benchmarks and demos only."
            )
        )

    def _write_table(self, logins: list[DemoLogin]) -> None:
        email_width = max(len(login.email) for login in logins)
        password_width = max(len(login.password) for login in logins)
        for login in logins:
            self.stdout.write(
                f"  {login.email:<{email_width}}  {login.password:<{password_width}}  "
                f"{_describe(login)}"
            )
