"""What the cases API accepts is what the database can hold: `null` clears a field or is
refused, NUL characters and impossible dates are 422s naming the field, and medical details
need the medical permission at creation as at a change."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from pydantic import BaseModel

from homeward.cases import actions
from homeward.cases.models import Case, Child
from homeward.cases.schemas.cases import (
    CaseIn,
    CasePatchIn,
    MigrationSectionOut,
    ParentalAbductionSectionOut,
    SectionIn,
)
from homeward.cases.schemas.children import ChildIn, ChildPatchIn
from homeward.cases.tests.test_api_cases import Api
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db

NEW_CHILD = {"given_names": "Ines", "family_name": "Maes", "birth_precision": "year"}
NEW_CASE = {"category": "runaway", "children": [NEW_CHILD]}


def _api(cast: Cast, name: str = "be_supervisor") -> Api:
    client = Api(cast, name)
    client.client = Client(raise_request_exception=False)
    return client


def _fields(response: Any) -> dict[str, str]:
    assert response.status_code == 422, (response.status_code, response.content)
    return {e["field"]: e["message"] for e in response.json()["errors"]}


INPUTS: dict[str, type[BaseModel]] = {
    "ChildIn": ChildIn,
    "ChildPatchIn": ChildPatchIn,
    "CaseIn": CaseIn,
    "CasePatchIn": CasePatchIn,
    "SectionIn": SectionIn,
}


def _properties(schema: str) -> dict[str, Any]:
    properties: dict[str, Any] = INPUTS[schema].model_json_schema()["properties"]
    return properties


def _nullable(schema: str) -> list[str]:
    """The fields of an input schema that its JSON schema (as in the OpenAPI document) says
    accept null."""
    return sorted(
        name
        for name, prop in _properties(schema).items()
        if any(option.get("type") == "null" for option in prop.get("anyOf", []))
    )


def _not_nullable(schema: str) -> list[str]:
    return sorted(set(_properties(schema)) - set(_nullable(schema)))


def _case_for(cast: Cast, field: str) -> Case:
    """A case whose category has `field` in its own section (runaway otherwise)."""
    for section in (ParentalAbductionSectionOut, MigrationSectionOut):
        if field in section.model_fields:
            category = section.model_fields["kind"].default
            return make_case(cast, category=category, subcategory="")
    return make_case(cast)


PATCHES = {
    "ChildPatchIn": ("/children/{child}", "patch"),
    "CasePatchIn": ("/cases/{case}", "patch"),
    "SectionIn": ("/cases/{case}/section", "put"),
}


@pytest.mark.parametrize(
    ("schema", "field"),
    [(schema, field) for schema in PATCHES for field in _nullable(schema)],
)
def test_null_for_a_nullable_field_clears_it_and_is_never_an_error_of_ours(
    cast: Cast, schema: str, field: str
) -> None:
    case = _case_for(cast, field)
    child = case.case_children.get().child
    path, method = PATCHES[schema]
    url = path.format(case=case.pk, child=child.pk)
    response = getattr(_api(cast), method)(url, {field: None})
    assert response.status_code == 200, (field, response.content)
    if schema == "ChildPatchIn":
        assert getattr(Child.objects.get(pk=child.pk), field) in (None, "", [])
    elif schema == "CasePatchIn":
        assert getattr(Case.objects.get(pk=case.pk), field) in (None, "", [])


@pytest.mark.parametrize(
    ("schema", "field"),
    [(schema, field) for schema in PATCHES for field in _not_nullable(schema)],
)
def test_null_for_a_field_without_an_empty_value_is_a_422_naming_it(
    cast: Cast, schema: str, field: str
) -> None:
    case = _case_for(cast, field)
    child = case.case_children.get().child
    path, method = PATCHES[schema]
    url = path.format(case=case.pk, child=child.pk)
    assert field in _fields(getattr(_api(cast), method)(url, {field: None}))


def test_the_fields_the_testers_named_accept_null() -> None:
    assert {"living_situation", "languages", "nationalities", "physical_description"} <= set(
        _nullable("ChildIn")
    )
    assert "summary" in _nullable("CaseIn") and "summary" in _nullable("CasePatchIn")
    assert {"category", "is_cross_border", "sex", "birth_precision"}.isdisjoint(
        _nullable("CasePatchIn") + _nullable("ChildPatchIn")
    )


def test_null_fields_on_create_are_stored_empty(cast: Cast) -> None:
    client = _api(cast)
    nulls = {
        "living_situation": None,
        "languages": None,
        "nationalities": None,
        "physical_description": None,
    }
    response = client.post(
        "/cases", {**NEW_CASE, "summary": None, "children": [{**NEW_CHILD, **nulls}]}
    )
    assert response.status_code == 201, response.content
    case = Case.objects.get(pk=response.json()["id"])
    assert case.summary == ""
    child = case.case_children.get().child
    assert (child.living_situation, child.languages, child.nationalities) == ("", [], [])
    added = client.post(f"/cases/{case.pk}/children", {**NEW_CHILD, **nulls, "clothing": None})
    assert added.status_code == 201, added.content


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/children/{child}", {"living_situation": "a\x00b"}, "living_situation"),
        ("/children/{child}", {"vulnerabilities": ["x\x00"]}, "vulnerabilities.0"),
        ("/cases/{case}", {"summary": "\x00"}, "summary"),
        ("/cases/{case}", {"hague_file": "H" * 65}, "hague_file"),
        ("/cases/{case}", {"reporter_phone": "0" * 41}, "reporter_phone"),
    ],
)
def test_nul_characters_and_overlong_text_are_422s_naming_the_field(
    cast: Cast, path: str, body: dict[str, Any], field: str
) -> None:
    case = make_case(cast)
    child = case.case_children.get().child
    url = path.format(case=case.pk, child=child.pk)
    assert field in _fields(_api(cast).patch(url, body))


def test_nul_in_a_new_record_or_a_query_is_a_422(cast: Cast) -> None:
    client = _api(cast)
    assert "summary" in _fields(client.post("/cases", {**NEW_CASE, "summary": "a\x00"}))
    assert "notes" in _fields(
        client.post(
            "/contacts",
            {
                "channel": "phone",
                "caller": "parent",
                "contact_type": "information",
                "notes": "\x00",
            },
        )
    )
    assert "q" in _fields(client.get("/search/children?q=a%00b"))
    assert "q" in _fields(client.get("/cases?q=a%00b"))


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"birth_precision": "exact", "birth_date": "2499-01-01"}, "birth_date"),
        ({"birth_precision": "exact", "birth_date": "1850-01-01"}, "birth_date"),
        ({"birth_precision": "year", "birth_year": 2099}, "birth_year"),
        (
            {"birth_precision": "estimated", "estimated_age": 9, "age_estimated_on": "2499-01-01"},
            "age_estimated_on",
        ),
    ],
)
def test_a_date_of_birth_in_the_future_or_absurdly_old_is_a_422(
    cast: Cast, body: dict[str, Any], field: str
) -> None:
    case = make_case(cast)
    child = case.case_children.get().child
    client = _api(cast)
    assert field in _fields(client.patch(f"/children/{child.pk}", body))
    assert field in _fields(client.post(f"/cases/{case.pk}/children", {**NEW_CHILD, **body}))
    page = client.get(f"/children/{child.pk}").json()
    assert page["age"] is None or page["age"] >= 0


MEDICAL = {"medical_notes": "asthma, inhaler", "vulnerabilities": ["diabetes"]}


@pytest.mark.parametrize("field", sorted(MEDICAL))
def test_an_operator_cannot_write_medical_details_when_creating(cast: Cast, field: str) -> None:
    case = make_case(cast)
    client = _api(cast, "be_operator")
    medical = {field: MEDICAL[field]}
    before = Child.objects.count()
    added = client.post(f"/cases/{case.pk}/children", {**NEW_CHILD, **medical})
    assert added.status_code == 403, added.content
    opened = client.post("/cases", {**NEW_CASE, "children": [{**NEW_CHILD, **medical}]})
    assert opened.status_code == 403, opened.content
    assert Child.objects.count() == before and Case.objects.count() == 1
    with pytest.raises(PermissionDenied):
        actions.add_child_to_case(
            membership=cast.member("be_operator"),
            case=case,
            data={**NEW_CHILD, **medical},
        )


def test_an_operator_may_still_create_without_medical_details(cast: Cast) -> None:
    client = _api(cast, "be_operator")
    empty = {"medical_notes": "", "vulnerabilities": []}
    assert (
        client.post("/cases", {**NEW_CASE, "children": [{**NEW_CHILD, **empty}]}).status_code == 201
    )


def test_a_supervisor_writes_medical_details_when_creating(cast: Cast) -> None:
    response = _api(cast).post("/cases", {**NEW_CASE, "children": [{**NEW_CHILD, **MEDICAL}]})
    assert response.status_code == 201, response.content
    child = Case.objects.get(pk=response.json()["id"]).case_children.get().child
    assert (child.medical_notes, child.vulnerabilities) == ("asthma, inhaler", ["diabetes"])


INTAKE = {
    "category": "runaway",
    "child0-given_names": "Ines",
    "child0-birth_precision": "year",
    "child0-sex": "female",
    "child0-medical_notes": "asthma, inhaler",
    "child0-vulnerabilities": "diabetes; epilepsy",
    "child1-birth_precision": "exact",
    "child1-sex": "unknown",
    "child2-birth_precision": "exact",
    "child2-sex": "unknown",
}


def test_the_intake_form_takes_medical_details_from_a_supervisor_only(cast: Cast) -> None:
    operator = cast.client("be_operator")
    assert "child0-medical_notes" not in operator.get("/cases/new/").content.decode()
    assert operator.post("/cases/new/", INTAKE).status_code == 302
    child = Child.objects.get(given_names="Ines")
    assert (child.medical_notes, child.vulnerabilities) == ("", [])

    supervisor = cast.client("be_supervisor")
    assert "child0-medical_notes" in supervisor.get("/cases/new/").content.decode()
    assert (
        supervisor.post("/cases/new/", {**INTAKE, "child0-given_names": "Lina"}).status_code == 302
    )
    child = Child.objects.get(given_names="Lina")
    assert child.medical_notes == "asthma, inhaler"
    assert child.vulnerabilities == ["diabetes", "epilepsy"]

    case = make_case(cast)
    added = {k: v for k, v in INTAKE.items() if k.startswith("child0")}
    operator.post(f"/cases/{case.pk}/children/add/", {**added, "child0-given_names": "Mira"})
    assert Child.objects.get(given_names="Mira").medical_notes == ""
    supervisor.post(f"/cases/{case.pk}/children/add/", {**added, "child0-given_names": "Nora"})
    assert Child.objects.get(given_names="Nora").medical_notes == "asthma, inhaler"
