"""The directories' rows of the authorisation matrix, run on their own (the whole matrix runs
in config/tests/test_authorisation_matrix.py)."""

from __future__ import annotations

from homeward.testing.cast import Cast
from homeward.testing.endpoints_directories import (
    DIRECTORIES_API_ENDPOINTS,
    DIRECTORIES_HTML_ENDPOINTS,
)
from homeward.testing.matrix import failures, run_matrix


def test_directory_pages_answer_as_the_permission_table_says(cast: Cast) -> None:
    assert failures(run_matrix(DIRECTORIES_HTML_ENDPOINTS, cast)) == []


def test_directory_api_answers_as_the_permission_table_says(cast: Cast) -> None:
    assert failures(run_matrix(DIRECTORIES_API_ENDPOINTS, cast)) == []
