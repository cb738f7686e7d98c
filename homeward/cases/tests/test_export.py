"""Exporting the organisation's own cases: who may, what the file holds (never medical fields or
photos), the formats, the filters and the audit event. Only synthetic data."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook  # type: ignore[import-untyped]

from homeward.audit.models import AuditEvent
from homeward.cases import actions
from homeward.cases.models import Case
from homeward.cases.transfer.exporting import NEVER_EXPORTED, TABLE_COLUMNS
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db

EXPORT = "/cases/transfer/export/"
MEDICAL_NOTE = "Synthetic medical note: needs an inhaler"


@pytest.fixture
def cases(cast: Cast) -> dict[str, Case]:
    """Two BE cases (one with a medical note, one with siblings) and one FR case."""
    supervisor = cast.member("be_supervisor")
    be_runaway = make_case(
        cast, summary='=HYPERLINK("http://example.invalid")', police_reference="PV-SYN-1"
    )
    child = be_runaway.case_children.get().child
    actions.update_child(
        membership=supervisor, child=child,
        changes={"medical_notes": MEDICAL_NOTE, "vulnerabilities": ["asthma"]},
    )  # fmt: skip
    be_abduction = make_case(
        cast,
        category="parental_abduction",
        subcategory="international",
        reported_at=timezone.now() - timedelta(days=400),
        children=[
            {"given_names": "Sara", "family_name": "Voorbeeld", "sex": "female",
             "birth_precision": "exact", "birth_date": date(2019, 5, 2)},
            {"given_names": "Tom", "family_name": "Voorbeeld", "sex": "male",
             "birth_precision": "year", "birth_year": 2021, "other_names": ["Tommy"]},
        ],
    )  # fmt: skip
    fr_case = make_case(cast, cast.fr, summary="A French synthetic case.")
    return {"be_runaway": be_runaway, "be_abduction": be_abduction, "fr": fr_case}


def _export(client: Client, **data: str):
    return client.post(EXPORT, {"file_format": "csv", **data})


def test_roles_without_the_export_permission_get_403(cast: Cast, cases) -> None:
    for name in ("be_operator", "be_admin"):
        client = cast.client(name)
        assert client.get(EXPORT).status_code == 403
        assert _export(client).status_code == 403
    assert not AuditEvent.objects.filter(action="cases.export").exists()


def test_the_export_page_explains_what_is_exported(cast: Cast) -> None:
    page = cast.client("be_supervisor").get(EXPORT).content.decode()
    assert "never exported" in page and "<code>child_given_names</code>" in page


def test_a_csv_export_holds_own_cases_only_and_no_medical_fields(cast: Cast, cases) -> None:
    response = _export(cast.client("be_supervisor"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="test-be-cases-')
    assert response["Cache-Control"] == "no-store, private"
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(TABLE_COLUMNS)
    assert not NEVER_EXPORTED & set(rows[0])
    assert MEDICAL_NOTE not in text and "asthma" not in text
    references = {row["reference"] for row in rows}
    assert references == {cases["be_runaway"].reference, cases["be_abduction"].reference}
    assert cases["fr"].reference not in text and "French" not in text
    # one row per child: the siblings share their case's columns
    siblings = [row for row in rows if row["reference"] == cases["be_abduction"].reference]
    assert [
        (r["child_given_names"], r["child_birth_date"], r["child_birth_year"]) for r in siblings
    ] == [
        ("Sara", "2019-05-02", ""),
        ("Tom", "", "2021"),
    ]
    assert siblings[1]["child_other_names"] == "Tommy"
    # a formula is neutralised
    runaway = next(r for r in rows if r["reference"] == cases["be_runaway"].reference)
    assert runaway["summary"].startswith("'=HYPERLINK")

    event = AuditEvent.objects.get(action="cases.export")
    assert event.actor_id == cast.user("be_supervisor").pk
    assert event.organisation_id == cast.be.pk
    assert "reference" in event.fields and "child_given_names" in event.fields
    assert not NEVER_EXPORTED & set(event.fields)


def test_the_json_export_parses(cast: Cast, cases) -> None:
    response = _export(cast.client("be_dpo"), file_format="json")
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["organisation"] == "test-be" and data["count"] == 2
    by_reference = {case["reference"]: case for case in data["cases"]}
    abduction = by_reference[cases["be_abduction"].reference]
    assert [c["given_names"] for c in abduction["children"]] == ["Sara", "Tom"]
    assert abduction["category"] == "parental_abduction"
    assert datetime.fromisoformat(abduction["reported_at"]).utcoffset() is not None
    assert MEDICAL_NOTE not in response.content.decode()
    assert not any(
        NEVER_EXPORTED & set(child) for case in data["cases"] for child in case["children"]
    )


def test_the_xlsx_export_opens_with_openpyxl(cast: Cast, cases) -> None:
    response = _export(cast.client("be_supervisor"), file_format="xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(TABLE_COLUMNS)
    assert len(rows) == 1 + 3  # a runaway child and two siblings
    summary = TABLE_COLUMNS.index("summary")
    formula_cell = next(
        cell
        for row in sheet.iter_rows(min_row=2)
        for cell in row
        if cell.column == summary + 1 and str(cell.value).startswith("=")
    )
    assert formula_cell.data_type == "s"  # stored as text, never run as a formula
    assert MEDICAL_NOTE not in {str(v) for row in rows for v in row}


def test_filters_narrow_the_export(cast: Cast, cases) -> None:
    client = cast.client("be_supervisor")
    by_category = json.loads(_export(client, file_format="json", category="runaway").content)
    assert [c["reference"] for c in by_category["cases"]] == [cases["be_runaway"].reference]
    zone = ZoneInfo("Europe/Brussels")
    cutoff = (timezone.now() - timedelta(days=30)).astimezone(zone).date()
    recent = json.loads(
        _export(client, file_format="json", reported_from=cutoff.isoformat()).content
    )
    assert [c["reference"] for c in recent["cases"]] == [cases["be_runaway"].reference]
    older = json.loads(_export(client, file_format="json", reported_to=cutoff.isoformat()).content)
    assert [c["reference"] for c in older["cases"]] == [cases["be_abduction"].reference]
    closed = json.loads(_export(client, file_format="json", status="closed").content)
    assert closed["cases"] == []
    backwards = _export(client, reported_from="2024-02-01", reported_to="2024-01-01")
    assert backwards.status_code == 200 and "before the start" in backwards.content.decode()
    assert AuditEvent.objects.filter(action="cases.export").count() == 4
