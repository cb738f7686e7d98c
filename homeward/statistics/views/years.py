"""The network office's reporting years: open one, see where every hotline's return stands
(status only: no hotline's cells), remind, lock and unlock, reopen a submitted return."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from homeward.core.forms import add_errors, flash_errors
from homeward.organisations.access import current_membership, member_required
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission
from homeward.statistics import access, actions
from homeward.statistics.forms import OpenYearForm, ReasonForm
from homeward.statistics.models import ReportingYear


@member_required(Permission.MANAGE_ANNUAL_RETURNS)
def year_list(request: HttpRequest) -> HttpResponse:
    membership = current_membership(request)
    form = OpenYearForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            opened = actions.open_year(
                membership=membership,
                year=form.cleaned_data["year"],
                due_on=form.cleaned_data["due_on"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(year)s is open for returns.") % {"year": opened.year})
            return redirect("stats_year_status", year=opened.year)
    rows = []
    for reporting_year in access.reporting_years():
        states = Counter(row.state for row in access.year_status(membership, reporting_year))
        rows.append((reporting_year, states["submitted"], sum(states.values())))
    return render(request, "statistics/year_list.html", {"form": form, "rows": rows})


def _status_context(
    membership: Membership, reporting_year: ReportingYear, **extra: Any
) -> dict[str, Any]:
    status = access.year_status(membership, reporting_year)
    return {
        "reporting_year": reporting_year,
        "status": status,
        "counts": Counter(row.state for row in status),
        "unlock_form": ReasonForm(),
        **extra,
    }


@member_required(Permission.MANAGE_ANNUAL_RETURNS)
def year_status(request: HttpRequest, year: int) -> HttpResponse:
    membership = current_membership(request)
    reporting_year = access.locate_year(year)
    return render(
        request, "statistics/year_status.html", _status_context(membership, reporting_year)
    )


@require_POST
@member_required(Permission.MANAGE_ANNUAL_RETURNS)
def year_remind(request: HttpRequest, year: int) -> HttpResponse:
    membership = current_membership(request)
    access.locate_year(year)
    try:
        reminders = actions.remind_hotlines(membership=membership, year=year)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        count = len(reminders)
        messages.success(
            request,
            ngettext(
                "%(count)s hotline reminded.", "%(count)s hotlines reminded.", count
            ) % {"count": count},
        )  # fmt: skip
    return redirect("stats_year_status", year=year)


@require_POST
@member_required(Permission.MANAGE_ANNUAL_RETURNS)
def year_lock(request: HttpRequest, year: int) -> HttpResponse:
    membership = current_membership(request)
    access.locate_year(year)
    try:
        actions.lock_year(membership=membership, year=year)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Locked: no return of %(year)s can change.") % {"year": year})
    return redirect("stats_year_status", year=year)


@require_POST
@member_required(Permission.MANAGE_ANNUAL_RETURNS)
def year_unlock(request: HttpRequest, year: int) -> HttpResponse:
    membership = current_membership(request)
    reporting_year = access.locate_year(year)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            actions.unlock_year(
                membership=membership, year=year, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Unlocked: the returns of %(year)s may change.") % {"year": year}
            )
            return redirect("stats_year_status", year=year)
    context = _status_context(membership, reporting_year, unlock_form=form)
    return render(request, "statistics/year_status.html", context)


@require_POST
@member_required(Permission.MANAGE_ANNUAL_RETURNS)
def return_reopen(request: HttpRequest, year: int, organisation_id: int) -> HttpResponse:
    membership = current_membership(request)
    reporting_year = access.locate_year(year)
    annual_return = access.locate_submitted_return(membership, reporting_year, organisation_id)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the hotline must look at its return again."))
        return redirect("stats_year_status", year=year)
    try:
        actions.reopen_return(
            membership=membership, annual_return=annual_return, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request,
            _("The return of %(hotline)s is a draft again; its hotline was told.")
            % {"hotline": annual_return.organisation.name},
        )
    return redirect("stats_year_status", year=year)
