"""The OpenAPI document lists every answer: each operation's errors, in the error format."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db

METHODS = ("get", "post", "put", "patch", "delete")


def _document() -> dict[str, Any]:
    document: dict[str, Any] = Client().get("/api/v1/openapi.json").json()
    return document


def _operations(document: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (f"{method.upper()} {path}", operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def test_every_operation_documents_its_errors_in_the_error_format() -> None:
    document = _document()
    validate(document)
    error = {"$ref": "#/components/schemas/ErrorOut"}
    assert document["components"]["schemas"]["ErrorOut"]["required"] == ["code", "message"]
    missing = []
    for name, operation in _operations(document):
        responses = operation["responses"]
        expected = {"429", "503"}
        if operation.get("security"):
            expected |= {"401", "403"}
        if any(p["in"] == "path" for p in operation.get("parameters", [])):
            expected |= {"404", "422"}
        if "requestBody" in operation:
            expected |= {"400", "422"}
        for status in sorted(expected):
            answer = responses.get(status)
            if answer is None or answer["content"]["application/json"]["schema"] != error:
                missing.append(f"{name} {status}")
    assert not missing, missing


def test_a_public_operation_documents_no_authentication_errors() -> None:
    operation = _document()["paths"]["/api/v1/hotlines"]["get"]
    assert {"422", "429", "503"} <= set(operation["responses"])
    assert not {"401", "403"} & set(operation["responses"])


def test_a_documented_error_is_what_the_api_answers(cast: Any) -> None:
    client = Client()
    client.force_login(cast.user("be_operator"))
    response = client.get("/api/v1/cases/999999")
    assert response.status_code == 404
    assert set(response.json()) == {"code", "message", "errors"}


def test_an_operation_with_a_query_documents_the_web_servers_414() -> None:
    responses = _document()["paths"]["/api/v1/search/likely-existing"]["get"]["responses"]
    assert "414" in responses and "content" not in responses["414"]
