"""The report's downloads: the PDF, and the published cells as CSV, XLSX, JSON and SDMX-CSV
(`statistics.exports`, which write exactly what disclosure control let through). The same for
the page's links, the command line and the API."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from homeward.statistics import exports
from homeward.statistics.report import render
from homeward.statistics.report.build import Report


@dataclass(frozen=True)
class Format:
    label: str | Promise
    media_type: str


FORMATS: dict[str, Format] = {
    "pdf": Format(_("PDF report"), "application/pdf"),
    "csv": Format(_("CSV"), exports.FORMATS["csv"].media_type),
    "xlsx": Format(_("Excel workbook (XLSX)"), exports.FORMATS["xlsx"].media_type),
    "json": Format(_("JSON"), exports.FORMATS["json"].media_type),
    "sdmx-csv": Format(_("SDMX-CSV"), exports.FORMATS["sdmx-csv"].media_type),
}


def _scope(report: Report) -> str:
    return report.organisation.slug if report.organisation is not None else "network"


def filename(report: Report, fmt: str) -> str:
    if fmt == "pdf":
        return f"homeward-{_scope(report)}-{report.year}.pdf"
    return exports.filename(report.published, fmt, scope=_scope(report))


def content(report: Report, fmt: str) -> bytes:
    if fmt == "pdf":
        return render.pdf(report)
    return exports.export(report.published, fmt)


def download(report: Report, fmt: str) -> HttpResponse:
    response = HttpResponse(content(report, fmt), content_type=FORMATS[fmt].media_type)
    response["Content-Disposition"] = f'attachment; filename="{filename(report, fmt)}"'
    return response
