"""The apps above cases (appeals, alerts) learn that a child was reported found in the reporting
action's own transaction: when the status becomes "found" or a closure with a found outcome is
requested, not hours later when a supervisor approves the closure."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import timezone

from homeward.cases import actions, closing
from homeward.cases.models import Case
from homeward.organisations.models import Membership
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast


@pytest.fixture
def found() -> Iterator[list[str]]:
    seen: list[str] = []

    def listener(*, membership: Membership, case: Case) -> None:
        seen.append(case.reference)

    closing.when_child_found(listener)
    yield seen
    closing._found_callbacks.remove(listener)


def test_the_status_found_tells_the_apps_above(cast: Cast, found: list[str]) -> None:
    case = make_case(cast)
    operator = cast.member("be_operator")
    actions.change_status(membership=operator, case=case, status="active_search")
    assert found == []
    actions.change_status(membership=operator, case=case, status="found")
    assert found == [case.reference]


def test_a_closure_with_a_found_outcome_tells_them_at_once(cast: Cast, found: list[str]) -> None:
    case = make_case(cast)
    actions.request_closure(
        membership=cast.member("be_operator"),
        case=case,
        outcome="found_safe",
        found_on=timezone.localdate(),
    )
    assert found == [case.reference]


def test_a_closure_still_missing_does_not(cast: Cast, found: list[str]) -> None:
    case = make_case(cast)
    actions.request_closure(
        membership=cast.member("be_operator"), case=case, outcome="still_missing"
    )
    assert found == []
