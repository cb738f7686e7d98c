"""Annual returns through the API: the same workflow as the pages, an upload's errors named by
cell in the one error format, and the network office's status without any hotline's cells."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from homeward.statistics.models import AnnualReturn, ReportingYear
from homeward.testing.annual_returns import (
    PAST_YEAR,
    consistent_figures,
    filled_csv,
    open_year,
    submitted_return,
    uploaded_return,
)
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db

API = "/api/v1/statistics"


def _upload(client, content: bytes, name: str = "return.csv"):
    return client.post(
        f"{API}/years/{PAST_YEAR}/return/upload", {"file": SimpleUploadedFile(name, content)}
    )


def test_upload_then_read_submit_and_withdraw(cast: Cast) -> None:
    open_year(cast)
    client = cast.client("be_supervisor")
    figures = consistent_figures(seed=31)
    response = _upload(client, filled_csv(figures))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "draft" and body["source"] == "uploaded"
    cells = {(c["indicator"], tuple(c["breakdown"])): c["value"] for c in body["cells"]}
    assert cells[("CHILDREN_SEX", ("_T", "female"))] == figures.get(
        "CHILDREN_SEX", ("_T", "female")
    )
    assert cells[("REQUESTS_ACK_MEDIAN", ())] == 5.5
    assert len(cells) == sum(1 for _ in figures)

    listed = client.get(f"{API}/returns").json()
    assert [(r["id"], r["year"]) for r in listed["items"]] == [(body["id"], PAST_YEAR)]
    response = client.post(
        f"{API}/returns/{body['id']}/submit", {"note": "Final"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["state"] == "submitted"
    response = client.post(f"{API}/returns/{body['id']}/withdraw")
    assert response.status_code == 200 and response.json()["state"] == "draft"


def test_a_malformed_upload_is_a_422_naming_each_cell(cast: Cast) -> None:
    open_year(cast)
    rows = list(csv.DictReader(io.StringIO(filled_csv(consistent_figures()).decode())))
    rows[40]["value"] = "-1"
    rows[41]["indicator"] = "NOT_AN_INDICATOR"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    response = _upload(cast.client("be_supervisor"), out.getvalue().encode())
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert errors["row 42, column value"] == "A count cannot be negative."
    assert errors["row 43, column indicator"].startswith("No indicator has this code")
    assert not AnnualReturn.objects.exists()


def test_an_upload_without_a_file_names_the_field(cast: Cast) -> None:
    open_year(cast)
    response = cast.client("be_supervisor").post(
        f"{API}/years/{PAST_YEAR}/return/upload", {}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "file"


def test_prepare_from_homeward_data(cast: Cast) -> None:
    open_year(cast)
    response = cast.client("be_admin").post(f"{API}/years/{PAST_YEAR}/return/prepare")
    assert response.status_code == 200
    assert response.json()["source"] == "computed"


def test_another_hotlines_return_is_not_found(cast: Cast) -> None:
    theirs = uploaded_return(cast, "fr_supervisor")
    client = cast.client("be_supervisor")
    assert client.get(f"{API}/returns/{theirs.pk}").status_code == 404
    assert (
        client.post(f"{API}/returns/{theirs.pk}/submit", {}, "application/json").status_code == 404
    )
    assert AnnualReturn.objects.get().state == AnnualReturn.State.DRAFT


def test_the_network_office_runs_the_year_and_sees_no_cells(cast: Cast) -> None:
    client = cast.client("coordinator")
    response = client.post(
        f"{API}/years", {"year": PAST_YEAR, "due_on": "2026-03-31"}, "application/json"
    )
    assert response.status_code == 201 and response.json()["due_on"] == "2026-03-31"
    submitted_return(cast)
    status = client.get(f"{API}/years/{PAST_YEAR}/status").json()
    states = {row["hotline"]["country"]: row["state"] for row in status["hotlines"]}
    assert states == {"BE": "submitted", "FR": "not_started"}
    assert "cells" not in str(status) and "CASES_NEW" not in str(status)

    reminded = client.post(f"{API}/years/{PAST_YEAR}/remind").json()
    assert [h["country"] for h in reminded["reminded"]] == ["FR"]
    response = client.post(
        f"{API}/years/{PAST_YEAR}/hotlines/{cast.be.pk}/reopen",
        {"reason": "Check the ages"},
        "application/json",
    )
    assert response.status_code == 200 and response.json()["state"] == "draft"
    assert client.post(f"{API}/years/{PAST_YEAR}/lock").json()["locked_at"]
    response = client.post(f"{API}/years/{PAST_YEAR}/unlock", {"reason": ""}, "application/json")
    assert response.status_code == 422 and ReportingYear.objects.get().is_locked
    response = client.post(
        f"{API}/years/{PAST_YEAR}/unlock", {"reason": "Late"}, "application/json"
    )
    assert response.status_code == 200 and response.json()["unlock_reason"] == "Late"
    assert client.get(f"{API}/years").json()[0]["year"] == PAST_YEAR


def test_a_hotline_cannot_lock_and_the_coordinator_cannot_submit(cast: Cast) -> None:
    draft = uploaded_return(cast)
    assert cast.client("be_admin").post(f"{API}/years/{PAST_YEAR}/lock").status_code == 403
    coordinator = cast.client("coordinator")
    assert (
        coordinator.post(f"{API}/returns/{draft.pk}/submit", {}, "application/json").status_code
        == 403
    )
    assert coordinator.post(f"{API}/years/{PAST_YEAR}/return/prepare").status_code == 403
    assert not ReportingYear.objects.get().is_locked
    assert AnnualReturn.objects.get().state == AnnualReturn.State.DRAFT
