"""Where a request's time goes: each benchmark scenario, in-process, one request at a time.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/homeward_bench
    HOMEWARD_DEMO=1 .venv/bin/python bench/where_time_goes.py \\
        [--requests 200] [--only search] [--profile search [--sort cumulative] [--lines 60]]

For each scenario and its baseline (through the full middleware stack, with Django's test
client, the two alternating request by request): wall milliseconds per request (median), this
process's CPU milliseconds per request (mean: steadier than wall time on a VM whose disk and
speed drift) and SQL queries per request. `--profile SCENARIO` adds the functions that took
the most time. Not a load test: bench/run.py is.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `bench.settings`

from run import LIST_FILTERS, NAMES, demo_operator


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--hotline", default="be")
    parser.add_argument("--profile", choices=["contact", "case_detail", "case_list", "search"])
    parser.add_argument("--only", choices=["contact", "case_detail", "case_list", "search"])
    parser.add_argument("--sort", default="tottime", help="of the profile: tottime, cumulative")
    parser.add_argument("--lines", type=int, default=30, help="of the profile")
    args = parser.parse_args()

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")  # with the baselines
    os.environ.setdefault("HOMEWARD_API_RATE_AUTHENTICATED", "100000000/min")  # as run.py
    django.setup()
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from homeward.cases.models import Case
    from homeward.organisations.actions import create_api_token

    membership = demo_operator(args.hotline)
    organisation = membership.organisation
    secret = create_api_token(membership=membership, name="profile", days=1).secret
    case_ids = list(
        Case.objects.filter(organisation=organisation).values_list("id", flat=True)[:2000]
    )
    names = NAMES.get(args.hotline, NAMES["be"])
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}", HTTP_HOST="127.0.0.1")
    org = organisation.pk
    contact = {
        "channel": "phone_116000",
        "caller": "parent",
        "contact_type": "information",
        "language": "nl",
        "notes": "Profile contact.",
    }

    def filters() -> dict[str, Any]:
        status, category = random.choice(LIST_FILTERS)
        return {"status": status, "category": category, "page": 1}

    scenarios: dict[str, tuple[Callable[[], Any], Callable[[], Any]]] = {
        "contact": (
            lambda: client.post("/api/v1/contacts", contact, content_type="application/json"),
            lambda: client.post(
                f"/bench/contacts?organisation={org}", contact, content_type="application/json"
            ),
        ),
        "case_detail": (
            lambda: client.get(f"/api/v1/cases/{random.choice(case_ids)}"),
            lambda: client.get(f"/bench/cases/{random.choice(case_ids)}?organisation={org}"),
        ),
        "case_list": (
            lambda: client.get("/api/v1/cases", filters()),
            lambda: client.get("/bench/cases", {"organisation": org, **filters()}),
        ),
        "search": (
            lambda: client.get("/api/v1/search/children", {"q": random.choice(names)}),
            lambda: client.get(
                "/bench/search/children", {"organisation": org, "q": random.choice(names)}
            ),
        ),
    }

    def measure(
        ours: Callable[[], Any], baseline: Callable[[], Any]
    ) -> list[tuple[float, float, float]]:
        """(median wall ms, mean CPU ms, mean queries) of each, the two alternating request by
        request (each going first every other time), so that the machine's drift falls on both
        alike. CPU is this process's: Python's work, not the database's or the disk's waits."""
        calls = (ours, baseline)
        for _ in range(10):  # warm caches and connections
            ours(), baseline()
        wall: tuple[list[float], list[float]] = ([], [])
        cpu: tuple[list[float], list[float]] = ([], [])
        queries: tuple[list[int], list[int]] = ([], [])
        for number in range(args.requests):
            for side in (0, 1) if number % 2 == 0 else (1, 0):
                reset_queries()
                with CaptureQueriesContext(connection) as captured:
                    started, started_cpu = time.perf_counter(), time.process_time()
                    response = calls[side]()
                    cpu[side].append((time.process_time() - started_cpu) * 1000)
                    wall[side].append((time.perf_counter() - started) * 1000)
                if response.status_code >= 400:
                    raise SystemExit(f"{response.status_code}: {response.content[:300]!r}")
                queries[side].append(len(captured))
        return [
            (
                statistics.median(wall[side]),
                statistics.mean(cpu[side]),
                statistics.mean(queries[side]),
            )
            for side in (0, 1)
        ]

    header = (
        "scenario",
        "ours ms",
        "cpu ms",
        "queries",
        "base ms",
        "cpu ms",
        "queries",
        "ratio",
        "cpu ratio",
    )
    print("{:<12} {:>8} {:>7} {:>8} {:>8} {:>7} {:>8} {:>6} {:>10}".format(*header))
    for name, (ours, baseline) in scenarios.items():
        if args.only and name != args.only:
            continue
        (ours_ms, ours_cpu, ours_q), (base_ms, base_cpu, base_q) = measure(ours, baseline)
        print(
            f"{name:<12} {ours_ms:8.2f} {ours_cpu:7.2f} {ours_q:8.1f} {base_ms:8.2f} "
            f"{base_cpu:7.2f} {base_q:8.1f} {ours_ms / base_ms:5.1f}x {ours_cpu / base_cpu:9.1f}x"
        )
    print_duties(membership, secret, args.requests)
    if args.profile:
        call = scenarios[args.profile][0]
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.requests):
            call()
        profiler.disable()
        stats = pstats.Stats(profiler).sort_stats(args.sort)
        stats.print_stats(args.lines)


def print_duties(membership: Any, secret: str, requests: int) -> None:
    """What every API request of ours pays and no baseline does: resolving the bearer token to
    a membership, and (for reads and writes of personal data) appending the audit event."""
    from homeward.audit.actions import record_read
    from homeward.organisations.tokens import membership_for_token

    def median_ms(call: Callable[[], Any]) -> float:
        timings = []
        for _ in range(requests):
            started = time.perf_counter()
            call()
            timings.append((time.perf_counter() - started) * 1000)
        return statistics.median(timings)

    token_ms = median_ms(lambda: membership_for_token(secret))
    audit_ms = median_ms(
        lambda: record_read(
            actor=membership.user,
            organisation=membership.organisation,
            action="bench.duty",
            object_type="bench",
            object_id="0",
            fields=["given_names"],
        )
    )
    print(f"duties: token lookup {token_ms:.2f} ms, audit append {audit_ms:.2f} ms")


if __name__ == "__main__":
    main()
