"""The network report's figures: Homeward's ORM aggregation against hand-written SQL.

    nice -n 10 .venv/bin/python bench/network_report.py [--cases 2500000] [--years 10]
        [--year 2025] [--rounds 3] [--no-seed]

On the database of DATABASE_URL (by default
postgres://postgres@127.0.0.1:5432/homeward_stats_bench): if it holds no case yet, migrates it,
seeds the demo network (`homeward demo --no-cases`), then --cases cases over --years years
(`homeward demo --cases N --years Y`) and runs VACUUM ANALYZE; otherwise uses it as it is (after
migrating it). Then, for one year (by default the last complete one), computes every indicator of
the catalogue, every cell, for every hotline of the network:

- ours: `homeward.statistics.compute.figures_for(all hotline ids, 1 January, 1 January next)`,
  through the ORM, exactly as the annual returns and the network report call it;
- the baseline: the same counts by hand-written SQL GROUP BY statements, one per indicator
  family (`bench/network_report_sql.py`), turned into the same cells in Python.

`--rounds` rounds, the baseline first in every other round; wall seconds, this process's CPU
seconds and the database backend's (from /proc, on Linux, when the database is local) per run;
the median and best of each side and their ratio (target: ours within 3x of the baseline).
Before timing, it CHECKS that both give the same value for every cell of every hotline and
exits 1, listing the first differences, if they do not: a benchmark of a wrong answer is
worthless. Prints the PostgreSQL version and the row counts; writes
var/bench/network-report-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/homeward_stats_bench"
TARGET_RATIO = 3.0
SETTINGS = (
    "shared_buffers",
    "work_mem",
    "jit",
    "max_parallel_workers_per_gather",
    "random_page_cost",
)
"""PostgreSQL's settings that shape these plans, recorded with the results."""
SHOWN_DIFFERENCES = 25

Cells = dict[tuple[int, str, str], Decimal]
"""(organisation id, indicator code, breakdown key) → value."""


def log(message: str) -> None:
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def _environment(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "homeward.config.settings",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
            "HOMEWARD_DEMO": "1",
            "HOMEWARD_LOG_LEVEL": "WARNING",
        }
    )
    env.pop("HOMEWARD_TESTING", None)
    return env


def _homeward(env: dict[str, str], *arguments: str, timeout: float = 4 * 3600) -> None:
    command = [str(VENV_BIN / "homeward"), *arguments]
    log("$ homeward " + " ".join(arguments))
    subprocess.run(command, env=env, check=True, timeout=timeout, cwd=ROOT)  # noqa: S603


def seed(database_url: str, cases: int, years: int, *, vacuum: bool = False) -> float | None:
    """Migrate; seed the network and `cases` cases over `years` years if there is no case yet,
    then VACUUM ANALYZE (or with `vacuum`, after someone else's load). On PostgreSQL every run
    sets random_page_cost = 1.1, the SSD setting of docs/operations.md, as bench/run.py does.
    The seconds the seeding took, or None when the data was already there."""
    env = _environment(database_url)
    postgres = database_url.startswith(("postgres://", "postgresql://"))
    if postgres:
        from run import ensure_database

        ensure_database(database_url)
    _homeward(env, "migrate", "--no-input", "-v", "0")
    import django

    django.setup()
    from homeward.cases.models import Case
    from homeward.organisations.models import Organisation

    if Case.objects.exists():
        log(f"the database already holds {Case.objects.count():,} cases: not seeding")
        if postgres:
            from run import tune_database

            tune_database(database_url, vacuum=vacuum)
        return None
    started = time.monotonic()
    if not Organisation.objects.exists():
        _homeward(env, "demo", "--no-cases")
    _homeward(env, "demo", "--cases", str(cases), "--years", str(years))
    seconds = time.monotonic() - started
    if postgres:
        from run import tune_database

        tune_database(database_url, vacuum=True)
    return seconds


def _backend_cpu(pid: int | None) -> float:
    """CPU seconds the database backend serving this connection has used (0 when not local)."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _backend_pid() -> int | None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        row = cursor.fetchone()
    pid = int(row[0]) if row else None
    return pid if pid is not None and Path(f"/proc/{pid}/stat").exists() else None


def hotline_ids() -> list[int]:
    from homeward.organisations.models import Organisation
    from homeward.organisations.roles import OrganisationKind

    return list(
        Organisation.objects.filter(kind=OrganisationKind.NATIONAL_HOTLINE)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def ours(organisation_ids: Sequence[int], start: date, end: date) -> Cells:
    """Homeward's figures, through the ORM, as cells."""
    from homeward.statistics.compute import figures_for
    from homeward.statistics.figures import breakdown_key

    cells: Cells = {}
    for organisation_id, figures in figures_for(organisation_ids, start, end).items():
        for code, breakdown, value in figures:
            cells[organisation_id, code, breakdown_key(breakdown)] = value
    return cells


def baseline(organisation_ids: Sequence[int], start: date, end: date) -> Cells:
    """The same figures by hand-written SQL, as cells."""
    from django.db import connection
    from network_report_sql import figures_by_sql

    return figures_by_sql(connection, organisation_ids, start, end)


def differences(expected: Cells, found: Cells) -> list[str]:
    """Every cell where the ORM's figures (`found`) and the baseline's (`expected`) differ,
    missing cells included, sorted."""
    found_keys, expected_keys = set(found), set(expected)
    lines = [
        f"org {org} {code} [{key}]: ORM {found[org, code, key]}, SQL {expected[org, code, key]}"
        for org, code, key in sorted(found_keys & expected_keys)
        if found[org, code, key] != expected[org, code, key]
    ]
    lines += [
        f"org {org} {code} [{key}]: ORM {found[org, code, key]}, missing from SQL"
        for org, code, key in sorted(found_keys - expected_keys)
    ]
    lines += [
        f"org {org} {code} [{key}]: missing from the ORM, SQL {expected[org, code, key]}"
        for org, code, key in sorted(expected_keys - found_keys)
    ]
    return lines


def compare(organisation_ids: Sequence[int], start: date, end: date) -> tuple[Cells, list[str]]:
    """The ORM's cells, and their differences from the baseline's (empty when they agree)."""
    found = ours(organisation_ids, start, end)
    return found, differences(baseline(organisation_ids, start, end), found)


def _main_table(sql: str) -> str:
    """What a statement counts: the baseline's name for it (its leading comment), or else the
    first table of its outermost FROM."""
    named = re.match(r"/\* (\w+) \*/", sql)
    if named:
        return named.group(1)
    for found in re.finditer(r'\bFROM\s+"?(\w+)', sql):
        before = sql[: found.start()]
        if before.count("(") == before.count(")"):
            return found.group(1)
    return "?"


def _timed(function: Callable[[], Cells], pid: int | None) -> dict[str, Any]:
    """Wall seconds, this process's CPU seconds, the database backend's (the leader only:
    parallel workers come and go) and each statement's wall seconds with its main table."""
    from django.db import connection

    statements: list[tuple[str, float]] = []

    def timed(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            statements.append((_main_table(sql), round(time.perf_counter() - started, 3)))

    backend_before = _backend_cpu(pid)
    wall, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(timed):
        function()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "seconds": wall,
        "python_cpu": cpu,
        "database_cpu": _backend_cpu(pid) - backend_before,
        "statements": len(statements),
        "statement_seconds": statements,
    }


def measure(
    organisation_ids: Sequence[int], start: date, end: date, rounds: int
) -> dict[str, list[dict[str, Any]]]:
    """`rounds` timed runs of each side, alternating which goes first."""
    pid = _backend_pid()
    runs: dict[str, list[dict[str, Any]]] = {"orm": [], "sql": []}
    sides = {
        "orm": lambda: ours(organisation_ids, start, end),
        "sql": lambda: baseline(organisation_ids, start, end),
    }
    for number in range(rounds):
        order = ("sql", "orm") if number % 2 else ("orm", "sql")
        for side in order:
            run = _timed(sides[side], pid)
            runs[side].append(run)
            log(
                f"round {number + 1} {side}: {run['seconds']:.2f} s "
                f"(Python CPU {run['python_cpu']:.2f} s, database CPU "
                f"{run['database_cpu']:.2f} s, {run['statements']:.0f} statements)"
            )
    return runs


def summary(runs: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for side, side_runs in runs.items():
        seconds = [run["seconds"] for run in side_runs]
        result[side] = {
            "median_seconds": statistics.median(seconds),
            "best_seconds": min(seconds),
            "median_python_cpu": statistics.median(run["python_cpu"] for run in side_runs),
            "median_database_cpu": statistics.median(run["database_cpu"] for run in side_runs),
            "statements": side_runs[0]["statements"],
        }
    result["ratio_median"] = result["orm"]["median_seconds"] / result["sql"]["median_seconds"]
    result["ratio_best"] = result["orm"]["best_seconds"] / result["sql"]["best_seconds"]
    result["within_target"] = result["ratio_median"] <= TARGET_RATIO
    return result


def _statement_line(runs: list[dict[str, Any]]) -> str:
    best = min(runs, key=lambda run: float(run["seconds"]))
    return ", ".join(f"{table} {seconds:.2f}" for table, seconds in best["statement_seconds"])


def dataset(start: date, end: date) -> dict[str, Any]:
    """The PostgreSQL version and the row counts, over all years and in the year measured."""
    from django.db import connection

    from homeward.cases.models import Case, CaseChild, Child, Closure, Contact
    from homeward.crossborder.models import CooperationRequest

    version, settings = connection.vendor, {}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT version()")
            row = cursor.fetchone()
            version = str(row[0]).split(" on ")[0] if row else "unknown"
            for name in SETTINGS:
                cursor.execute(f"SHOW {name}")
                row = cursor.fetchone()
                settings[name] = str(row[0]) if row else "?"
    return {
        "database": version,
        "settings": settings,
        "cases": Case.objects.count(),
        "children": Child.objects.count(),
        "case_children": CaseChild.objects.count(),
        "contacts": Contact.objects.count(),
        "closures": Closure.objects.count(),
        "cooperation_requests": CooperationRequest.objects.count(),
        "cases_reported_in_year": Case.objects.filter(
            reported_at__date__gte=start, reported_at__date__lt=end
        ).count(),
        "contacts_in_year": Contact.objects.filter(
            started_at__date__gte=start, started_at__date__lt=end
        ).count(),
    }


def _load_average() -> float:
    return os.getloadavg()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2_500_000, help="to seed, if empty")
    parser.add_argument("--years", type=int, default=10, help="to spread them over")
    parser.add_argument(
        "--year", type=int, default=None, help="to report (default: the last complete year)"
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--no-seed", action="store_true", help="use the database as it is, not even migrated"
    )
    parser.add_argument(
        "--vacuum", action="store_true", help="VACUUM ANALYZE a database seeded by someone else"
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_STATS_DATABASE_URL", DEFAULT_DATABASE),
        help="default: BENCH_STATS_DATABASE_URL or %(default)s",
    )
    args = parser.parse_args()
    os.environ.update(_environment(args.database_url))
    seeding = None
    if args.no_seed:
        import django

        django.setup()
    else:
        seeding = seed(args.database_url, args.cases, args.years, vacuum=args.vacuum)
    from django.utils import timezone

    year = args.year or timezone.localdate().year - 1
    start, end = date(year, 1, 1), date(year + 1, 1, 1)
    ids = hotline_ids()
    data = dataset(start, end)
    log(f"{data['database']}; {len(ids)} hotlines; year {year}; {data['settings']}")
    log(", ".join(f"{key} {value:,}" for key, value in data.items() if isinstance(value, int)))

    log("checking that the ORM and the SQL baseline agree on every cell")
    cells, wrong = compare(ids, start, end)
    if wrong:
        print(f"\nMISMATCH: {len(wrong)} cells differ between the ORM and the SQL baseline:")
        print("\n".join(wrong[:SHOWN_DIFFERENCES]))
        sys.exit(1)
    log(f"they agree on all {len(cells):,} cells")

    load_before = _load_average()
    runs = measure(ids, start, end, args.rounds)
    result = summary(runs)
    load_after = _load_average()
    text = (
        f"\nNetwork report {year}, {len(ids)} hotlines, {len(cells):,} cells, "
        f"{args.rounds} rounds (load average {load_before:.1f} before, {load_after:.1f} after)\n"
        f"  ORM (figures_for): median {result['orm']['median_seconds']:.2f} s, best "
        f"{result['orm']['best_seconds']:.2f} s, {result['orm']['statements']} statements\n"
        f"  SQL baseline:      median {result['sql']['median_seconds']:.2f} s, best "
        f"{result['sql']['best_seconds']:.2f} s, {result['sql']['statements']} statements\n"
        f"  ratio ORM/SQL: {result['ratio_median']:.2f}x (median), "
        f"{result['ratio_best']:.2f}x (best); target within {TARGET_RATIO:.0f}x: "
        f"{'met' if result['within_target'] else 'MISSED'}"
    )
    print(text)
    for side in ("orm", "sql"):
        print(f"  {side} statements, seconds (best round): " + _statement_line(runs[side]))
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    meta = {
        "year": year,
        "hotlines": len(ids),
        "cells": len(cells),
        "rounds": args.rounds,
        "seeding_seconds": seeding,
        "dataset": data,
        "load_average": [load_before, load_after],
        "platform": platform.platform(),
        "python": platform.python_version(),
        "commit": _commit(),
    }
    path = out / f"network-report-{stamp}.json"
    path.write_text(json.dumps({"meta": meta, "result": result, "runs": runs}, indent=1))
    log(f"written {path.relative_to(ROOT)}")


def _commit() -> str:
    found = subprocess.run(
        ["git", "describe", "--always", "--dirty"],  # noqa: S607  (-dirty: changes not committed)
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return found.stdout.strip()


if __name__ == "__main__":
    main()
