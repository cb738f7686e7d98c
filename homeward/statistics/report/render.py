"""The report as a page's context and as a PDF (WeasyPrint, from the same body template with
print CSS: cover, contents, headline figures, a section per family of indicators, per-country
tables on landscape pages, notes; the charts stay SVG, so the PDF holds vectors)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.statistics.report.build import Report
from homeward.statistics.report.illustrations import SUPPRESSED
from homeward.statistics.report.sections import sections, trend_rows

NOT_AVAILABLE = "–"


def title_of(report: Report) -> str:
    if report.organisation is not None:
        return _("%(name)s: figures for %(year)s") % {
            "name": report.organisation.name,
            "year": report.year,
        }
    return _("Missing children: figures and trends %(year)s") % {"year": report.year}


def context(report: Report) -> dict[str, Any]:
    return {
        "report": report,
        "year": report.year,
        "title": title_of(report),
        "sections": sections(report),
        "trend_rows": trend_rows(report),
        "symbol": SUPPRESSED,
        "not_available": NOT_AVAILABLE,
        "network_name": settings.HOMEWARD_NETWORK_NAME,
        "generated": timezone.localdate(),
    }


def pdf(report: Report) -> bytes:
    # WeasyPrint loads Pango through cffi at import: only when a PDF is asked for
    from weasyprint import HTML

    html = render_to_string("statistics/network_report_pdf.html", context(report))
    return bytes(HTML(string=html).write_pdf())
