"""Every check `make test` and CI run, in order; stops at the first failure."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(title: str, *command: str, env: dict[str, str] | None = None) -> None:
    print(f"\n== {title}: {' '.join(command)}", flush=True)
    result = subprocess.run(command, cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        print(f"\n!! {title} failed (exit {result.returncode})", flush=True)
        sys.exit(result.returncode)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-tests", action="store_true", help="lint and type checks only")
    parser.add_argument("pytest_args", nargs="*")
    args = parser.parse_args()
    env = {**os.environ, "HOMEWARD_TESTING": "1"}
    run("ruff lint", str(BIN / "ruff"), "check", ".")
    run("ruff format", str(BIN / "ruff"), "format", "--check", ".")
    # the benchmark's own scripts too (not locustfile.py: locust lives in its own virtualenv),
    # so that a change to an action they call cannot break them unseen
    bench = [
        "bench/run.py",
        "bench/held.py",
        "bench/where_time_goes.py",
        "bench/faults.py",
        "bench/settings.py",
        "bench/urls.py",
        "bench/baselines",
        "bench/name_search_quality.py",
        "bench/name_corpus.py",
        "bench/network_report.py",
        "bench/network_report_sql.py",
        "bench/services_search.py",
        "bench/mediators_search.py",
    ]
    run("mypy --strict", str(BIN / "mypy"), "homeward", "scripts", *bench, env=env)
    run("import contracts", str(BIN / "lint-imports"), env=env)
    run("migrations", str(BIN / "homeward"), "makemigrations", "--check", "--dry-run", env=env)
    run("translations", str(BIN / "python"), "scripts/compile_messages.py", env=env)
    if args.no_tests:
        return
    # pytest exits 5 when nothing ran; that is a failure here too.
    # two workers: the machine has two cores (CI's too)
    workers = os.environ.get("HOMEWARD_TEST_WORKERS", "2")
    run(
        "tests",
        str(BIN / "pytest"),
        "-p",
        "no:cacheprovider",
        "-n",
        workers,
        *args.pytest_args,
        env=env,
    )


if __name__ == "__main__":
    main()
