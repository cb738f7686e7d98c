"""Authorisation-matrix rows for statistics (see endpoints.py): a hotline's annual returns, the
network office's reporting years, and the network report (at the end).

A return's page and actions are named by year and act on the requester's own hotline (so they
target no other organisation's object); the API names a return by id, which is another
hotline's (404) on the matrix's "other" target. The network office acts on every hotline's
return by design: its rows name BE's."""

from __future__ import annotations

from homeward.organisations.models import Organisation
from homeward.organisations.roles import OrganisationKind, Permission
from homeward.statistics.models import AnnualReturn
from homeward.testing.annual_returns import PAST_YEAR, open_year, submitted_return
from homeward.testing.cast import Cast
from homeward.testing.matrix import Endpoint, UrlBuilder
from homeward.testing.statistics import store_return, synthetic_year

P = Permission
API = "/api/v1/statistics"
OK = frozenset({200, 201, 302})
# 422: authorisation passed, then a rule of the workflow refused (already submitted, not locked)
OK_OR_RULE = frozenset({200, 201, 302, 422})
NO_SUCH_RETURN = 999_999


def _hotline_member(cast: Cast, org: Organisation) -> str | None:
    if org.pk == cast.be.pk:
        return "be_supervisor"
    if org.pk == cast.fr.pk:
        return "fr_supervisor"
    return None


def _draft_in(cast: Cast, org: Organisation) -> AnnualReturn | None:
    """The organisation's draft of the past year (prepared from its data), if a hotline."""
    member = _hotline_member(cast, org)
    if member is None:
        return None
    open_year(cast)
    found = AnnualReturn.objects.filter(organisation=org, year=PAST_YEAR).first()
    if found is not None:
        return found
    from homeward.statistics import actions

    return actions.prepare_return(membership=cast.member(member), year=PAST_YEAR)


def _year_url(suffix: str = "", prefix: str = "/statistics/years/") -> UrlBuilder:
    def build(cast: Cast, org: Organisation, requester: str) -> str:
        open_year(cast)
        return f"{prefix}{PAST_YEAR}/{suffix}"

    return build


def _own_return_url(suffix: str = "") -> UrlBuilder:
    """The requester's own return of the past year (a draft, made if missing)."""

    def build(cast: Cast, org: Organisation, requester: str) -> str:
        _draft_in(cast, cast.org_of(requester))
        open_year(cast)
        return f"/statistics/returns/{PAST_YEAR}/{suffix}"

    return build


def _api_return(suffix: str = "") -> UrlBuilder:
    """A return of the target organisation, by id (a draft of the past year)."""

    def build(cast: Cast, org: Organisation, requester: str) -> str:
        found = _draft_in(cast, org) if org.kind == OrganisationKind.NATIONAL_HOTLINE else None
        return f"{API}/returns/{found.pk if found else NO_SUCH_RETURN}{suffix}"

    return build


def _reopen_url(prefix: str, suffix: str) -> UrlBuilder:
    """BE's submitted return of the past year (the network office reopens any hotline's)."""

    def build(cast: Cast, org: Organisation, requester: str) -> str:
        open_year(cast)
        submitted_return(cast)
        return f"{prefix}{PAST_YEAR}/hotlines/{cast.be.pk}/{suffix}"

    return build


STATS_HTML_ENDPOINTS: list[Endpoint] = [
    Endpoint("stats_return_list", "GET", lambda c, o, r: "/statistics/returns/",
             P.VIEW_OWN_STATISTICS, targets_object=False),
    Endpoint("stats_return_detail", "GET", _own_return_url(), P.VIEW_OWN_STATISTICS,
             targets_object=False),
    Endpoint("stats_return_template", "GET", _own_return_url("template.xlsx"),
             P.VIEW_OWN_STATISTICS, targets_object=False),
    Endpoint("stats_return_download", "GET", _own_return_url("return.csv"),
             P.VIEW_OWN_STATISTICS, targets_object=False),
    Endpoint("stats_return_prepare", "POST", _own_return_url("prepare/"),
             P.SUBMIT_ANNUAL_RETURN, targets_object=False),
    Endpoint("stats_return_upload", "POST", _own_return_url("upload/"),
             P.SUBMIT_ANNUAL_RETURN, targets_object=False),
    Endpoint("stats_return_submit", "POST", _own_return_url("submit/"),
             P.SUBMIT_ANNUAL_RETURN, targets_object=False),
    Endpoint("stats_return_withdraw", "POST", _own_return_url("withdraw/"),
             P.SUBMIT_ANNUAL_RETURN, targets_object=False),
    Endpoint("stats_year_list", "GET", _year_url(), P.MANAGE_ANNUAL_RETURNS,
             targets_object=False),
    Endpoint("stats_year_list", "POST", lambda c, o, r: "/statistics/years/",
             P.MANAGE_ANNUAL_RETURNS, targets_object=False,
             data={"year": "2024", "due_on": "2025-03-31"}),
    Endpoint("stats_year_status", "GET", _year_url(), P.MANAGE_ANNUAL_RETURNS,
             targets_object=False),
    Endpoint("stats_year_remind", "POST", _year_url("remind/"), P.MANAGE_ANNUAL_RETURNS,
             targets_object=False),
    Endpoint("stats_year_lock", "POST", _year_url("lock/"), P.MANAGE_ANNUAL_RETURNS,
             targets_object=False),
    Endpoint("stats_year_unlock", "POST", _year_url("unlock/"), P.MANAGE_ANNUAL_RETURNS,
             targets_object=False, data={"reason": "A late correction"}),
    Endpoint("stats_return_reopen", "POST", _reopen_url("/statistics/years/", "reopen/"),
             P.MANAGE_ANNUAL_RETURNS, targets_object=False, data={"reason": "Check ages"}),
]  # fmt: skip

STATS_API_ENDPOINTS: list[Endpoint] = [
    Endpoint("GET /api/v1/statistics/returns", "GET", lambda c, o, r: f"{API}/returns",
             P.VIEW_OWN_STATISTICS, api=True, targets_object=False),
    Endpoint("GET /api/v1/statistics/returns/{return_id}", "GET", _api_return(),
             P.VIEW_OWN_STATISTICS, api=True),
    Endpoint("POST /api/v1/statistics/returns/{return_id}/submit", "POST",
             _api_return("/submit"), P.SUBMIT_ANNUAL_RETURN, api=True, data={},
             ok_statuses=OK_OR_RULE),
    Endpoint("POST /api/v1/statistics/returns/{return_id}/withdraw", "POST",
             _api_return("/withdraw"), P.SUBMIT_ANNUAL_RETURN, api=True,
             ok_statuses=OK_OR_RULE),
    Endpoint("POST /api/v1/statistics/years/{year}/return/prepare", "POST",
             _year_url("return/prepare", f"{API}/years/"), P.SUBMIT_ANNUAL_RETURN, api=True,
             targets_object=False),
    # a JSON body, not the multipart file: refused (422) once authorised
    Endpoint("POST /api/v1/statistics/years/{year}/return/upload", "POST",
             _year_url("return/upload", f"{API}/years/"), P.SUBMIT_ANNUAL_RETURN, api=True,
             targets_object=False, ok_statuses=frozenset({422})),
    Endpoint("GET /api/v1/statistics/years", "GET", lambda c, o, r: f"{API}/years", None,
             api=True, targets_object=False),
    Endpoint("POST /api/v1/statistics/years", "POST", lambda c, o, r: f"{API}/years",
             P.MANAGE_ANNUAL_RETURNS, api=True, targets_object=False,
             data={"year": 2024, "due_on": "2025-03-31"}, ok_statuses=OK_OR_RULE),
    Endpoint("GET /api/v1/statistics/years/{year}/status", "GET",
             _year_url("status", f"{API}/years/"), P.MANAGE_ANNUAL_RETURNS, api=True,
             targets_object=False),
    Endpoint("POST /api/v1/statistics/years/{year}/remind", "POST",
             _year_url("remind", f"{API}/years/"), P.MANAGE_ANNUAL_RETURNS, api=True,
             targets_object=False),
    Endpoint("POST /api/v1/statistics/years/{year}/lock", "POST",
             _year_url("lock", f"{API}/years/"), P.MANAGE_ANNUAL_RETURNS, api=True,
             targets_object=False, ok_statuses=OK_OR_RULE),
    Endpoint("POST /api/v1/statistics/years/{year}/unlock", "POST",
             _year_url("unlock", f"{API}/years/"), P.MANAGE_ANNUAL_RETURNS, api=True,
             targets_object=False, data={"reason": "A late correction"},
             ok_statuses=OK_OR_RULE),
    Endpoint("POST /api/v1/statistics/years/{year}/hotlines/{hotline_id}/reopen", "POST",
             _reopen_url(f"{API}/years/", "reopen"), P.MANAGE_ANNUAL_RETURNS, api=True,
             targets_object=False, data={"reason": "Check ages"}),
]  # fmt: skip


# --- the network report: for the network office only (view_network_statistics) -----------------
# The report is the network's, no organisation's object. Each row's URL builder first stores a
# submitted return of a year the returns' rows do not use, so a permitted member gets the report.

_REPORT_YEAR = PAST_YEAR - 2
_REPORT_FORMATS = ("pdf", "csv", "xlsx", "json", "sdmx-csv")
_API_REPORT = f"{API}/network/{{year}}"


def _with_report(url: str) -> UrlBuilder:
    def build(cast: Cast, org: Organisation, requester: str) -> str:
        store_return(cast.be, _REPORT_YEAR, synthetic_year(_REPORT_YEAR, 40))
        return url.format(year=_REPORT_YEAR)

    return build


STATS_HTML_ENDPOINTS += [
    Endpoint("stats_network_report", "GET", _with_report("/statistics/network/{year}/"),
             P.VIEW_NETWORK_STATISTICS, targets_object=False),
    *(
        Endpoint("stats_network_download", "GET",
                 _with_report(f"/statistics/network/{{year}}/download/{fmt}/"),
                 P.VIEW_NETWORK_STATISTICS, targets_object=False)
        for fmt in _REPORT_FORMATS
    ),
]  # fmt: skip

STATS_API_ENDPOINTS += [
    Endpoint(f"GET {API}/network/{{year}}{suffix}", "GET", _with_report(f"{_API_REPORT}{suffix}"),
             P.VIEW_NETWORK_STATISTICS, api=True, targets_object=False)
    for suffix in ("", "/csv", "/xlsx", "/sdmx-csv", "/pdf")
]  # fmt: skip

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
