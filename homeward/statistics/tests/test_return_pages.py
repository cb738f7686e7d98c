"""The annual-return pages: a hotline's list and review page (upload with its errors shown,
submit, withdraw, the files), and the network office's years, which show status and never a
hotline's figures."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from homeward.statistics.access import figures_of
from homeward.statistics.catalogue import CATALOGUE
from homeward.statistics.models import AnnualReturn, ReportingYear, ReturnValue
from homeward.statistics.returns.template import template_file
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

RETURN = f"/statistics/returns/{PAST_YEAR}/"
YEAR = f"/statistics/years/{PAST_YEAR}/"


def _upload(client, name: str, content: bytes):
    return client.post(f"{RETURN}upload/", {"file": SimpleUploadedFile(name, content)})


def test_the_list_shows_each_open_year_with_the_hotlines_return(cast: Cast) -> None:
    open_year(cast, 2024)
    submitted_return(cast)
    page = cast.client("be_operator").get("/statistics/returns/").content.decode()
    assert f'href="{RETURN}"' in page and 'href="/statistics/returns/2024/"' in page
    assert "Submitted" in page and "Not started" in page


def test_an_upload_with_errors_lists_each_cell_and_stores_nothing(cast: Cast) -> None:
    open_year(cast)
    rows = list(csv.DictReader(io.StringIO(filled_csv(consistent_figures()).decode())))
    rows[30]["value"] = "n/a"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    response = _upload(cast.client("be_supervisor"), "return.csv", out.getvalue().encode())
    page = response.content.decode()
    assert response.status_code == 200
    assert "The file has errors: nothing was stored." in page
    assert "row 32, column value" in page and "<code>n/a</code>" in page
    assert not AnnualReturn.objects.exists() and not ReturnValue.objects.exists()


def test_a_good_upload_becomes_the_draft_shown_as_tables_then_is_submitted(cast: Cast) -> None:
    open_year(cast)
    client = cast.client("be_supervisor")
    figures = consistent_figures(seed=8)
    response = _upload(client, "return.csv", filled_csv(figures))
    assert response.status_code == 302 and response["Location"] == RETURN
    page = client.get(RETURN).content.decode()
    assert "Uploaded from another system" in page and "return.csv" in page
    for indicator in CATALOGUE:
        assert f'id="ind-{indicator.code}"' in page
    total = int(figures.get("CONTACTS_CHANNEL", ("_T",)) or 0)
    assert f"{total:,}".replace(",", "\u202f") in page
    response = client.post(f"{RETURN}submit/", {"note": "Checked twice"})
    assert response.status_code == 302
    item = AnnualReturn.objects.get()
    assert (item.state, item.note) == (AnnualReturn.State.SUBMITTED, "Checked twice")
    page = client.get(RETURN).content.decode()
    assert f'action="{RETURN}withdraw/"' in page and f'action="{RETURN}upload/"' not in page
    client.post(f"{RETURN}withdraw/")
    assert AnnualReturn.objects.get().state == AnnualReturn.State.DRAFT


def test_an_operator_reads_the_return_but_has_no_buttons(cast: Cast) -> None:
    uploaded_return(cast)
    page = cast.client("be_operator").get(RETURN).content.decode()
    assert 'id="ind-CASES_NEW"' in page
    assert "/prepare/" not in page and "/upload/" not in page and "/submit/" not in page


def test_the_templates_and_the_filled_return_download(cast: Cast) -> None:
    stored = uploaded_return(cast, seed=12)
    client = cast.client("be_operator")
    response = client.get(f"{RETURN}template.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="homeward-return-template-be-2025.xlsx"' in response["Content-Disposition"]
    response = client.get(f"{RETURN}return.csv")
    expected, _type, _name = template_file(
        "csv", year=PAST_YEAR, organisation="", code="BE", figures=figures_of(stored)
    )
    assert response.content == expected
    assert client.get(f"{RETURN}template.pdf").status_code == 404
    assert cast.client("fr_operator").get(f"{RETURN}return.csv").status_code == 404


def test_a_year_not_opened_has_no_page(cast: Cast) -> None:
    assert cast.client("be_supervisor").get("/statistics/returns/2019/").status_code == 404


def test_the_network_office_sees_status_and_no_figures(cast: Cast) -> None:
    submitted_return(cast)
    page = cast.client("coordinator").get(YEAR).content.decode()
    assert "Test Hotline Belgium" in page and "Test Hotline France" in page
    assert "Submitted" in page and "Not started" in page
    assert not any(indicator.code in page for indicator in CATALOGUE)
    assert "/statistics/returns/" not in page  # no way into a hotline's return either


def test_the_network_office_opens_reminds_locks_unlocks_and_reopens(cast: Cast) -> None:
    client = cast.client("coordinator")
    response = client.post("/statistics/years/", {"year": "2025", "due_on": "2026-04-30"})
    assert response.status_code == 302 and response["Location"] == YEAR
    submitted_return(cast)
    client.post(f"{YEAR}remind/")
    assert "Last reminded" in client.get(YEAR).content.decode()
    client.post(f"{YEAR}hotlines/{cast.be.pk}/reopen/", {"reason": "Ages look off"})
    assert AnnualReturn.objects.get(organisation=cast.be).state == AnnualReturn.State.DRAFT
    client.post(f"{YEAR}lock/")
    assert ReportingYear.objects.get(year=PAST_YEAR).is_locked
    page = client.post(f"{YEAR}unlock/", {"reason": ""}).content.decode()
    assert "This field is required." in page and ReportingYear.objects.get().is_locked
    client.post(f"{YEAR}unlock/", {"reason": "A late correction"})
    assert not ReportingYear.objects.get().is_locked


def test_the_years_link_to_the_network_report_once_a_return_is_in(cast: Cast) -> None:
    open_year(cast)
    client = cast.client("coordinator")
    report = f'href="/statistics/network/{PAST_YEAR}/"'
    assert report not in client.get("/statistics/years/").content.decode()
    submitted_return(cast)
    assert report in client.get("/statistics/years/").content.decode()


def test_opening_a_year_twice_shows_the_error_on_the_form(cast: Cast) -> None:
    open_year(cast)
    page = (
        cast.client("coordinator")
        .post("/statistics/years/", {"year": "2025", "due_on": "2026-04-30"})
        .content.decode()
    )
    assert "2025 is already open." in page
