"""The authorisation matrix for the mediators' rows alone (the full matrix runs them too)."""

from __future__ import annotations

from homeward.testing.cast import Cast
from homeward.testing.endpoints_mediators import (
    MEDIATORS_API_ENDPOINTS,
    MEDIATORS_HTML_ENDPOINTS,
)
from homeward.testing.matrix import failures, run_matrix


def test_mediator_endpoints_answer_as_the_permission_table_says(cast: Cast) -> None:
    problems = failures(run_matrix(MEDIATORS_HTML_ENDPOINTS + MEDIATORS_API_ENDPOINTS, cast))
    assert not problems, "\n".join(problems)
