"""The network report through the API (view_network_statistics): the year's published cells
as JSON, with the headline figures and which hotlines reported; and the same report as CSV,
XLSX, SDMX-CSV and PDF. `?organisation=<short name>` narrows it to one hotline. Every number
has passed disclosure control: a suppressed cell has `"value": null, "suppressed": true`."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from homeward.core.api_types import Line100, QueryInt
from homeward.organisations.access import require_permission, who
from homeward.organisations.models import Organisation
from homeward.organisations.roles import Permission
from homeward.statistics.catalogue import BY_CODE
from homeward.statistics.figures import breakdown_key
from homeward.statistics.report import NoReturns, Report, hotline_report, network_report
from homeward.statistics.report.downloads import FORMATS, download

router = Router(tags=["statistics"])

Year = Annotated[QueryInt, Field(ge=1900, le=2100)]


class ReportQuery(Schema):
    organisation: Line100 = Field(
        "", description="one hotline's report, by its short name (default: the network's)"
    )


class CellOut(Schema):
    country: str = Field(description='ISO 3166-1 alpha-2, or "_T" for the network')
    breakdown: str = Field(description='the codes of the cell, joined by "." ("_T": total)')
    value: float | None = Field(description="null where suppressed or not available")
    suppressed: bool


class IndicatorOut(Schema):
    code: str
    title: str
    unit: str
    dimensions: list[str]
    cells: list[CellOut]


class HeadlineOut(Schema):
    key: str
    label: str
    kind: str = Field(description='"count", "percent", "years" or "band"')
    value: float | None = Field(description="null where a cell it needs is suppressed")
    high: float | None = Field(description="the top of a range (median ages across countries)")
    display: str


class HotlineOut(Schema):
    name: str
    short_name: str
    country: str
    state: str = Field(description='"not_started", "draft" or "submitted"')


class NetworkReportOut(Schema):
    year: int
    organisation: str | None = Field(description="the hotline's short name, or null")
    threshold: int = Field(description="counts from 1 to threshold − 1 are suppressed")
    countries: list[str]
    hotlines_expected: int
    hotlines_reported: int
    hotlines: list[HotlineOut]
    headlines: list[HeadlineOut]
    indicators: list[IndicatorOut]


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _report(request: HttpRequest, year: int, query: ReportQuery) -> Report:
    membership = who(request)
    require_permission(membership, Permission.VIEW_NETWORK_STATISTICS)
    try:
        if not query.organisation:
            return network_report(year)
        organisation = Organisation.objects.filter(slug=query.organisation).first()
        if organisation is None:
            raise Http404("no such organisation")
        return hotline_report(year, organisation)
    except NoReturns as error:
        raise Http404(str(error)) from None


def report_out(report: Report) -> NetworkReportOut:
    by_indicator: dict[str, list[CellOut]] = {}
    for cell in report.published.cells:
        by_indicator.setdefault(cell.indicator, []).append(
            CellOut(
                country=cell.country,
                breakdown=breakdown_key(cell.breakdown),
                value=_number(cell.value),
                suppressed=cell.suppressed,
            )
        )
    return NetworkReportOut(
        year=report.year,
        organisation=report.organisation.slug if report.organisation else None,
        threshold=report.threshold,
        countries=report.countries,
        hotlines_expected=len(report.statuses),
        hotlines_reported=len(report.reported),
        hotlines=[
            HotlineOut(name=s.name, short_name=s.slug, country=s.country, state=s.state)
            for s in report.statuses
        ],
        headlines=[
            HeadlineOut(
                key=h.key,
                label=str(h.label),
                kind=h.kind,
                value=_number(h.value) if h.kind != "band" else None,
                high=_number(h.high),
                display=h.display,
            )
            for h in report.headlines
        ],
        indicators=[
            IndicatorOut(
                code=code,
                title=str(BY_CODE[code].title),
                unit=str(BY_CODE[code].unit),
                dimensions=[dim.code for dim in BY_CODE[code].dimensions],
                cells=cells,
            )
            for code, cells in by_indicator.items()
        ],
    )


@router.get(
    "/statistics/network/{year}",
    operation_id="get_network_report",
    response=NetworkReportOut,
    summary="The network's annual report for a year: every published cell, with suppression "
    "flags, and the headline figures (needs view_network_statistics)",
)
def get_network_report(
    request: HttpRequest, year: Year, query: Query[ReportQuery]
) -> NetworkReportOut:
    return report_out(_report(request, year, query))


def _binary(fmt: str) -> dict[str, Any]:
    media = FORMATS[fmt].media_type.split(";")[0]
    schema = (
        {"type": "string"}
        if media.startswith("text") or "csv" in media
        else {
            "type": "string",
            "format": "binary",
        }
    )
    return {
        "responses": {
            200: {
                "description": f"The report as {fmt.upper()}",
                "content": {media: {"schema": schema}},
            }
        }
    }


def _download_operation(fmt: str) -> None:
    operation_id = f"get_network_report_{fmt.replace('-', '_')}"

    def handler(request: HttpRequest, year: Year, query: Query[ReportQuery]) -> HttpResponse:
        return download(_report(request, year, query), fmt)

    handler.__name__ = operation_id
    router.get(
        f"/statistics/network/{{year}}/{fmt}",
        operation_id=operation_id,
        summary=f"The network's annual report for a year as {fmt.upper()}",
        openapi_extra=_binary(fmt),
    )(handler)


for _fmt in ("csv", "xlsx", "sdmx-csv", "pdf"):
    _download_operation(_fmt)
