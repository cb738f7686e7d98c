"""The benchmark: seed PostgreSQL, serve Homeward, load each endpoint and its baseline with
locust, write the results. Run it with the project's Python (it imports Django to create the
API token and pick the cases to read); locust runs from its own virtualenv (`make bench`).

    .venv/bin/python bench/run.py --cases 1000000 --duration 60 --users 20

Everything runs on 127.0.0.1. Each locust run is bounded by --duration, each subprocess by a
timeout, and the server is stopped at the end, whatever happens. See bench/README.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/homeward_bench"
SCENARIOS = ("contact", "case_detail", "case_list", "search")
TITLES = {
    "contact": "Log a contact (POST /api/v1/contacts)",
    "case_detail": "Open a case (GET /api/v1/cases/{id})",
    "case_list": "Case list, filtered (GET /api/v1/cases?status=&category=)",
    "search": "Name search (GET /api/v1/search/children?q=)",
}
LIST_FILTERS = [
    ("open", "runaway"),
    ("active_search", "runaway"),
    ("closed", "runaway"),
    ("found", "runaway"),
    ("closed", "parental_abduction"),
    ("active_search", "parental_abduction"),
    ("closure_requested", "runaway"),
    ("closed", "migrant"),
]
# Names as an operator types them: the spelling on file, another spelling, another script.
NAMES = {
    "be": [
        "Emma Peeters",
        "Lotte Janssens",
        "Daan Maes",
        "Camille Dubois",
        "Lucas Martin",
        "Thomas Muller",
        "Thomas Müller",
        "Anna Schmidt",
        "Sanne de Vries",
        "Hugo Bernard",
        "Marie Laurent",
        "Bram Visser",
        "Mohammed Hassan",
        "Muhammad Hasan",
        "محمد حسن",
        "Yonas Tesfamariam",
        "Zahra Ahmadi",
        "Peeters",
        "Janssen",
        "Manon Moreau",
    ],
}
STATEMENT_TIMEOUT = 600


def log(message: str) -> None:
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def demo_operator(hotline: str) -> Any:
    """The demo's operator of the hotline (not one of the synthetic ones `operators` adds)."""
    from homeward.organisations.models import Membership
    from homeward.organisations.roles import Role

    return (
        Membership.objects.select_related("user", "organisation")
        .exclude(user__email__endswith=BENCH_EMAIL_DOMAIN)
        .get(organisation__slug=hotline, role=Role.OPERATOR)
    )


def operators(first: Any, count: int) -> list[Any]:
    """`count` operators of the hotline, each with their own login: the demo's one, and
    synthetic ones (bench-operator-N@<hotline>.bench.invalid) added once and kept. Each simulated
    user acts as one of them, as operators on shift do; the rate limiter counts per operator."""
    from homeward.organisations.actions import add_member
    from homeward.organisations.models import Membership
    from homeward.organisations.roles import Role

    organisation = first.organisation
    found = [first]
    for number in range(2, count + 1):
        email = f"bench-operator-{number}@{organisation.slug}{BENCH_EMAIL_DOMAIN}"
        membership = (
            Membership.objects.select_related("user", "organisation")
            .filter(organisation=organisation, user__email=email)
            .first()
        ) or add_member(
            acting_user=None,
            organisation=organisation,
            email=email,
            role=Role.OPERATOR,
            full_name=f"Bench Operator {number}",
        )
        found.append(membership)
    return found


def environment(args: argparse.Namespace) -> dict[str, str]:
    """Homeward's demo settings plus the baselines under /bench/ (bench/settings.py), which
    import as `bench` from the project directory."""
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": args.database_url,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
            "HOMEWARD_DEMO": "1",
            "HOMEWARD_REQUIRE_MFA": "0",
            "HOMEWARD_API_RATE_AUTHENTICATED": "100000000/min",
            "HOMEWARD_API_RATE_ANONYMOUS": "100000000/min",
            "HOMEWARD_LOG_LEVEL": "WARNING",
            "WEB_CONCURRENCY": str(args.workers),
        }
    )
    env.pop("HOMEWARD_TESTING", None)
    return env


def homeward(env: dict[str, str], *arguments: str, timeout: float = 3600) -> None:
    command = [str(VENV_BIN / "homeward"), *arguments]
    log("$ " + " ".join(command[1:]))
    subprocess.run(command, env=env, check=True, timeout=timeout, cwd=ROOT)  # noqa: S603


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            log(f"creating database {name}")
            connection.execute(f'CREATE DATABASE "{name}"')


def tune_database(url: str, *, vacuum: bool) -> None:
    """The production settings of docs/operations.md: SSD page costs; after a bulk load, the
    statistics and visibility map autovacuum would otherwise build over the next hours."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'ALTER DATABASE "{name}" SET random_page_cost = 1.1')
        if vacuum:
            log("VACUUM ANALYZE")
            connection.execute("VACUUM ANALYZE")


def seed(args: argparse.Namespace, env: dict[str, str]) -> float | None:
    """Migrate and seed the network plus --cases cases if the database has no cases yet;
    returns the seconds the seeding took (None when the data was already there)."""
    ensure_database(args.database_url)
    homeward(env, "migrate", "--no-input", "-v", "0")
    import django

    django.setup()
    from homeward.cases.models import Case

    existing = Case.objects.count()
    if existing:
        log(f"database already holds {existing} cases: not seeding")
        return None
    started = time.monotonic()
    homeward(env, "demo", "--cases", str(args.cases), "--password", args.password)
    seconds = time.monotonic() - started
    tune_database(args.database_url, vacuum=True)
    return seconds


BENCH_EMAIL_DOMAIN = ".bench.invalid"


def prepare(args: argparse.Namespace, out: Path) -> tuple[Path, dict[str, Any]]:
    """The token, the cases to open and the names to search, for the locust runs."""
    import django

    django.setup()
    from django.db import connection

    from homeward.cases.models import Case, Child, Contact, NameKey
    from homeward.organisations.actions import create_api_token

    membership = demo_operator(args.hotline)
    organisation = membership.organisation
    tokens = [
        create_api_token(membership=operator, name="benchmark", days=1)
        for operator in operators(membership, args.users)
    ]
    case_ids = list(
        Case.objects.filter(organisation=organisation)
        .values_list("id", flat=True)
        .order_by("?")[:5000]
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        row = cursor.fetchone()
        postgres_version = row[0] if row else "unknown"
    dataset = {
        "cases": Case.objects.count(),
        "children": Child.objects.count(),
        "contacts": Contact.objects.count(),
        "name_keys": NameKey.objects.count(),
        "hotline": organisation.slug,
        "hotline_cases": Case.objects.filter(organisation=organisation).count(),
        "hotline_children": Child.objects.filter(organisation=organisation).count(),
        "postgres": postgres_version.split(" on ")[0],
    }
    config = {
        "tokens": [token.secret for token in tokens],
        "organisation_id": organisation.pk,
        "language": (organisation.languages or ["en"])[0],
        "case_ids": case_ids,
        "list_filters": LIST_FILTERS,
        "names": NAMES.get(args.hotline, NAMES["be"]),
    }
    path = out / "config.json"
    path.write_text(json.dumps(config))
    path.chmod(0o600)
    return path, dataset


def start_server(
    args: argparse.Namespace, env: dict[str, str], out: Path
) -> subprocess.Popen[bytes]:
    command = [
        str(VENV_BIN / "homeward"), "serve", "--host", "127.0.0.1", "--port", str(args.port),
        "--workers", str(args.workers),
    ]  # fmt: skip
    log("$ " + " ".join(command[1:]))
    server_log = (out / "server.log").open("wb")
    server = subprocess.Popen(  # noqa: S603
        command, env=env, stdout=server_log, stderr=subprocess.STDOUT, cwd=ROOT,
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped; see {out / 'server.log'}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{args.port}/healthz", timeout=2):
                return server
        except OSError:
            time.sleep(0.5)
    stop_server(server)
    raise RuntimeError("the server did not answer /healthz within 60 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)  # the server's own process group: gunicorn + worker
    try:
        server.wait(timeout=40)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def _process_cpu(pid: int) -> tuple[str, int, int, float, float]:
    """A process's name, parent, process group, own CPU seconds, and its reaped children's."""
    text = Path(f"/proc/{pid}/stat").read_text()
    name = text[text.index("(") + 1 : text.rindex(")")]
    fields = text[text.rindex(")") + 2 :].split()
    tick = os.sysconf("SC_CLK_TCK")
    own = (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    reaped = (int(fields[13]) + int(fields[14])) / tick  # cutime, cstime
    return name, int(fields[1]), int(fields[2]), own, reaped


def cpu_seconds(server: subprocess.Popen[bytes]) -> dict[str, float]:
    """CPU seconds used so far by the web server (its process group: gunicorn and its workers,
    whose own start-up is over by then) and by PostgreSQL
    (every backend, live or ended: the postmaster accounts for the ended ones). Linux only."""
    totals = {"server": 0.0, "database": 0.0}
    processes = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                processes[int(entry.name)] = _process_cpu(int(entry.name))
            except (OSError, ValueError, IndexError):
                continue  # ended meanwhile
    for name, parent, group, own, reaped in processes.values():
        if group == server.pid:  # the server runs in its own session: gunicorn and its workers
            totals["server"] += own
        elif name == "postgres":
            postmaster = processes.get(parent, ("",))[0] != "postgres"
            totals["database"] += own + (reaped if postmaster else 0.0)
    return totals


def locust(
    args: argparse.Namespace,
    config: Path,
    scenario: str,
    target: str,
    seconds: int,
    prefix: Path,
    *,
    record: bool = True,
) -> dict[str, Any] | None:
    env = dict(os.environ)
    env.update(
        {
            "BENCH_CONFIG": str(config),
            "BENCH_SCENARIO": scenario,
            "BENCH_TARGET": target,
            "BENCH_PACE": str(args.pace),
        }
    )
    # Paced operators start over one pace, as they arrive in the steady state, and the figures
    # count from when all have started (--reset-stats): started together, their first requests
    # would queue behind each other and make the whole run's tail.
    spawn_rate = f"{args.users / args.pace:g}" if args.pace else str(args.users)
    command = [
        args.locust, "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
        "--host", f"http://127.0.0.1:{args.port}", "--users", str(args.users),
        "--spawn-rate", spawn_rate, "--run-time", f"{seconds}s", "--stop-timeout", "5",
        "--reset-stats", "--only-summary", "--loglevel", "WARNING",
        *(["--csv", str(prefix)] if record else []),
    ]  # fmt: skip
    with (prefix.parent / f"{prefix.name}.log").open("wb") as errors:
        subprocess.run(  # noqa: S603
            command, env=env, check=False, timeout=seconds + 60, cwd=ROOT,
            stdout=subprocess.DEVNULL, stderr=errors,
        )  # fmt: skip
    stats = Path(f"{prefix}_stats.csv")
    if not record or not stats.exists():
        return None
    with stats.open() as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == "Aggregated":
                return {
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "rps": float(row["Requests/s"]),
                    "median_ms": float(row["50%"]),
                    "p95_ms": float(row["95%"]),
                    "p99_ms": float(row["99%"]),
                    "mean_ms": float(row["Average Response Time"]),
                }
    return None


def run_scenarios(
    args: argparse.Namespace, config: Path, out: Path, server: subprocess.Popen[bytes]
) -> dict[str, Any]:
    """Each scenario in `args.rounds` rounds of ours and its baseline; every other round runs the
    baseline first, so that the machine's drift over minutes falls on both sides alike."""
    results: dict[str, Any] = {}
    for scenario in args.scenarios:
        runs: dict[str, list[dict[str, Any] | None]] = {"ours": [], "baseline": []}
        for number in range(args.rounds):
            order = ("ours", "baseline") if number % 2 == 0 else ("baseline", "ours")
            for target in order:
                log(f"{scenario} / {target}: warm-up {args.warmup} s, then {args.duration} s")
                if args.warmup:
                    warmup = out / f"warmup-{scenario}-{target}-{number}"
                    locust(args, config, scenario, target, args.warmup, warmup, record=False)
                before = cpu_seconds(server)
                result = locust(
                    args, config, scenario, target, args.duration,
                    out / f"{scenario}-{target}-{number}",
                )  # fmt: skip
                after = cpu_seconds(server)
                if result is not None:  # other work on the machine shows here
                    result["load_average_1min_after"] = round(os.getloadavg()[0], 2)
                    result["cpu_ms_per_request"] = (
                        {
                            side: round(1000 * (after[side] - before[side]) / result["requests"], 3)
                            for side in after
                        }
                        if result["requests"]
                        else None
                    )
                runs[target].append(result)
                log(f"  {result}")
        results[scenario] = {target: combine(done) for target, done in runs.items()}
    return results


def combine(runs: list[dict[str, Any] | None]) -> dict[str, Any] | None:
    """The median of the rounds' figures (all of them kept under "rounds"); no result if any
    round failed to give one."""
    if not runs or any(run is None for run in runs):
        return None
    done = [run for run in runs if run is not None]
    if len(done) == 1:
        return done[0]
    combined: dict[str, Any] = {
        key: statistics.median(run[key] for run in done)
        for key in ("rps", "median_ms", "p95_ms", "p99_ms", "mean_ms")
    }
    cpu = [run["cpu_ms_per_request"] for run in done if run.get("cpu_ms_per_request")]
    combined["cpu_ms_per_request"] = (
        {side: statistics.median(each[side] for each in cpu) for side in cpu[0]} if cpu else None
    )
    combined["requests"] = sum(run["requests"] for run in done)
    combined["failures"] = sum(run["failures"] for run in done)
    combined["rounds"] = done
    return combined


def markdown(results: dict[str, Any], meta: dict[str, Any]) -> str:
    lines = [
        f"Run {meta['finished']} — {meta['dataset']['cases']:,} cases, "
        f"{meta['users']} concurrent users, "
        + (
            f"each waiting {meta['pace']:g} s on average between requests (offered load "
            f"~{meta['users'] / meta['pace']:.0f} requests/s), "
            if meta.get("pace")
            else "no think time, "
        )
        + f"{meta['duration']} s per run, "
        f"{meta.get('rounds', 1)} round(s) per scenario (the median), "
        f"{meta['workers']} gunicorn workers, hotline `{meta['dataset']['hotline']}` "
        f"({meta['dataset']['hotline_cases']:,} cases).",
        "",
        "| scenario | ours req/s | ours median ms | ours p95 ms | baseline req/s | "
        "baseline median ms | baseline p95 ms | p95 ours/baseline | req/s baseline/ours |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for scenario, pair in results.items():
        ours, base = pair.get("ours"), pair.get("baseline")
        if not ours or not base:
            lines.append(f"| {TITLES[scenario]} | no result | | | | | | | |")
            continue
        p95_ratio = ours["p95_ms"] / base["p95_ms"] if base["p95_ms"] else float("nan")
        rps_ratio = base["rps"] / ours["rps"] if ours["rps"] else float("nan")
        lines.append(
            f"| {TITLES[scenario]} | {ours['rps']:.0f} | {ours['median_ms']:.0f} | "
            f"{ours['p95_ms']:.0f} | {base['rps']:.0f} | {base['median_ms']:.0f} | "
            f"{base['p95_ms']:.0f} | {p95_ratio:.1f}× | {rps_ratio:.1f}× |"
        )
    lines += [
        "",
        "CPU per request (ms, all cores): the web server's and the database's, ours / baseline.",
        "",
        "| scenario | server ours | server baseline | database ours | database baseline |",
        "|---|---:|---:|---:|---:|",
    ]
    for scenario, pair in results.items():
        ours_cpu = (pair.get("ours") or {}).get("cpu_ms_per_request")
        base_cpu = (pair.get("baseline") or {}).get("cpu_ms_per_request")
        if ours_cpu and base_cpu:
            lines.append(
                f"| {TITLES[scenario]} | {ours_cpu['server']:.2f} | {base_cpu['server']:.2f} | "
                f"{ours_cpu['database']:.2f} | {base_cpu['database']:.2f} |"
            )
    failures = {
        f"{scenario}/{target}": result["failures"]
        for scenario, pair in results.items()
        for target, result in pair.items()
        if result and result["failures"]
    }
    if failures:
        lines += ["", f"Failed requests: {failures}"]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    )
    parser.add_argument(
        "--cases", type=int, default=1_000_000, help="cases to seed into an empty database"
    )
    parser.add_argument(
        "--no-seed", action="store_true", help="use the data as it is (migrations still run)"
    )
    parser.add_argument(
        "--duration", type=int, default=60, help="seconds per measured run (10–600)"
    )
    parser.add_argument(
        "--warmup", type=int, default=5, help="seconds of unmeasured warm-up per run"
    )
    parser.add_argument(
        "--users", type=int, default=20, help="concurrent simulated operators (1–300)"
    )
    parser.add_argument(
        "--rounds", type=int, default=1, help="rounds per scenario, alternating which goes first"
    )
    parser.add_argument(
        "--pace",
        type=float,
        default=0.0,
        help="mean seconds each operator waits between requests (0: none, saturation); "
        "latency at an offered load of users/pace requests a second",
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--hotline", default="be", help="the hotline whose operator is simulated")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--locust", default=str(ROOT / "var" / "bench-venv" / "bin" / "locust"))
    parser.add_argument("--out", default=str(ROOT / "var" / "bench"))
    parser.add_argument("--password", default="bench-demo-password-116000")
    args = parser.parse_args()
    args.duration = min(max(args.duration, 10), 600)
    args.warmup = min(max(args.warmup, 0), 60)
    args.users = min(max(args.users, 1), 300)
    args.pace = min(max(args.pace, 0.0), 60.0)
    args.scenarios = [s for s in args.scenarios.split(",") if s]
    unknown = set(args.scenarios) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")
    if not Path(args.locust).exists():
        parser.error(f"no locust at {args.locust}: run `make bench`, or pass --locust")
    random.seed(116000)

    env = environment(args)
    os.environ.update(env)  # this process imports Django with the same settings
    sys.path.insert(0, str(ROOT))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    if args.no_seed:
        homeward(env, "migrate", "--no-input", "-v", "0")  # the schema the code expects
        tune_database(args.database_url, vacuum=False)
    seed_seconds = None if args.no_seed else seed(args, env)
    config, dataset = prepare(args, out)
    log(f"dataset: {dataset}")
    server = start_server(args, env, out)
    try:
        results = run_scenarios(args, config, out, server)
    finally:
        stop_server(server)
        config.unlink(missing_ok=True)  # the token's secret
    meta = {
        "finished": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "machine": {
            "cpus": os.cpu_count(),
            "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "dataset": dataset,
        "seed_seconds": seed_seconds,
        "users": args.users,
        "pace": args.pace,
        "duration": args.duration,
        "rounds": args.rounds,
        "workers": args.workers,
    }
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    (out / f"results-{stamp}.json").write_text(
        json.dumps({"meta": meta, "results": results}, indent=2)
    )
    table = markdown(results, meta)
    (out / f"results-{stamp}.md").write_text(table)
    print(table)


if __name__ == "__main__":
    main()
