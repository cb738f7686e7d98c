"""The fault suite: writers log contacts through the API and the browser form while the
database is killed and restarted, a web worker is killed, and the task worker is killed; then
every acknowledged write is looked for, duplicates are counted, and so is the time the service
took to answer again. Run with the project's Python:

    .venv/bin/python bench/faults.py                 # about two minutes

It starts its own PostgreSQL (initdb in var/faults/, port --pg-port), never the machine's
shared server, and its own `homeward serve` on 127.0.0.1. Every loop is bounded in time, and
the server and the database are stopped at the end, whatever happens. Results are printed and
written to var/faults/results.json; docs/benchmarks.md ("Faults") records them.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import run  # bench/run.py: the same server, environment and operators as the benchmark

ROOT = run.ROOT
OUT = ROOT / "var" / "faults"
PG_BIN = Path("/usr/lib/postgresql/15/bin")
MARK = "fault-run"
PASSWORD = "fault-suite-password"  # noqa: S105 (a synthetic demo login's)


def log(message: str) -> None:
    run.log(message)


# --- the private database ------------------------------------------------------------------


class Database:
    """A PostgreSQL cluster of our own, so that killing it harms nobody else."""

    def __init__(self, folder: Path, port: int) -> None:
        self.folder, self.port = folder, port
        self.data = folder / "data"
        self.url = f"postgres://postgres@127.0.0.1:{port}/homeward_faults"

    def _as_postgres(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *command], check=True, timeout=120, capture_output=True)  # noqa: S603

    def create(self) -> None:
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        self._as_postgres(
            str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres"
        )
        self.start()
        run.ensure_database(self.url)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c fsync=on"
        self._as_postgres(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options,
            "-l", str(self.folder / "postgres.log"), "-w", "start",
        )  # fmt: skip

    def kill(self) -> None:
        """As a crash would: no checkpoint, connections cut."""
        self._as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self._as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop")


# --- the writers ----------------------------------------------------------------------------


@dataclass
class Tally:
    """What the writers saw. A write is one contact with its own id in its notes; it is sent
    again with the same key until it is acknowledged or the run ends."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    answers: Counter[str] = field(default_factory=Counter)
    acknowledged: set[str] = field(default_factory=set)
    unanswered: set[str] = field(default_factory=set)
    timeline: list[tuple[float, str]] = field(default_factory=list)
    outage_answers: Counter[str] = field(default_factory=Counter)
    no_retry_after: int = 0

    def saw(self, at: float, answer: str, *, during_outage: bool) -> None:
        with self.lock:
            self.answers[answer] += 1
            self.timeline.append((at, answer))
            if during_outage:
                self.outage_answers[answer] += 1


class Clock:
    def __init__(self) -> None:
        self.started = time.monotonic()
        self.outage: tuple[float, float] | None = None
        self.stopping = threading.Event()

    def now(self) -> float:
        return time.monotonic() - self.started

    def during_outage(self, at: float) -> bool:
        return self.outage is not None and self.outage[0] <= at <= self.outage[1]


def _request(
    port: int, method: str, path: str, body: bytes, headers: dict[str, str]
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def api_writer(port: int, token: str, name: str, tally: Tally, clock: Clock, grace: float) -> None:
    number = 0
    while not clock.stopping.is_set():
        number += 1
        write = f"{name}-{number}"
        body = json.dumps(
            {"channel": "chat", "caller": "child", "contact_type": "information",
             "notes": f"{MARK} {write}"}
        ).encode()  # fmt: skip
        headers = {
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Idempotency-Key": write,
        }
        deadline: float | None = None
        while True:
            at = clock.now()
            try:
                status, response_headers, _ = _request(
                    port, "POST", "/api/v1/contacts", body, headers
                )
                answer = str(status)
                if status == 503 and "retry-after" not in response_headers:
                    with tally.lock:
                        tally.no_retry_after += 1
            except OSError as error:
                status, answer = 0, type(error).__name__
            tally.saw(at, answer, during_outage=clock.during_outage(at))
            if status == 201:
                with tally.lock:
                    tally.acknowledged.add(write)
                break
            if status not in (0, 503):
                break  # refused for a reason of its own: counted, not retried
            if clock.stopping.is_set():
                deadline = deadline or time.monotonic() + grace
                if time.monotonic() > deadline:
                    with tally.lock:
                        tally.unanswered.add(write)
                    break
            time.sleep(0.2)


def form_writer(
    port: int, email: str, password: str, name: str, tally: Tally, clock: Clock, grace: float
) -> None:
    """A browser: signs in, then logs contacts through /contacts/new/, sending the same form
    (its one-time token) again after an error."""
    cookies: dict[str, str] = {}

    def send(
        method: str, path: str, fields: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
        body = b""
        if fields is not None:
            body = urllib.parse.urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{port}{path}"
        status, response_headers, content = _request(port, method, path, body, headers)
        for cookie in re.findall(
            r"(?:^|, )([a-z_]+)=([^;]*)", response_headers.get("set-cookie", "")
        ):
            cookies[cookie[0]] = cookie[1]
        return status, response_headers, content

    def hidden(content: bytes, field_name: str) -> str:
        found = re.search(rf'name="{field_name}" value="([^"]+)"'.encode(), content)
        return found.group(1).decode() if found else ""

    _, _, page = send("GET", "/accounts/login/")
    csrf = hidden(page, "csrfmiddlewaretoken")
    send(
        "POST",
        "/accounts/login/",
        {"csrfmiddlewaretoken": csrf, "login": email, "password": password},
    )
    number = 0
    while not clock.stopping.is_set():
        number += 1
        write = f"{name}-{number}"
        try:
            _, _, page = send("GET", "/contacts/new/")
        except OSError:
            time.sleep(0.5)
            continue
        form = {
            "csrfmiddlewaretoken": hidden(page, "csrfmiddlewaretoken"),
            "form_token": hidden(page, "form_token"),
            "channel": "phone_116000", "caller": "parent", "contact_type": "information",
            "notes": f"{MARK} {write}",
        }  # fmt: skip
        if not form["form_token"]:
            time.sleep(0.5)  # no form: the page itself failed (503 during an outage)
            continue
        deadline: float | None = None
        while True:
            at = clock.now()
            try:
                status, _, _ = send("POST", "/contacts/new/", form)
                answer = f"form {status}"
            except OSError as error:
                status, answer = 0, f"form {type(error).__name__}"
            tally.saw(at, answer, during_outage=clock.during_outage(at))
            if status == 302:
                with tally.lock:
                    tally.acknowledged.add(write)
                break
            if status not in (0, 503):
                break
            if clock.stopping.is_set():
                deadline = deadline or time.monotonic() + grace
                if time.monotonic() > deadline:
                    with tally.lock:
                        tally.unanswered.add(write)
                    break
            time.sleep(0.2)


# --- the processes ------------------------------------------------------------------------


def processes_of(server: subprocess.Popen[bytes]) -> dict[str, list[int]]:
    """The server's process group: gunicorn's master and workers, the task worker."""
    found: dict[str, list[int]] = {"gunicorn_workers": [], "task_worker": []}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[2]) != server.pid:
            continue
        if "gunicorn" in command and int(fields[1]) != server.pid:
            found["gunicorn_workers"].append(int(entry.name))
        elif "homeward worker" in command:
            found["task_worker"].append(int(entry.name))
    return found


def wait_until(condition: Any, seconds: float) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if condition():
            return time.monotonic() - started
        time.sleep(0.1)
    return None


# --- the run --------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8199)
    parser.add_argument("--pg-port", type=int, default=5499)
    parser.add_argument("--api-writers", type=int, default=8)
    parser.add_argument("--form-writers", type=int, default=2)
    parser.add_argument("--outage", type=float, default=10.0, help="seconds the database is away")
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    database = Database(OUT / "postgres", args.pg_port)
    server: subprocess.Popen[bytes] | None = None
    try:
        log(f"starting a private PostgreSQL on port {args.pg_port}")
        database.create()
        setup = argparse.Namespace(database_url=database.url, workers=args.workers, port=args.port)
        env = run.environment(setup)
        env["HOMEWARD_LOG_LEVEL"] = "WARNING"
        os.environ["DATABASE_URL"] = database.url
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.config.settings")
        os.environ["HOMEWARD_DEMO"] = "1"
        run.homeward(env, "migrate", "--no-input", "-v", "0")
        run.homeward(env, "demo", "--if-empty", "--password", PASSWORD)
        import django

        django.setup()
        from homeward.organisations.actions import create_api_token

        first = run.demo_operator("be")
        members = run.operators(first, args.api_writers + args.form_writers)
        tokens = [
            create_api_token(membership=m, name="faults", days=1).secret
            for m in members[: args.api_writers]
        ]
        for member in members[args.api_writers :]:  # the browsers sign in with a password
            member.user.set_password(PASSWORD)
            member.user.save(update_fields=["password"])
        server = run.start_server(setup, env, OUT)
        results = exercise(args, database, server, tokens, members[args.api_writers :])
    finally:
        if server is not None:
            run.stop_server(server)
        database.stop()
    (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    report(results)
    if not results["passed"]:
        sys.exit(1)


def exercise(
    args: argparse.Namespace,
    database: Database,
    server: subprocess.Popen[bytes],
    tokens: list[str],
    browsers: list[Any],
) -> dict[str, Any]:
    tally, clock = Tally(), Clock()
    grace = 30.0
    run_id = uuid.uuid4().hex[:8]
    threads = [
        threading.Thread(
            target=api_writer, args=(args.port, token, f"{run_id}-api{n}", tally, clock, grace)
        )
        for n, token in enumerate(tokens)
    ] + [
        threading.Thread(
            target=form_writer,
            args=(args.port, m.user.email, PASSWORD, f"{run_id}-form{n}", tally, clock, grace),
        )
        for n, m in enumerate(browsers)
    ]
    for thread in threads:
        thread.start()
    events: dict[str, Any] = {}
    try:
        time.sleep(8)
        log("killing the database (pg_ctl stop -m immediate)")
        down = clock.now()
        clock.outage = (down, down + 10_000)
        database.kill()
        time.sleep(args.outage)
        log("starting the database again")
        database.start()
        up = clock.now()
        # what a request sent in this window can only meet is a database that is away (pg_ctl
        # returns once the database accepts connections, which it did a moment before)
        clock.outage = (down + 0.5, up - 1.5)
        events["database_down_at"], events["database_up_at"] = round(down, 1), round(up, 1)
        time.sleep(8)

        before = processes_of(server)
        victim = before["gunicorn_workers"][0]
        log(f"killing web worker {victim} (SIGKILL)")
        events["web_worker_killed_at"] = round(clock.now(), 1)
        os.kill(victim, signal.SIGKILL)
        events["web_workers_back_after_s"] = wait_until(
            lambda: (
                len(processes_of(server)["gunicorn_workers"]) >= len(before["gunicorn_workers"])
                and victim not in processes_of(server)["gunicorn_workers"]
            ),
            20,
        )
        time.sleep(4)

        worker = before["task_worker"][0]
        log(f"killing the task worker {worker} (SIGKILL)")
        events["task_worker_killed_at"] = round(clock.now(), 1)
        os.kill(worker, signal.SIGKILL)
        events["task_worker_back_after_s"] = wait_until(
            lambda: any(p != worker for p in processes_of(server)["task_worker"]), 20
        )
        time.sleep(6)
    finally:
        clock.stopping.set()
        for thread in threads:
            thread.join(timeout=grace + 20)
    return verify(tally, clock, events)


def verify(tally: Tally, clock: Clock, events: dict[str, Any]) -> dict[str, Any]:
    from django.db import connection

    from homeward.audit.models import AuditEvent
    from homeward.cases.models import Contact

    connection.close()
    stored = Counter(
        notes.split(" ", 1)[1]
        for notes in Contact.objects.filter(notes__startswith=f"{MARK} ").values_list(
            "notes", flat=True
        )
    )
    contact_ids = set(
        Contact.objects.filter(notes__startswith=f"{MARK} ").values_list("pk", flat=True)
    )
    audited = set(
        int(pk)
        for pk in AuditEvent.objects.filter(action="cases.contact.create").values_list(
            "object_id", flat=True
        )
        if pk.isdigit() and int(pk) in contact_ids
    )
    lost = sorted(tally.acknowledged - set(stored))
    duplicates = {write: n for write, n in stored.items() if n > 1}
    not_acknowledged = sorted(set(stored) - tally.acknowledged - tally.unanswered)
    down, up = events.get("database_down_at", 0), events.get("database_up_at", 0)
    first_success_after_up = next(
        (
            at - up
            for at, answer in sorted(tally.timeline)
            if at >= up and answer in ("201", "form 302")
        ),
        None,
    )
    outage_kinds = {k: v for k, v in tally.outage_answers.items()}
    outage_ok = all(k in ("503", "form 503") for k in outage_kinds)
    results = {
        "requests": sum(tally.answers.values()),
        "answers": dict(tally.answers),
        "answers_while_the_database_was_away": outage_kinds,
        "503_without_retry_after": tally.no_retry_after,
        "acknowledged_writes": len(tally.acknowledged),
        "stored_writes": len(stored),
        "acknowledged_but_lost": lost[:20],
        "duplicates": duplicates,
        "stored_but_never_acknowledged": not_acknowledged[:20],
        "unanswered_at_the_end": sorted(tally.unanswered)[:20],
        "contacts_without_their_audit_event": len(contact_ids - audited),
        "first_success_after_the_database_returned_s": (
            round(first_success_after_up, 1) if first_success_after_up is not None else None
        ),
        "events": events,
        "database_away_s": round(up - down, 1),
    }
    results["passed"] = (
        not lost
        and not duplicates
        and not not_acknowledged
        and not tally.unanswered
        and results["contacts_without_their_audit_event"] == 0
        and tally.no_retry_after == 0
        and outage_ok
        and first_success_after_up is not None
        and first_success_after_up <= 10
        and events.get("web_workers_back_after_s") is not None
        and events.get("task_worker_back_after_s") is not None
    )
    return results


def report(results: dict[str, Any]) -> None:
    print(json.dumps(results, indent=2))
    log("PASSED" if results["passed"] else "FAILED")


if __name__ == "__main__":
    main()
