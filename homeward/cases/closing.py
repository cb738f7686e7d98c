"""What the apps above `cases` do when a case closes, or when its child is reported found, in
that action's own transaction.

`cases` may not import those apps (they depend on it). Each registers a callback when it loads
(its AppConfig.ready); the closure calls every one before it commits, so what they write is
part of the closure, and a failure in any of them undoes the closure too."""

from __future__ import annotations

from typing import Protocol

from homeward.cases.models import Case
from homeward.organisations.models import Membership


class WhenCaseCloses(Protocol):
    def __call__(self, *, membership: Membership, case: Case) -> None: ...


_callbacks: list[WhenCaseCloses] = []


def when_case_closes(callback: WhenCaseCloses) -> None:
    """Registers `callback` once (an app's `ready` may run more than once in tests)."""
    if callback not in _callbacks:
        _callbacks.append(callback)


def case_closed(*, membership: Membership, case: Case) -> None:
    """Within the closure's transaction: every registered app acts on the closed case."""
    for callback in _callbacks:
        callback(membership=membership, case=case)


_found_callbacks: list[WhenCaseCloses] = []


def when_child_found(callback: WhenCaseCloses) -> None:
    """Registers `callback` for the moment a case's child is reported found: its status becomes
    "found", or a closure with a found outcome is requested (publicity must stop then, not when a
    supervisor approves the closure hours later). A closure approved calls `case_closed` too."""
    if callback not in _found_callbacks:
        _found_callbacks.append(callback)


def child_found(*, membership: Membership, case: Case) -> None:
    """Within the reporting action's transaction: every registered app acts on it."""
    for callback in _found_callbacks:
        callback(membership=membership, case=case)
