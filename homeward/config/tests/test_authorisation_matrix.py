"""Every endpoint × every role × (own organisation / another organisation / anonymous)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

from homeward.api.api import api
from homeward.testing.cast import Cast
from homeward.testing.endpoints import ALL_ENDPOINTS, API_ENDPOINTS, HTML_ENDPOINTS, PUBLIC_ROUTES
from homeward.testing.matrix import failures, run_matrix


def _homeward_url_names(patterns: list[URLPattern | URLResolver] | None = None) -> set[str]:
    names: set[str] = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            names |= _homeward_url_names(pattern.url_patterns)
        elif pattern.name and pattern.callback.__module__.startswith("homeward."):
            names.add(pattern.name)
    return names


def _api_operations() -> set[str]:
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return {
        f"{method.upper()} {path.rstrip('/')}"
        for path, operations in schema["paths"].items()
        for method in operations
    }


def test_every_html_route_is_in_the_matrix_or_public() -> None:
    covered = {e.name for e in HTML_ENDPOINTS} | PUBLIC_ROUTES
    missing = _homeward_url_names() - covered
    assert not missing, f"add these routes to homeward/testing/endpoints.py: {sorted(missing)}"


def test_every_api_operation_is_in_the_matrix_or_public() -> None:
    covered = {e.name for e in API_ENDPOINTS} | PUBLIC_ROUTES
    missing = _api_operations() - covered
    assert not missing, f"add these operations to homeward/testing/endpoints.py: {sorted(missing)}"


def test_the_matrix_lists_no_route_that_does_not_exist() -> None:
    known = _homeward_url_names() | _api_operations()
    assert {e.name for e in ALL_ENDPOINTS} <= known


def test_html_endpoints_answer_as_the_permission_table_says(cast: Cast) -> None:
    problems = failures(run_matrix(HTML_ENDPOINTS, cast))
    assert not problems, "\n".join(problems)


def test_api_endpoints_answer_as_the_permission_table_says(cast: Cast) -> None:
    problems = failures(run_matrix(API_ENDPOINTS, cast))
    assert not problems, "\n".join(problems)
