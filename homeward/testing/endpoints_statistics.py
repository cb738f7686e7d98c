"""Authorisation-matrix rows for statistics (see endpoints.py): the network report, its
downloads and its API, for the network office only (view_network_statistics). The report is
the network's, no organisation's object; each row's URL builder first stores a submitted
return, so that a permitted member gets the report itself."""

from __future__ import annotations

from homeward.organisations.models import Organisation
from homeward.organisations.roles import Permission
from homeward.testing.cast import Cast
from homeward.testing.matrix import Endpoint, UrlBuilder
from homeward.testing.statistics import store_return, synthetic_year

STATS_HTML_ENDPOINTS: list[Endpoint] = []
STATS_API_ENDPOINTS: list[Endpoint] = []

_REPORT_YEAR = 2025
_REPORT_FORMATS = ("pdf", "csv", "xlsx", "json", "sdmx-csv")
_API_REPORT = "/api/v1/statistics/network/{year}"


def _with_report(url: str) -> UrlBuilder:
    def build(cast: Cast, org: Organisation, requester: str) -> str:
        store_return(cast.be, _REPORT_YEAR, synthetic_year(_REPORT_YEAR, 40))
        return url.format(year=_REPORT_YEAR)

    return build


STATS_HTML_ENDPOINTS += [
    Endpoint(
        "stats_network_report",
        "GET",
        _with_report("/statistics/network/{year}/"),
        Permission.VIEW_NETWORK_STATISTICS,
        targets_object=False,
    ),
    *(
        Endpoint(
            "stats_network_download",
            "GET",
            _with_report(f"/statistics/network/{{year}}/download/{fmt}/"),
            Permission.VIEW_NETWORK_STATISTICS,
            targets_object=False,
        )
        for fmt in _REPORT_FORMATS
    ),
]

STATS_API_ENDPOINTS += [
    Endpoint(
        f"GET {_API_REPORT}{suffix}",
        "GET",
        _with_report(f"{_API_REPORT}{suffix}"),
        Permission.VIEW_NETWORK_STATISTICS,
        api=True,
        targets_object=False,
    )
    for suffix in ("", "/csv", "/xlsx", "/sdmx-csv", "/pdf")
]

# a hotline's own figures: the caller's own organisation only, nothing to aim at another's
STATS_HTML_ENDPOINTS += [
    Endpoint(
        "stats_own_figures",
        "GET",
        lambda cast, org, requester: "/statistics/?start=2025-01-01&end=2025-12-31",
        Permission.VIEW_OWN_STATISTICS,
        targets_object=False,
    ),
]
STATS_API_ENDPOINTS += [
    Endpoint(
        "GET /api/v1/statistics/figures",
        "GET",
        lambda cast, org, requester: "/api/v1/statistics/figures?start=2025-01-01&end=2025-12-31",
        Permission.VIEW_OWN_STATISTICS,
        api=True,
        targets_object=False,
    ),
]
