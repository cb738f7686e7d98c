"""The network report as the network office gets it: the page, the PDF (its pages, headings and
vector charts), the command line with every format and its errors, the API; and that nothing
of a child reaches any of them."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook  # type: ignore[import-untyped]

from homeward.cases.models import Case
from homeward.statistics.actions import returns as return_actions
from homeward.statistics.actions import years as year_actions
from homeward.statistics.report import network_report, render
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast
from homeward.testing.statistics import store_return, synthetic_year

pytestmark = pytest.mark.django_db

FORMATS = ("pdf", "csv", "xlsx", "json", "sdmx-csv")


@pytest.fixture
def returns(cast: Cast) -> None:
    store_return(cast.be, 2024, synthetic_year(24, 200))
    store_return(cast.be, 2025, synthetic_year(25, 240))
    store_return(cast.fr, 2025, synthetic_year(35, 400))


def test_the_coordinator_reads_the_report_page(cast: Cast, returns: None) -> None:
    page = cast.client("coordinator").get("/statistics/network/2025/")
    assert page.status_code == 200
    html = page.content.decode()
    report = page.context["report"]
    assert "2 of 2 hotlines reported for 2025." in html
    runaways = report.headline("share_runaway")
    assert (
        f'{runaways.display}</span> <span class="headline-label">of new cases were runaways' in html
    )
    new = report.view.value("CASES_NEW", "_T", ("_T",))
    assert new is not None
    assert f"{int(new):,}" in html  # PostgreSQL sums the decimal column as 640.0
    assert html.count('role="img"') >= 10  # the charts, inline SVG
    assert 'class="suppressed"' in html  # small counts are shown as the symbol
    for heading in (
        "Headline figures",
        "Contacts",
        "Cases",
        "Trends",
        "Tables by country",
        "Notes",
    ):
        assert f">{heading}</h2>" in html
    for fmt in FORMATS:
        assert f"/statistics/network/2025/download/{fmt}/" in html


def test_a_year_without_returns_says_so(cast: Cast, returns: None) -> None:
    page = cast.client("coordinator").get("/statistics/network/2019/")
    assert page.status_code == 200
    assert "No hotline has submitted its annual return for 2019 yet." in page.content.decode()
    download = cast.client("coordinator").get("/statistics/network/2019/download/pdf/")
    assert download.status_code == 404


def test_hotlines_see_no_network_report(cast: Cast, returns: None) -> None:
    for member in ("be_operator", "be_supervisor", "be_admin", "be_dpo"):
        assert cast.client(member).get("/statistics/network/2025/").status_code == 403


def test_one_hotlines_report_on_the_page(cast: Cast, returns: None) -> None:
    page = cast.client("coordinator").get(f"/statistics/network/2025/?organisation={cast.fr.slug}")
    assert page.status_code == 200
    assert page.context["report"].countries == ["FR"]
    assert "Tables by country" not in page.content.decode()
    missing = cast.client("coordinator").get("/statistics/network/2025/?organisation=nobody")
    assert missing.status_code == 404


def test_the_pdf_has_its_pages_headings_and_vector_charts(cast: Cast, returns: None) -> None:
    from django.template.loader import render_to_string
    from weasyprint import HTML

    report = network_report(2025)
    html = render_to_string("statistics/network_report_pdf.html", render.context(report))
    document = HTML(string=html).render()
    assert len(document.pages) >= 15
    headings = [
        label for _level, label, _target, _state in _bookmarks(document.make_bookmark_tree())
    ]
    for heading in (
        "Headline figures",
        "Contacts",
        "Cases",
        "The children",
        "Cross-border cases",
        "Outcomes",
        "Trends",
        "Tables by country",
        "Notes",
        "Disclosure control",
    ):
        assert heading in headings
    # the tables by country are on landscape pages
    sizes = {(round(page.width), round(page.height)) for page in document.pages}
    assert len(sizes) == 2
    pdf = cast.client("coordinator").get("/statistics/network/2025/download/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    content = pdf.content
    assert content.startswith(b"%PDF")
    assert b"/Subtype /Image" not in content  # charts as vectors, no picture in the file


def _bookmarks(tree: list) -> list:  # type: ignore[type-arg]
    flat = []
    for label, target, children, state in tree:
        flat.append((0, label, target, state))
        flat += _bookmarks(children)
    return flat


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_command_writes_every_format(
    cast: Cast, returns: None, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"report.{fmt}"
    stdout = io.StringIO()
    call_command(
        "stats", "annual", "--year", "2025", "--format", fmt, "--out", str(out), stdout=stdout
    )
    data = out.read_bytes()
    assert "2 hotlines reported" in stdout.getvalue()
    report = network_report(2025)
    total = report.view.value("CASES_NEW", "_T", ("_T",))
    assert total is not None
    if fmt == "pdf":
        assert data.startswith(b"%PDF")
    elif fmt == "xlsx":
        assert load_workbook(io.BytesIO(data)).sheetnames
    elif fmt == "json":
        document = json.loads(data)
        assert "CASES_NEW" in json.dumps(document)
    else:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        assert len(rows) > 100
        assert any(str(int(total)) in row for row in rows)


def test_the_command_for_one_hotline(cast: Cast, returns: None, tmp_path: Path) -> None:
    out = tmp_path / "fr.json"
    call_command(
        "stats", "annual", "--year", "2025", "--organisation", cast.fr.slug,
        "--format", "json", "--out", str(out), stdout=io.StringIO(),
    )  # fmt: skip
    document = json.loads(out.read_text())
    assert [c["code"] for c in document["countries"]] == ["FR"]
    cases = next(i for i in document["indicators"] if i["code"] == "CASES_NEW")
    assert {c["country"] for c in cases["cells"]} == {"FR", "_T"}


@pytest.mark.parametrize(
    "arguments, message",
    [
        (
            ["--year", "2025", "--organisation", "nobody"],
            "no organisation with the short name 'nobody'",
        ),
        (["--year", "2019"], "no hotline has submitted its annual return for 2019"),
        (["--year", "2025", "--organisation", "test-network"], "has not submitted"),
    ],
)
def test_the_command_says_what_is_wrong(
    cast: Cast, returns: None, tmp_path: Path, arguments: list[str], message: str
) -> None:
    out = tmp_path / "x.json"
    with pytest.raises(CommandError, match=message):
        call_command("stats", "annual", *arguments, "--format", "json", "--out", str(out))
    assert not out.exists()


def test_the_command_refuses_an_unknown_format(cast: Cast, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="invalid choice: 'docx'"):
        call_command(
            "stats", "annual", "--year", "2025", "--format", "docx", "--out", str(tmp_path / "x")
        )


def test_the_api_lists_every_published_cell_with_its_flag(cast: Cast, returns: None) -> None:
    client = cast.client("coordinator")
    answer = client.get("/api/v1/statistics/network/2025")
    assert answer.status_code == 200
    body = answer.json()
    assert body["year"] == 2025
    assert [c["code"] for c in body["countries"]] == ["BE", "FR"]
    assert body["hotlines_reported"] == 2
    report = network_report(2025)
    cells = {(i["code"], c["country"], c["key"]): c for i in body["indicators"] for c in i["cells"]}
    assert len(cells) == len(report.published.cells)
    for cell in report.published.cells:
        out = cells[(cell.indicator, cell.country, ".".join(cell.breakdown))]
        assert out["suppressed"] == cell.suppressed
        assert out["value"] == (None if cell.value is None else pytest.approx(float(cell.value)))
    assert any(c["suppressed"] and c["value"] is None for c in cells.values())
    headline = {h["key"]: h for h in body["headlines"]}
    assert headline["share_runaway"]["display"] == report.headline("share_runaway").display
    for fmt, media in (
        ("csv", "text/csv"),
        ("xlsx", "application/vnd.openxml"),
        ("sdmx-csv", "application/vnd.sdmx"),
        ("pdf", "application/pdf"),
    ):
        download = client.get(f"/api/v1/statistics/network/2025/{fmt}")
        assert download.status_code == 200, fmt
        assert download["Content-Type"].startswith(media)
    assert client.get("/api/v1/statistics/network/2019").status_code == 404
    assert client.get("/api/v1/statistics/network/2025?organisation=nobody").status_code == 404
    assert cast.client("be_admin").get("/api/v1/statistics/network/2025").status_code == 403


def test_nothing_of_a_child_reaches_the_network_office(cast: Cast) -> None:
    """A return computed from real cases: the child's names, the case's reference and the
    place never appear on the report's page, in its files or in the API."""
    case = make_case(
        cast,
        children=[{"given_names": "Zofia", "family_name": "Quennevilleova", "sex": "female",
                   "birth_precision": "exact", "birth_date": date(2010, 5, 2)}],
    )  # fmt: skip
    Case.objects.filter(pk=case.pk).update(
        reported_at=datetime(2025, 6, 1, 10, tzinfo=UTC), disappeared_on=date(2025, 5, 31)
    )
    year_actions.open_year(
        membership=cast.member("coordinator"), year=2025, due_on=date(2026, 3, 31)
    )
    supervisor = cast.member("be_supervisor")
    draft = return_actions.prepare_return(membership=supervisor, year=2025)
    return_actions.submit_return(membership=supervisor, annual_return=draft)
    client = cast.client("coordinator")
    answers = [
        client.get("/statistics/network/2025/"),
        client.get("/api/v1/statistics/network/2025"),
        client.get("/dashboard/"),
    ]
    answers += [
        client.get(f"/statistics/network/2025/download/{fmt}/") for fmt in FORMATS if fmt != "pdf"
    ]
    for answer in answers:
        assert answer.status_code == 200
        text = answer.content.decode("utf-8", errors="replace")
        for secret in ("Zofia", "Quennevilleova", case.reference, "2010-05-02"):
            assert secret not in text
    assert network_report(2025).raw.get("CASES_NEW", ("runaway",)) == 1
