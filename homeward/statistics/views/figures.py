"""A hotline's own figures page: any run of days (this year so far unless asked), each figure
beside the same days a year earlier, grouped as the catalogue is, with a chart per group."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from homeward.organisations.access import current_membership, member_required
from homeward.organisations.roles import Permission
from homeward.statistics import access
from homeward.statistics.forms import PeriodForm
from homeward.statistics.own_figures import Period


@member_required(Permission.VIEW_OWN_STATISTICS)
def own_figures(request: HttpRequest) -> HttpResponse:
    membership = current_membership(request)
    period: Period | None
    if "start" in request.GET or "end" in request.GET:
        form = PeriodForm(request.GET)
        valid = form.is_valid()
        period = Period(form.cleaned_data["start"], form.cleaned_data["end"]) if valid else None
    else:
        period = access.this_year_so_far(membership.organisation)
        form = PeriodForm(initial={"start": period.first, "end": period.last})
    figures = access.own_figures(membership, period) if period is not None else None
    return render(
        request,
        "statistics/own_figures.html",
        {"form": form, "figures": figures, "organisation": membership.organisation},
    )
