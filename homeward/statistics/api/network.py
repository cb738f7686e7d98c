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
from homeward.organisations.roles import Permission
from homeward.statistics.exports.document import document
from homeward.statistics.report import NoReturns, Report, hotline_report, network_report
from homeward.statistics.report.aggregate import organisation_named
from homeward.statistics.report.downloads import FORMATS, download

router = Router(tags=["statistics"])

Year = Annotated[QueryInt, Field(ge=1900, le=2100)]


class ReportQuery(Schema):
    organisation: Line100 = Field(
        "", description="one hotline's report, by its short name (default: the network's)"
    )


class CellOut(Schema):
    country: str = Field(description='ISO 3166-1 alpha-2, or "_T" for the network')
    breakdown: dict[str, str] = Field(description='dimension -> code ("_T": the total)')
    key: str = Field(description='the codes joined by "."')
    value: int | float | None = Field(description="null where suppressed or not available")
    suppressed: bool
    available: bool = Field(description="false for a value that does not exist")


class DimensionValueOut(Schema):
    code: str
    label: str


class DimensionOut(Schema):
    code: str
    label: str
    open: bool
    values: list[DimensionValueOut]


class IndicatorOut(Schema):
    code: str
    title: str
    definition: str
    unit: str
    additive: bool
    minimum_set: bool
    median_of: str | None
    dimensions: list[DimensionOut]
    cells: list[CellOut]


class CountryOut(Schema):
    code: str
    name: str


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
    """The JSON export's document (statistics.exports.document), with the report's headline
    figures and which hotlines reported."""

    network: str
    year: int
    dataflow: str
    disclosure_threshold: int = Field(description="counts from 1 to threshold − 1 are hidden")
    disclosure_note: str
    countries: list[CountryOut]
    network_country_code: str
    indicators: list[IndicatorOut]
    organisation: str | None = Field(description="the hotline's short name, or null")
    hotlines_expected: int
    hotlines_reported: int
    hotlines: list[HotlineOut]
    headlines: list[HeadlineOut]


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _report(request: HttpRequest, year: int, query: ReportQuery) -> Report:
    membership = who(request)
    require_permission(membership, Permission.VIEW_NETWORK_STATISTICS)
    try:
        if not query.organisation:
            return network_report(year)
        return hotline_report(year, organisation_named(query.organisation))
    except NoReturns as error:
        raise Http404(str(error)) from None


def report_out(report: Report) -> dict[str, Any]:
    return {
        **document(report.published),
        "organisation": report.organisation.slug if report.organisation else None,
        "hotlines_expected": len(report.statuses),
        "hotlines_reported": len(report.reported),
        "hotlines": [
            {"name": s.name, "short_name": s.slug, "country": s.country, "state": s.state}
            for s in report.statuses
        ],
        "headlines": [
            {
                "key": h.key,
                "label": str(h.label),
                "kind": h.kind,
                "value": _number(h.value) if h.kind != "band" else None,
                "high": _number(h.high),
                "display": h.display,
            }
            for h in report.headlines
        ],
    }


@router.get(
    "/statistics/network/{year}",
    operation_id="get_network_report",
    response=NetworkReportOut,
    summary="The network's annual report for a year: every published cell, with suppression "
    "flags, and the headline figures (needs view_network_statistics)",
)
def get_network_report(
    request: HttpRequest, year: Year, query: Query[ReportQuery]
) -> dict[str, Any]:
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
