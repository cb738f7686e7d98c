"""Keeps `homeward serve`'s processes running: a child that exits is started again after a
pause that doubles with each quick exit, and the others are left alone. Only a child that keeps
exiting soon after every start is given up on, loudly, with everything stopped.

A real deployment runs the web server and the worker under systemd or a container runtime
(docs/operations.md); this is what `make run` and a single-machine install rely on."""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field


@dataclass
class Child:
    name: str
    command: Sequence[str]
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    quick_exits: int = 0
    restart_at: float | None = None


@dataclass
class Supervisor:
    """Starts each command, restarts the ones that exit, and stops all on `stop()`.

    A child that ran for less than `quick_seconds` counts a quick exit; its next start waits
    `backoff_seconds` × 2^(quick exits - 1), at most `max_backoff_seconds`. After
    `give_up_after` quick exits in a row, `run` stops everything and returns that child's
    name."""

    commands: Mapping[str, Sequence[str]]
    say: Callable[[str], None]
    quick_seconds: float = 10.0
    backoff_seconds: float = 1.0
    max_backoff_seconds: float = 30.0
    give_up_after: int = 5
    poll_seconds: float = 0.5
    children: list[Child] = field(init=False)
    stopping: threading.Event = field(init=False, default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.children = [Child(name, command) for name, command in self.commands.items()]

    def start(self) -> None:
        for child in self.children:
            self._start(child)

    def run(self) -> str | None:
        """Watches the children until one gives up (its name is returned) or `stopping` is set
        (None). The caller stops the children either way."""
        while not self.stopping.is_set():
            now = time.monotonic()
            for child in self.children:
                if child.restart_at is not None:
                    if now >= child.restart_at:
                        self._start(child)
                    continue
                assert child.process is not None
                code = child.process.poll()
                if code is None:
                    continue
                ran = now - child.started_at
                child.quick_exits = child.quick_exits + 1 if ran < self.quick_seconds else 1
                if child.quick_exits >= self.give_up_after:
                    self.say(
                        f"{child.name} exited {child.quick_exits} times in a row within "
                        f"{self.quick_seconds:g} s of starting (last exit code {code}); "
                        "giving up and stopping everything"
                    )
                    return child.name
                pause = min(
                    self.backoff_seconds * 2 ** (child.quick_exits - 1), self.max_backoff_seconds
                )
                self.say(
                    f"{child.name} exited with code {code} after {ran:.0f} s; "
                    f"starting it again in {pause:g} s"
                )
                child.restart_at = now + pause
            self.stopping.wait(self.poll_seconds)
        return None

    def stop(self, timeout: float = 25.0) -> None:
        running = [c.process for c in self.children if c.process and c.process.poll() is None]
        for process in running:
            process.terminate()
        for process in running:
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()

    def _start(self, child: Child) -> None:
        child.process = subprocess.Popen(child.command)  # noqa: S603 (our own commands)
        child.started_at = time.monotonic()
        child.restart_at = None
