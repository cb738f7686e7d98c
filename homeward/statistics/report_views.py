"""The network report's pages: the report of a year (the network's, or one hotline's with
`?organisation=<short name>`) and its downloads. For the network office
(view_network_statistics); every number on them has passed disclosure control."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from homeward.organisations.access import member_required
from homeward.organisations.roles import Permission
from homeward.statistics.report import NoReturns, Report, hotline_report, network_report
from homeward.statistics.report import render as report_render
from homeward.statistics.report.aggregate import organisation_named, years_with_returns
from homeward.statistics.report.downloads import FORMATS, download


def _report(request: HttpRequest, year: int) -> Report:
    slug = request.GET.get("organisation", "").strip()
    if not slug:
        return network_report(year)
    return hotline_report(year, organisation_named(slug))


@member_required(Permission.VIEW_NETWORK_STATISTICS)
def report_page(request: HttpRequest, year: int) -> HttpResponse:
    context: dict[str, Any]
    try:
        report = _report(request, year)
    except NoReturns:
        context = {
            "year": year,
            "report": None,
            "title": _("Figures for %(year)s") % {"year": year},
        }
    else:
        context = report_render.context(report)
    context["years"] = years_with_returns()
    context["formats"] = [(code, f.label) for code, f in FORMATS.items()]
    return render(request, "statistics/network_report.html", context)


@member_required(Permission.VIEW_NETWORK_STATISTICS)
def report_download(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("no such format")
    try:
        report = _report(request, year)
    except NoReturns as error:
        raise Http404(str(error)) from None
    return download(report, fmt)
