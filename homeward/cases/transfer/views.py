"""Import and export pages. Views parse, check, call an action, respond."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from homeward.cases.access import access_import_job_by_id, import_jobs_of
from homeward.cases.models import ImportJob
from homeward.cases.transfer import exporting, importing
from homeward.cases.transfer.columns import COLUMNS, MAX_ERRORS, Kind
from homeward.cases.transfer.forms import ExportForm, UploadForm
from homeward.cases.transfer.template import TableFormat, template_file
from homeward.core.tables import CONTENT_TYPES, csv_bytes
from homeward.organisations.access import current_membership, member_required
from homeward.organisations.roles import Permission

RECENT_JOBS = 20
# where the imported records are listed, if the case pages are installed
LIST_URL_NAMES = {Kind.CASES: "case_list", Kind.CONTACTS: "contact_list"}


def _download(content: bytes, content_type: str, file_name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    response["Cache-Control"] = "no-store"
    return response


def _list_url(kind: str) -> str | None:
    try:
        return reverse(LIST_URL_NAMES[Kind(kind)])
    except NoReverseMatch:
        return None


def _job_context(job: ImportJob) -> dict[str, Any]:
    return {
        "job": job,
        "running": job.state in importing.RUNNING_STATES,
        "can_start": job.state == ImportJob.State.VALID and job.dry_run,
        "list_url": _list_url(job.kind) if job.state == ImportJob.State.DONE else None,
        "max_errors": MAX_ERRORS,
    }


@member_required(Permission.EDIT_CASES)
def import_page(request: HttpRequest) -> HttpResponse:
    membership = current_membership(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = importing.upload_import(
                membership=membership,
                kind=form.cleaned_data["kind"],
                file_name=upload.name or "",
                content=upload.read(),
                dry_run=form.cleaned_data["dry_run"],
            )
        except ValidationError as error:
            for field, field_errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, field_errors)
        else:
            messages.success(request, _("File received: it is being checked."))
            return redirect("case_import_job", job_id=job.pk)
    jobs = (import_jobs_of(membership).defer("content", "errors").select_related("created_by"))[
        :RECENT_JOBS
    ]
    return render(
        request,
        "cases/transfer/import.html",
        {"form": form, "jobs": jobs, "templates": [(k, COLUMNS[k]) for k in Kind]},
    )


@member_required(Permission.EDIT_CASES)
def import_template(request: HttpRequest, kind: str, file_format: str) -> HttpResponse:
    if kind not in {k.value for k in Kind} or file_format not in {f.value for f in TableFormat}:
        raise Http404("no such template")
    return _download(*template_file(kind, file_format))


@member_required(Permission.EDIT_CASES)
def import_job(request: HttpRequest, job_id: int) -> HttpResponse:
    job = access_import_job_by_id(current_membership(request), job_id)
    return render(request, "cases/transfer/job.html", _job_context(job))


@member_required(Permission.EDIT_CASES)
def import_job_progress(request: HttpRequest, job_id: int) -> HttpResponse:
    """The job's status fragment; it keeps polling itself while the job runs."""
    job = access_import_job_by_id(current_membership(request), job_id)
    return render(request, "cases/transfer/_job_status.html", _job_context(job))


@member_required(Permission.EDIT_CASES)
def import_job_errors(request: HttpRequest, job_id: int) -> HttpResponse:
    """The error report as CSV: row, column, value, message."""
    job = access_import_job_by_id(current_membership(request), job_id)
    headers = ("row", "column", "value", "message")
    rows = ([error.get(h, "") for h in headers] for error in job.errors)
    return _download(csv_bytes(headers, rows), CONTENT_TYPES["csv"], f"import-{job.pk}-errors.csv")


@require_POST
@member_required(Permission.EDIT_CASES)
def import_job_start(request: HttpRequest, job_id: int) -> HttpResponse:
    membership = current_membership(request)
    job = access_import_job_by_id(membership, job_id)
    try:
        importing.start_import(membership=membership, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The import has started."))
    return redirect("case_import_job", job_id=job.pk)


@member_required(Permission.EXPORT_DATA)
def case_export(request: HttpRequest) -> HttpResponse:
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        export = exporting.export_cases(
            membership=current_membership(request),
            file_format=data["file_format"],
            filters=exporting.ExportFilters(
                status=data["status"],
                category=data["category"],
                reported_from=data["reported_from"],
                reported_to=data["reported_to"],
            ),
        )
        return _download(export.content, export.content_type, export.file_name)
    return render(
        request,
        "cases/transfer/export.html",
        {
            "form": form,
            "case_columns": exporting.CASE_COLUMNS,
            "child_columns": exporting.CHILD_COLUMNS,
        },
    )
