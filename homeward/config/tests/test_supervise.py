"""`homeward serve` keeps its processes running: one that exits is started again, the others
are left alone, and only a process that keeps exiting at once is given up on."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

from homeward.config.supervise import Supervisor


def _counting(path: Path, then: str) -> list[str]:
    """A child that notes each start in `path`, then runs `then`."""
    code = (
        f"import pathlib; p = pathlib.Path({str(path)!r}); "
        "p.write_text((p.read_text() if p.exists() else '') + 'x'); "
        f"{then}"
    )
    return [sys.executable, "-c", code]


def test_a_process_that_exits_is_restarted_and_the_others_keep_running(tmp_path: Path) -> None:
    starts = tmp_path / "starts"
    said: list[str] = []
    supervisor = Supervisor(
        {
            "web": [sys.executable, "-c", "import time; time.sleep(60)"],
            "worker": _counting(starts, "raise SystemExit(3)"),
        },
        say=said.append,
        quick_seconds=0,  # every exit is a slow one here: never given up on
        backoff_seconds=0.05,
        poll_seconds=0.02,
    )
    supervisor.start()
    web = supervisor.children[0].process
    watcher = threading.Thread(target=supervisor.run)
    watcher.start()
    try:
        deadline = time.monotonic() + 20
        while (
            time.monotonic() < deadline and len(starts.read_text() if starts.exists() else "") < 4
        ):
            time.sleep(0.05)
        assert len(starts.read_text()) >= 4  # started again and again
        assert supervisor.children[0].process is web and web is not None and web.poll() is None
    finally:
        supervisor.stopping.set()
        watcher.join(timeout=10)
        supervisor.stop()
    assert not watcher.is_alive()
    assert web.poll() is not None  # stopping stops them all
    assert "worker exited with code 3" in said[0] and "starting it again" in said[0]


def test_a_process_that_keeps_exiting_at_once_is_given_up_on_loudly(tmp_path: Path) -> None:
    starts = tmp_path / "starts"
    said: list[str] = []
    supervisor = Supervisor(
        {
            "web": [sys.executable, "-c", "import time; time.sleep(60)"],
            "worker": _counting(starts, "raise SystemExit(1)"),
        },
        say=said.append,
        quick_seconds=30,
        backoff_seconds=0.01,
        give_up_after=3,
        poll_seconds=0.02,
    )
    supervisor.start()
    try:
        assert supervisor.run() == "worker"
    finally:
        supervisor.stop()
    assert starts.read_text() == "xxx"
    assert "giving up" in said[-1] and "3 times in a row" in said[-1]
    assert all(child.process and child.process.poll() is not None for child in supervisor.children)
