"""The report's downloads: the PDF, and the published cells as CSV, XLSX, JSON and SDMX-CSV
(the exports of `statistics.exports`, which write exactly what disclosure control let through).
The same for the page's links, the command line and the API."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from homeward.statistics.report import render
from homeward.statistics.report.build import Report


def _export(writer: str, report: Report) -> bytes:
    from homeward.statistics import exports  # type: ignore[attr-defined]

    return bytes(getattr(exports, writer)(report.published))


@dataclass(frozen=True)
class Format:
    label: str | Promise
    content_type: str
    extension: str
    write: Callable[[Report], bytes]


FORMATS: dict[str, Format] = {
    "pdf": Format(_("PDF report"), "application/pdf", "pdf", render.pdf),
    "csv": Format(_("CSV"), "text/csv; charset=utf-8", "csv", lambda r: _export("to_csv", r)),
    "xlsx": Format(
        _("Excel workbook (XLSX)"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
        lambda r: _export("to_xlsx", r),
    ),
    "json": Format(_("JSON"), "application/json", "json", lambda r: _export("to_json", r)),
    "sdmx-csv": Format(
        _("SDMX-CSV"),
        "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8",
        "sdmx.csv",
        lambda r: _export("to_sdmx_csv", r),
    ),
}


def filename(report: Report, fmt: str) -> str:
    whose = report.organisation.slug if report.organisation is not None else "network"
    return f"homeward-{whose}-{report.year}.{FORMATS[fmt].extension}"


def content(report: Report, fmt: str) -> bytes:
    return FORMATS[fmt].write(report)


def download(report: Report, fmt: str) -> HttpResponse:
    response = HttpResponse(content(report, fmt), content_type=FORMATS[fmt].content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename(report, fmt)}"'
    return response
