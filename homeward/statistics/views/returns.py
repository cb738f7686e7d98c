"""A hotline's annual returns: the list by year, a return's review page (its cells, where they
came from, the upload's errors), the template, and the buttons that prepare, upload, submit and
withdraw. Views parse, check, call an action, respond."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from homeward.core.forms import flash_errors
from homeward.organisations.access import current_membership, member_required
from homeward.organisations.models import Membership
from homeward.organisations.roles import OrganisationKind, Permission
from homeward.statistics import access, actions
from homeward.statistics.actions.common import year_is_over
from homeward.statistics.forms import SubmitForm, UploadForm
from homeward.statistics.models import AnnualReturn
from homeward.statistics.returns.reading import MAX_FILE_BYTES
from homeward.statistics.returns.template import ReturnFormat, template_file
from homeward.statistics.returns.validation import ReturnRefused
from homeward.statistics.views.tables import indicator_tables


def _download(content: bytes, content_type: str, file_name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    response["Cache-Control"] = "no-store"
    return response


def _code(membership: Membership) -> str:
    organisation = membership.organisation
    return str(organisation.country or organisation.slug)


@member_required(Permission.VIEW_OWN_STATISTICS)
def return_list(request: HttpRequest) -> HttpResponse:
    membership = current_membership(request)
    returns = {r.year: r for r in access.returns_of(membership)}
    rows = [(year, returns.get(year.year)) for year in access.reporting_years()]
    return render(
        request,
        "statistics/return_list.html",
        {"rows": rows, "is_hotline": _is_hotline(membership)},
    )


def _is_hotline(membership: Membership) -> bool:
    return bool(membership.organisation.kind == OrganisationKind.NATIONAL_HOTLINE)


def _detail_context(membership: Membership, year: int, **extra: Any) -> dict[str, Any]:
    reporting_year = access.locate_year(year)
    annual_return = access.return_for_year(membership, year)
    figures = access.figures_of(annual_return) if annual_return else None
    may_submit = membership.has_perm(Permission.SUBMIT_ANNUAL_RETURN) and _is_hotline(membership)
    is_draft = annual_return is None or annual_return.state == AnnualReturn.State.DRAFT
    return {
        "reporting_year": reporting_year,
        "item": annual_return,
        "tables": indicator_tables(figures) if figures is not None else [],
        "may_change": may_submit and not reporting_year.is_locked and is_draft,
        "may_submit": may_submit
        and annual_return is not None
        and is_draft
        and not reporting_year.is_locked
        and year_is_over(membership.organisation, year),
        "may_withdraw": may_submit
        and annual_return is not None
        and not is_draft
        and not reporting_year.is_locked,
        "year_over": year_is_over(membership.organisation, year),
        "upload_form": UploadForm(),
        "submit_form": SubmitForm(),
        "formats": [f.value for f in ReturnFormat],
        **extra,
    }


@member_required(Permission.VIEW_OWN_STATISTICS)
def return_detail(request: HttpRequest, year: int) -> HttpResponse:
    membership = current_membership(request)
    return render(request, "statistics/return_detail.html", _detail_context(membership, year))


@member_required(Permission.VIEW_OWN_STATISTICS)
def return_template(request: HttpRequest, year: int, file_format: str) -> HttpResponse:
    membership = current_membership(request)
    access.locate_year(year)
    if file_format not in {f.value for f in ReturnFormat}:
        raise Http404("no such format")
    return _download(
        *template_file(
            file_format,
            year=year,
            organisation=membership.organisation.name,
            code=_code(membership),
        )
    )


@member_required(Permission.VIEW_OWN_STATISTICS)
def return_download(request: HttpRequest, year: int, file_format: str) -> HttpResponse:
    """The return's cells in the template's layout: to check them, or correct and upload."""
    membership = current_membership(request)
    annual_return = access.return_for_year(membership, year)
    if annual_return is None or file_format not in {f.value for f in ReturnFormat}:
        raise Http404("no such return")
    return _download(
        *template_file(
            file_format,
            year=year,
            organisation=membership.organisation.name,
            code=_code(membership),
            figures=access.figures_of(annual_return),
        )
    )


@require_POST
@member_required(Permission.SUBMIT_ANNUAL_RETURN)
def return_prepare(request: HttpRequest, year: int) -> HttpResponse:
    membership = current_membership(request)
    access.locate_year(year)
    try:
        actions.prepare_return(membership=membership, year=year)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The return was prepared from your Homeward data."))
    return redirect("stats_return_detail", year=year)


@require_POST
@member_required(Permission.SUBMIT_ANNUAL_RETURN)
def return_upload(request: HttpRequest, year: int) -> HttpResponse:
    membership = current_membership(request)
    access.locate_year(year)
    form = UploadForm(request.POST, request.FILES)
    problems = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            actions.upload_return(
                membership=membership,
                year=year,
                file_name=upload.name or "",
                content=upload.read(MAX_FILE_BYTES + 1),
            )
        except ReturnRefused as refused:
            problems = refused.problems
            form.add_error(
                "file",
                _("The file has errors: nothing was stored. Correct them and upload it again."),
            )
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            messages.success(request, _("The file passed every check: it is the draft now."))
            return redirect("stats_return_detail", year=year)
    context = _detail_context(membership, year, upload_form=form, problems=problems)
    return render(request, "statistics/return_detail.html", context)


@require_POST
@member_required(Permission.SUBMIT_ANNUAL_RETURN)
def return_submit(request: HttpRequest, year: int) -> HttpResponse:
    membership = current_membership(request)
    annual_return = _own_return(membership, year)
    form = SubmitForm(request.POST)
    if form.is_valid():
        try:
            actions.submit_return(
                membership=membership,
                annual_return=annual_return,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("Submitted to the network office."))
        return redirect("stats_return_detail", year=year)
    context = _detail_context(membership, year, submit_form=form)
    return render(request, "statistics/return_detail.html", context)


@require_POST
@member_required(Permission.SUBMIT_ANNUAL_RETURN)
def return_withdraw(request: HttpRequest, year: int) -> HttpResponse:
    membership = current_membership(request)
    annual_return = _own_return(membership, year)
    try:
        actions.withdraw_submission(membership=membership, annual_return=annual_return)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The submission was withdrawn: the return is a draft again."))
    return redirect("stats_return_detail", year=year)


def _own_return(membership: Membership, year: int) -> AnnualReturn:
    annual_return = access.return_for_year(membership, year)
    if annual_return is None:
        raise Http404("no return for this year")
    return annual_return
