"""The API against its own OpenAPI document: schemathesis generates requests from the document
for every operation, as each of three roles, and checks every answer (`--checks all`): no
server error, each status and body as documented, invalid input refused, valid input accepted
(or refused by a rule the document cannot state: a 422, see schemathesis.toml)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import Case
from schemathesis.config import SchemathesisConfig

from homeward.api.api import api
from homeward.organisations import actions
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

ROOT = Path(__file__).resolve().parents[3]
ROLES = ["be_operator", "be_supervisor", "be_admin"]
EXAMPLES_PER_OPERATION = 8


@pytest.fixture
def bearer(cast: Cast) -> dict[str, dict[str, str]]:
    """Each role's Authorization header; and a case, so that id 1 exists."""
    make_case(cast)
    headers = {}
    for name in ROLES:
        member = cast.member(name)
        token = actions.create_api_token(membership=member, name="schemathesis", days=1)
        headers[name] = {"Authorization": f"Bearer {token.secret}"}
    return headers


schema = schemathesis.openapi.from_dict(
    api.get_openapi_schema(), config=SchemathesisConfig.from_path(ROOT / "schemathesis.toml")
)
schema.app = get_wsgi_application()  # requests go to Django in this process (as from_wsgi)


@pytest.fixture(autouse=True)
def _keep_the_tests_connection() -> Iterator[None]:
    """Django's WSGI handler closes the database connection around each request when it is
    not in autocommit, as a test's is (its transaction); on PostgreSQL every request after the
    first would then meet a closed connection. Django's test client does the same as this."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


FUZZ = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def _check(case: Case[Any], headers: dict[str, str]) -> None:
    cache.clear()  # the rate limit is tested elsewhere; here every request should be served
    case.call_and_validate(headers=headers)


@schema.parametrize()
@FUZZ
def test_the_api_keeps_to_its_document_for_an_operator(
    case: Case[Any], bearer: dict[str, dict[str, str]]
) -> None:
    _check(case, bearer["be_operator"])


@schema.parametrize()
@FUZZ
def test_the_api_keeps_to_its_document_for_a_supervisor(
    case: Case[Any], bearer: dict[str, dict[str, str]]
) -> None:
    _check(case, bearer["be_supervisor"])


@schema.parametrize()
@FUZZ
def test_the_api_keeps_to_its_document_for_an_organisation_admin(
    case: Case[Any], bearer: dict[str, dict[str, str]]
) -> None:
    _check(case, bearer["be_admin"])
