"""Held load: many paced operators for a long time on the benchmark's database, with the memory
of every Homeward process sampled from start to end. Issue 13's question: does the service keep
its latency, answer without errors and keep its memory flat when it is busy for half an hour?

    .venv/bin/python bench/held.py --users 300 --pace 5 --duration 1800

Each simulated operator has their own login and token and sends one request every `--pace`
seconds on average (0.5–1.5 × pace), each one of the four everyday calls at random (log a
contact, open a case, the filtered case list, the name search): 300 operators at 5 s is about
60 requests a second. The database must already be seeded (`bench/run.py` or `homeward demo
--cases N`, see bench/README.md). A warm-up of `--warmup` seconds is not counted; the memory of
every process of `homeward serve` (supervisor, gunicorn master and workers, task worker) and the
private memory of PostgreSQL's backends are read from /proc every `--sample` seconds. The run
fails (exit status 1) if any Homeward process ends more than `--growth-mb` above its size at the
start of the measured run, or if more than 0.1 % of the requests failed.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import run

TITLES = {
    "contact ours": "Log a contact",
    "case_detail ours": "Open a case",
    "case_list ours": "Case list, filtered",
    "search ours": "Name search",
    "Aggregated": "All requests",
}


@dataclass(frozen=True)
class Process:
    pid: int
    label: str
    rss_mb: float
    anon_mb: float


def _status(pid: int) -> dict[str, str]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return fields


def _megabytes(value: str) -> float:
    return int(value.split()[0]) / 1024 if value else 0.0


def _label(pid: int, parent: int, group: int, command: str) -> str:
    if pid == group:
        return "supervisor (homeward serve)"
    if "gunicorn" in command:
        return "gunicorn master" if parent == group else "web worker"
    if " worker " in f"{command} ":
        return "task worker"
    if " clock " in f"{command} ":
        return "clock"
    return command[:60]


def homeward_processes(server: subprocess.Popen[bytes]) -> list[Process]:
    """Every live process of the server's session, labelled; web workers numbered by pid."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        pid = int(entry.name)
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            parent, group = int(fields[1]), int(fields[2])
            if group != server.pid:
                continue
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            status = _status(pid)
        except (OSError, ValueError, IndexError):
            continue  # ended meanwhile
        found.append(
            Process(
                pid,
                _label(pid, parent, group, command.strip()),
                _megabytes(status.get("VmRSS", "")),
                _megabytes(status.get("RssAnon", "")),
            )
        )
    found.sort(key=lambda process: process.pid)
    numbered, count = [], 0
    for process in found:
        if process.label == "web worker":
            count += 1
            process = Process(process.pid, f"web worker {count}", process.rss_mb, process.anon_mb)
        numbered.append(process)
    return numbered


def postgres_private_mb() -> tuple[int, float]:
    """How many PostgreSQL processes run, and the sum of their private (anonymous) memory:
    shared buffers are counted in every backend's RSS, so RSS would say nothing of a leak."""
    count, total = 0, 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = _status(int(entry.name))
        except OSError:
            continue
        if status.get("Name") == "postgres":
            count += 1
            total += _megabytes(status.get("RssAnon", ""))
    return count, total


def sample(server: subprocess.Popen[bytes], started: float) -> dict[str, Any]:
    backends, postgres_mb = postgres_private_mb()
    return {
        "seconds": round(time.monotonic() - started),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "processes": [process.__dict__ for process in homeward_processes(server)],
        "postgres_processes": backends,
        "postgres_private_mb": round(postgres_mb, 1),
    }


def locust_command(args: argparse.Namespace, seconds: int, prefix: Path | None) -> list[str]:
    return [
        args.locust, "-f", str(run.ROOT / "bench" / "locustfile.py"), "--headless",
        "--host", f"http://127.0.0.1:{args.port}", "--users", str(args.users),
        "--spawn-rate", f"{args.users / args.pace:g}", "--run-time", f"{seconds}s",
        "--stop-timeout", "10", "--reset-stats", "--only-summary", "--loglevel", "WARNING",
        *(["--csv", str(prefix)] if prefix else []),
    ]  # fmt: skip


def locust_environment(args: argparse.Namespace, config: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "BENCH_CONFIG": str(config),
            "BENCH_SCENARIO": "mixed",
            "BENCH_TARGET": "ours",
            "BENCH_PACE": str(args.pace),
        }
    )
    return env


def endpoint_figures(prefix: Path) -> dict[str, dict[str, Any]]:
    figures = {}
    with Path(f"{prefix}_stats.csv").open() as handle:
        for row in csv.DictReader(handle):
            if row["Name"] not in TITLES:
                continue
            requests, failures = int(row["Request Count"]), int(row["Failure Count"])
            figures[row["Name"]] = {
                "requests": requests,
                "failures": failures,
                "error_rate": failures / requests if requests else 0.0,
                "rps": float(row["Requests/s"]),
                "median_ms": float(row["50%"]),
                "p95_ms": float(row["95%"]),
                "p99_ms": float(row["99%"]),
                "max_ms": float(row["Max Response Time"]),
            }
    return figures


def growth(first: dict[str, Any], last: dict[str, Any]) -> list[dict[str, Any]]:
    """Each process's RSS at the start and the end of the measured run, matched by pid (a
    process that was replaced meanwhile is reported with no end figure)."""
    ends = {process["pid"]: process for process in last["processes"]}
    rows = []
    for process in first["processes"]:
        end = ends.get(process["pid"])
        rows.append(
            {
                "label": process["label"],
                "pid": process["pid"],
                "start_mb": process["rss_mb"],
                "end_mb": end["rss_mb"] if end else None,
                "growth_mb": round(end["rss_mb"] - process["rss_mb"], 1) if end else None,
                "max_mb": None,
            }
        )
    return rows


def markdown(meta: dict[str, Any], figures: dict[str, Any], memory: list[dict[str, Any]]) -> str:
    lines = [
        f"Held load {meta['started']} – {meta['finished']}: {meta['users']} operators, one "
        f"request every {meta['pace']:g} s each on average (~{meta['users'] / meta['pace']:.0f} "
        f"requests/s offered), {meta['duration'] // 60} min after a {meta['warmup']} s warm-up, "
        f"{meta['workers']} gunicorn workers; {meta['dataset']['cases']:,} cases, hotline "
        f"`{meta['dataset']['hotline']}` ({meta['dataset']['hotline_cases']:,} cases).",
        "",
        "| endpoint | requests | errors | error rate | req/s | median ms | p95 ms | p99 ms "
        "| max ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, title in TITLES.items():
        row = figures.get(name)
        if row:
            lines.append(
                f"| {title} | {row['requests']:,} | {row['failures']} | "
                f"{100 * row['error_rate']:.3f} % | {row['rps']:.1f} | {row['median_ms']:.0f} | "
                f"{row['p95_ms']:.0f} | {row['p99_ms']:.0f} | {row['max_ms']:.0f} |"
            )
    lines += [
        "",
        f"Memory (RSS, MB) at the start and the end of the measured run; bound: "
        f"{meta['growth_bound_mb']:g} MB of growth per process.",
        "",
        "| process | start | end | growth | largest sample |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in memory:
        end = "replaced" if row["end_mb"] is None else f"{row['end_mb']:.0f}"
        change = "" if row["growth_mb"] is None else f"{row['growth_mb']:+.1f}"
        lines.append(
            f"| {row['label']} | {row['start_mb']:.0f} | {end} | {change} | {row['max_mb']:.0f} |"
        )
    lines += [
        "",
        f"PostgreSQL private memory (all processes): {meta['postgres_start_mb']:.0f} MB at the "
        f"start, {meta['postgres_end_mb']:.0f} MB at the end. 1-minute load average: "
        f"{meta['load_min']:.1f}–{meta['load_max']:.1f}. Verdict: {meta['verdict']}.",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", run.DEFAULT_DATABASE)
    )
    parser.add_argument("--users", type=int, default=300, help="paced operators (1–1000)")
    parser.add_argument("--pace", type=float, default=5.0, help="mean seconds between requests")
    parser.add_argument("--duration", type=int, default=1800, help="measured seconds (60–7200)")
    parser.add_argument("--warmup", type=int, default=60, help="unmeasured seconds first")
    parser.add_argument("--sample", type=int, default=60, help="seconds between memory samples")
    parser.add_argument("--growth-mb", type=float, default=50.0, help="allowed growth per process")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--hotline", default="be", help="the hotline whose operators are simulated")
    parser.add_argument("--locust", default=str(run.ROOT / "var" / "bench-venv" / "bin" / "locust"))
    parser.add_argument("--out", default=str(run.ROOT / "var" / "bench"))
    args = parser.parse_args()
    args.users = min(max(args.users, 1), 1000)
    args.pace = min(max(args.pace, 0.5), 60.0)
    args.duration = min(max(args.duration, 60), 7200)
    if not Path(args.locust).exists():
        parser.error(f"no locust at {args.locust}: run `make bench`, or pass --locust")

    env = run.environment(args)
    os.environ.update(env)  # this process imports Django with the same settings
    sys.path.insert(0, str(run.ROOT))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    run.homeward(env, "migrate", "--no-input", "-v", "0")
    run.tune_database(args.database_url, vacuum=False)
    config, dataset = run.prepare(args, out)
    if not dataset["hotline_cases"]:
        parser.error("the database holds no cases at that hotline: seed it first (bench/README.md)")
    run.log(f"dataset: {dataset}")
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    prefix = out / f"held-{stamp}"
    env_locust = locust_environment(args, config)
    server = run.start_server(args, env, out)
    samples: list[dict[str, Any]] = []
    try:
        run.log(f"warm-up: {args.warmup} s")
        subprocess.run(  # noqa: S603
            locust_command(args, args.warmup, None), env=env_locust, check=False,
            timeout=args.warmup + 120, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        started_at = datetime.now(UTC)
        started = time.monotonic()
        run.log(f"held load: {args.users} operators for {args.duration} s")
        with Path(f"{prefix}.log").open("wb") as errors:
            load = subprocess.Popen(  # noqa: S603
                locust_command(args, args.duration, prefix), env=env_locust,
                stdout=subprocess.DEVNULL, stderr=errors,
            )  # fmt: skip
            samples.append(sample(server, started))
            while load.poll() is None:
                try:
                    load.wait(timeout=args.sample)
                except subprocess.TimeoutExpired:
                    samples.append(sample(server, started))
                    latest = samples[-1]
                    run.log(f"  {latest['seconds']} s, load {latest['load_average_1min']}")
                if time.monotonic() - started > args.duration + 180:
                    load.kill()
        samples.append(sample(server, started))
    finally:
        run.stop_server(server)
        config.unlink(missing_ok=True)

    figures = endpoint_figures(prefix)
    memory = growth(samples[0], samples[-1])
    for row in memory:
        sizes = [p["rss_mb"] for s in samples for p in s["processes"] if p["pid"] == row["pid"]]
        row["max_mb"] = max(sizes)
    total = figures.get("Aggregated", {"requests": 0, "failures": 0, "error_rate": 1.0})
    over = [row["label"] for row in memory if (row["growth_mb"] or 0) > args.growth_mb]
    problems = []
    if over:
        problems.append(f"memory grew more than {args.growth_mb:g} MB: {', '.join(over)}")
    if total["error_rate"] > 0.001:
        problems.append(f"error rate {100 * total['error_rate']:.2f} %")
    loads = [s["load_average_1min"] for s in samples]
    meta = {
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "started": started_at.strftime("%Y-%m-%d %H:%M"),
        "finished": datetime.now(UTC).strftime("%H:%M UTC"),
        "users": args.users,
        "pace": args.pace,
        "duration": args.duration,
        "warmup": args.warmup,
        "workers": args.workers,
        "dataset": dataset,
        "growth_bound_mb": args.growth_mb,
        "postgres_start_mb": samples[0]["postgres_private_mb"],
        "postgres_end_mb": samples[-1]["postgres_private_mb"],
        "load_min": min(loads),
        "load_max": max(loads),
        "verdict": "; ".join(problems) if problems else "within the bounds",
    }
    (out / f"held-{stamp}.json").write_text(
        json.dumps({"meta": meta, "endpoints": figures, "memory": memory, "samples": samples},
                   indent=2)
    )  # fmt: skip
    table = markdown(meta, figures, memory)
    (out / f"held-{stamp}.md").write_text(table)
    print(table)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
