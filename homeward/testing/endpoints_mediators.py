"""Authorisation-matrix rows for the mediators app (see endpoints.py). The profiles and
requests live in the mediator network, which no member of the fixed cast belongs to: every
cast member is refused the network's desk (403), while the case section and the referral
follow the hotline's own permissions. The manager's and the mediator's own answers are tested
in mediators/tests/test_api_staff.py and test_browser_mediation.py."""

from __future__ import annotations

from typing import Any

from homeward.organisations.models import Organisation
from homeward.organisations.roles import OrganisationKind, Permission
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast
from homeward.testing.matrix import Endpoint, UrlBuilder
from homeward.testing.mediators import make_mediators, make_request, mediator_network, profile

# reachable without signing in, on purpose: the directory, a profile, the pair finder, the
# parents' request form, and the public API
MEDIATORS_PUBLIC_ROUTES: set[str] = {
    "mediator_search",
    "mediator_profile",
    "mediator_pairs",
    "mediation_request",
    "GET /api/v1/public/mediators",
    "GET /api/v1/public/mediators/pairs",
    "GET /api/v1/public/mediators/{public_id}",
}

_P = Permission
_HTML_OK = frozenset({200, 302})
D = "/mediators/desk"


def _hotline(cast: Cast, org: Organisation) -> Organisation:
    return org if org.kind == OrganisationKind.NATIONAL_HOTLINE else cast.be


def _fixed(url: str) -> UrlBuilder:
    return lambda cast, org, requester: url


def _mediator(suffix: str) -> UrlBuilder:
    def build(cast: Cast, org: Organisation, requester: str) -> str:
        return f"{D}/mediators/{make_mediators(profile())[0].pk}/{suffix}"

    return build


def _request(suffix: str) -> UrlBuilder:
    def build(cast: Cast, org: Organisation, requester: str) -> str:
        return f"{D}/requests/{make_request().pk}/{suffix}"

    return build


def _case(suffix: str) -> UrlBuilder:
    def build(cast: Cast, org: Organisation, requester: str) -> str:
        mediator_network()
        case = make_case(
            cast, _hotline(cast, org), category="parental_abduction", subcategory="international"
        )
        return f"/mediators/case/{case.pk}/{suffix}"

    return build


def html(
    name: str,
    method: str,
    url: UrlBuilder,
    permission: Permission | None,
    data: dict[str, Any] | None = None,
    *,
    targets_object: bool = True,
) -> Endpoint:
    return Endpoint(
        name,
        method,
        url,
        permission,
        data=data,
        targets_object=targets_object,
        ok_statuses=_HTML_OK,
    )


_REFER = {
    "situation": "taken_abroad",
    "country_a": "BE",
    "country_b": "PL",
    "languages_a": "nl",
    "languages_b": "pl",
    "note": "The mother agrees to mediation.",
}
_M = _P.MANAGE_MEDIATORS

MEDIATORS_HTML_ENDPOINTS: list[Endpoint] = [
    html("mediator_desk", "GET", _fixed(f"{D}/"), _M, targets_object=False),
    html("mediator_profile_edit", "GET", _fixed(f"{D}/profile/"), _P.MEDIATE, targets_object=False),
    html(
        "mediator_profile_submit",
        "POST",
        _fixed(f"{D}/profile/submit/"),
        _P.MEDIATE,
        targets_object=False,
    ),
    html(
        "mediator_profile_reconfirm",
        "POST",
        _fixed(f"{D}/profile/reconfirm/"),
        _P.MEDIATE,
        targets_object=False,
    ),
    html("mediator_review", "GET", _mediator(""), _M),
    html("mediator_publish", "POST", _mediator("publish/"), _M),
    html("mediator_unpublish", "POST", _mediator("unpublish/"), _M),
    html("mediation_detail", "GET", _request(""), _M),
    html("mediation_assign", "POST", _request("assign/"), _M),
    html("mediation_intake", "POST", _request("intake/"), _M, {"intake_on": "2024-01-02"}),
    html(
        "mediation_session",
        "POST",
        _request("session/"),
        _M,
        {"held_on": "2024-01-03", "format": "online"},
    ),
    html(
        "mediation_outcome",
        "POST",
        _request("outcome/"),
        _M,
        {"outcome": "full", "outcome_on": "2024-01-04"},
    ),
    html("mediation_case_section", "GET", _case(""), _P.VIEW_CASES),
    html("mediation_refer", "POST", _case("refer/"), _P.EDIT_CASES, _REFER),
]
_API = "/api/v1/mediators"


def _api(
    method: str,
    path: str,
    url: UrlBuilder,
    data: dict[str, Any] | None = None,
    *,
    targets_object: bool = True,
) -> Endpoint:
    return Endpoint(
        f"{method} {_API}{path}",
        method,
        url,
        _M,
        api=True,
        data=data,
        targets_object=targets_object,
        ok_statuses=frozenset({200, 201}),
    )


def _api_mediator(suffix: str) -> UrlBuilder:
    def build(cast: Cast, org: Organisation, requester: str) -> str:
        return f"{_API}/profiles/{make_mediators(profile())[0].pk}{suffix}"

    return build


def _api_request(suffix: str) -> UrlBuilder:
    def build(cast: Cast, org: Organisation, requester: str) -> str:
        return f"{_API}/requests/{make_request().pk}{suffix}"

    return build


# No cast member belongs to the mediator network, so every one of them is refused (403): the
# manager's and the mediators' own answers, and a 404 for a request not theirs, are tested in
# mediators/tests/test_api_staff.py.
MEDIATORS_API_ENDPOINTS: list[Endpoint] = [
    _api("GET", "/profiles", _fixed(f"{_API}/profiles"), targets_object=False),
    _api("GET", "/profiles/{mediator_id}", _api_mediator("")),
    _api("POST", "/profiles/{mediator_id}/publish", _api_mediator("/publish"), {}),
    _api("POST", "/profiles/{mediator_id}/unpublish", _api_mediator("/unpublish"), {}),
    _api("GET", "/requests", _fixed(f"{_API}/requests"), targets_object=False),
    _api("GET", "/requests/{request_id}", _api_request("")),
    _api(
        "POST", "/requests/{request_id}/assign", _api_request("/assign"), {"first": 1, "second": 2}
    ),
    _api(
        "POST",
        "/requests/{request_id}/outcome",
        _api_request("/outcome"),
        {"outcome": "full", "outcome_on": "2024-01-04"},
    ),
]
