"""Annual returns through the API: a hotline lists and reads its own returns, prepares one from
its Homeward data, uploads one (multipart, field "file"), submits and withdraws it; the network
office opens a year, reads its submission status (no hotline's cells), reminds, locks, unlocks
and reopens a submitted return. An upload that fails any check is a 422 whose `errors` name
each cell ("row 17, column value", "Sheet CASES_NEW, cell C9") and nothing is stored."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from homeward.core.api_types import Id
from homeward.organisations.access import require_permission, who
from homeward.organisations.roles import Permission
from homeward.statistics import access, actions
from homeward.statistics.actions.common import require_hotline
from homeward.statistics.models import AnnualReturn, ReportingYear
from homeward.statistics.returns.reading import MAX_FILE_BYTES
from homeward.statistics.schemas.returns import (
    HotlineRefOut,
    HotlineStatusOut,
    ReasonIn,
    RemindedOut,
    ReturnListItemOut,
    ReturnOut,
    SubmitIn,
    Year,
    YearIn,
    YearOut,
    YearStatusOut,
)

router = Router(tags=["statistics"])

UPLOAD_SCHEMA = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "the return template filled in, CSV or XLSX",
                        }
                    },
                }
            }
        },
    }
}


# --- a hotline's returns ---------------------------------------------------------------------


@router.get(
    "/statistics/returns",
    operation_id="list_annual_returns",
    response=list[ReturnListItemOut],
    summary="Your hotline's annual returns, newest year first",
)
@paginate
def list_annual_returns(request: HttpRequest) -> QuerySet[AnnualReturn]:
    return access.returns_of(who(request)).order_by("-year")


@router.get(
    "/statistics/returns/{return_id}",
    operation_id="get_annual_return",
    response=ReturnOut,
    summary="One of your hotline's annual returns, with every cell",
)
def get_annual_return(request: HttpRequest, return_id: Id) -> AnnualReturn:
    return access.access_return_by_id(who(request), return_id)


@router.post(
    "/statistics/years/{year}/return/prepare",
    operation_id="prepare_annual_return",
    response=ReturnOut,
    summary="Prepare (or prepare again) the year's draft from your Homeward data",
)
def prepare_annual_return(request: HttpRequest, year: Year) -> AnnualReturn:
    membership = who(request)
    return actions.prepare_return(membership=membership, year=year)


@router.post(
    "/statistics/years/{year}/return/upload",
    operation_id="upload_annual_return",
    response=ReturnOut,
    summary="Upload the year's draft from a file (the template filled in): all cells or nothing",
    openapi_extra=UPLOAD_SCHEMA,
)
def upload_annual_return(request: HttpRequest, year: Year) -> AnnualReturn:
    membership = who(request)
    require_hotline(membership)  # before the body is read
    upload = request.FILES.get("file") if request.content_type == "multipart/form-data" else None
    if upload is None:
        raise ValidationError(
            {"file": _("Send the return as multipart/form-data, in the field “file”.")}
        )
    return actions.upload_return(
        membership=membership,
        year=year,
        file_name=upload.name or "",
        content=upload.read(MAX_FILE_BYTES + 1),
    )


@router.post(
    "/statistics/returns/{return_id}/submit",
    operation_id="submit_annual_return",
    response=ReturnOut,
    summary="Submit a draft to the network office, once its year is over",
)
def submit_annual_return(request: HttpRequest, return_id: Id, payload: SubmitIn) -> AnnualReturn:
    membership = who(request)
    annual_return = access.access_return_by_id(membership, return_id)
    return actions.submit_return(
        membership=membership, annual_return=annual_return, note=payload.note
    )


@router.post(
    "/statistics/returns/{return_id}/withdraw",
    operation_id="withdraw_annual_return",
    response=ReturnOut,
    summary="Take a submission back (a draft again) while the year is not locked",
)
def withdraw_annual_return(request: HttpRequest, return_id: Id) -> AnnualReturn:
    membership = who(request)
    annual_return = access.access_return_by_id(membership, return_id)
    return actions.withdraw_submission(membership=membership, annual_return=annual_return)


# --- the network office's years --------------------------------------------------------------


@router.get(
    "/statistics/years",
    operation_id="list_reporting_years",
    response=list[YearOut],
    summary="The years the network office opened for annual returns, newest first",
)
def list_reporting_years(request: HttpRequest) -> QuerySet[ReportingYear]:
    who(request)
    return access.reporting_years()


@router.post(
    "/statistics/years",
    operation_id="open_reporting_year",
    response={201: YearOut},
    summary="Open a year for the hotlines' returns, with the date they are due",
)
def open_reporting_year(request: HttpRequest, payload: YearIn) -> Status[ReportingYear]:
    membership = who(request)
    opened = actions.open_year(membership=membership, year=payload.year, due_on=payload.due_on)
    return Status(201, opened)


@router.get(
    "/statistics/years/{year}/status",
    operation_id="get_year_status",
    response=YearStatusOut,
    summary="Where every hotline's return of the year stands (status only, no figures)",
)
def get_year_status(request: HttpRequest, year: Year) -> YearStatusOut:
    membership = who(request)
    require_permission(membership, Permission.MANAGE_ANNUAL_RETURNS)
    reporting_year = access.locate_year(year)
    rows = access.year_status(membership, reporting_year)
    return YearStatusOut(
        year=reporting_year.year,
        due_on=reporting_year.due_on,
        locked_at=reporting_year.locked_at,
        unlocked_at=reporting_year.unlocked_at,
        unlock_reason=reporting_year.unlock_reason,
        hotlines=[
            HotlineStatusOut(
                hotline=_hotline(
                    row.organisation.pk, row.organisation.name, row.organisation.country
                ),
                state=row.state,
                source=row.source,
                submitted_at=row.submitted_at,
                reopened_at=row.reopened_at,
                reminded_at=row.reminded_at,
            )
            for row in rows
        ],
    )


def _hotline(pk: int, name: str, country: str | None) -> HotlineRefOut:
    return HotlineRefOut(id=pk, name=name, country=str(country or ""))


@router.post(
    "/statistics/years/{year}/remind",
    operation_id="remind_hotlines",
    response=RemindedOut,
    summary="E-mail the hotlines that have not submitted (their supervisors and admins)",
)
def remind_hotlines(request: HttpRequest, year: Year) -> RemindedOut:
    membership = who(request)
    require_permission(membership, Permission.MANAGE_ANNUAL_RETURNS)
    access.locate_year(year)
    reminders = actions.remind_hotlines(membership=membership, year=year)
    return RemindedOut(
        year=year,
        reminded=[
            _hotline(r.organisation.pk, r.organisation.name, r.organisation.country)
            for r in reminders
        ],
    )


@router.post(
    "/statistics/years/{year}/lock",
    operation_id="lock_reporting_year",
    response=YearOut,
    summary="Lock the year: no return of it can change until it is unlocked",
)
def lock_reporting_year(request: HttpRequest, year: Year) -> ReportingYear:
    membership = who(request)
    require_permission(membership, Permission.MANAGE_ANNUAL_RETURNS)
    access.locate_year(year)
    return actions.lock_year(membership=membership, year=year)


@router.post(
    "/statistics/years/{year}/unlock",
    operation_id="unlock_reporting_year",
    response=YearOut,
    summary="Unlock a locked year, saying why (kept on record)",
)
def unlock_reporting_year(request: HttpRequest, year: Year, payload: ReasonIn) -> ReportingYear:
    membership = who(request)
    require_permission(membership, Permission.MANAGE_ANNUAL_RETURNS)
    access.locate_year(year)
    return actions.unlock_year(membership=membership, year=year, reason=payload.reason)


@router.post(
    "/statistics/years/{year}/hotlines/{hotline_id}/reopen",
    operation_id="reopen_annual_return",
    response=ReturnListItemOut,
    summary="Send a hotline's submitted return back to it as a draft, saying why",
)
def reopen_annual_return(
    request: HttpRequest, year: Year, hotline_id: Id, payload: ReasonIn
) -> AnnualReturn:
    membership = who(request)
    require_permission(membership, Permission.MANAGE_ANNUAL_RETURNS)
    reporting_year = access.locate_year(year)
    annual_return = access.locate_submitted_return(membership, reporting_year, hotline_id)
    return actions.reopen_return(
        membership=membership, annual_return=annual_return, reason=payload.reason
    )
