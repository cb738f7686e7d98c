"""Every staff endpoint, HTML and API, with the permission it needs. The authorisation matrix
runs each against the whole cast; a coverage test fails when a route is missing here, so a
new endpoint cannot ship without its row. Later capabilities add their endpoints."""

from __future__ import annotations

from django.urls import reverse

from homeward.organisations import actions
from homeward.organisations.models import Organisation
from homeward.organisations.roles import Permission
from homeward.testing.cast import Cast
from homeward.testing.matrix import Endpoint, UrlBuilder
from homeward.testing.targets import invitation_for, invitation_from, member_in

P = Permission
API = "/api/v1"
ACCEPTED = frozenset({200, 201, 302})
# 422: the request passed authorisation and then a business rule (e.g. the last admin)
ACCEPTED_OR_RULE = frozenset({200, 201, 302, 422})


def _member_url(name: str) -> UrlBuilder:
    def build(cast: Cast, org: Organisation, requester: str) -> str:
        return reverse(name, args=[member_in(cast, org).pk])

    return build


def _fixed(url: str) -> UrlBuilder:
    return lambda cast, org, requester: url


def _token_url(cast: Cast, org: Organisation, requester: str) -> str:
    own = cast.org_of(requester).pk == org.pk
    holder = cast.member(requester) if own else member_in(cast, org)
    token = actions.create_api_token(membership=holder, name="matrix", days=1).token
    return reverse("token_revoke", args=[token.pk])


def _api_member(suffix: str = "") -> UrlBuilder:
    def build(cast: Cast, org: Organisation, requester: str) -> str:
        return f"{API}/members/{member_in(cast, org).pk}{suffix}"

    return build


def _org_invitation(prefix: str, suffix: str = "") -> UrlBuilder:
    """An open invitation of the target organisation (its admins may revoke it)."""

    def build(cast: Cast, org: Organisation, requester: str) -> str:
        return f"{prefix}{invitation_from(cast, org, 'matrix-invitee@cast.test').pk}{suffix}"

    return build


def _my_invitation(prefix: str, suffix: str = "") -> UrlBuilder:
    """Own target: an invitation addressed to the requester; other: one addressed to someone
    else (its id must answer 404 to her, whoever sent it)."""

    def build(cast: Cast, org: Organisation, requester: str) -> str:
        own = cast.org_of(requester).pk == org.pk
        return f"{prefix}{invitation_for(cast, requester, own).pk}{suffix}"

    return build


HTML_ENDPOINTS: list[Endpoint] = [
    Endpoint("dashboard", "GET", _fixed("/dashboard/"), None, targets_object=False),
    Endpoint(
        "member_list",
        "GET",
        _fixed("/organisation/members/"),
        P.MANAGE_MEMBERS,
        targets_object=False,
    ),
    Endpoint(
        "member_invite",
        "GET",
        _fixed("/organisation/members/invite/"),
        P.MANAGE_MEMBERS,
        targets_object=False,
    ),
    Endpoint(
        "member_invite",
        "POST",
        _fixed("/organisation/members/invite/"),
        P.MANAGE_MEMBERS,
        data={"email": "newcomer@cast.test", "role": "org_admin"},
        targets_object=False,
    ),
    Endpoint("member_detail", "GET", _member_url("member_detail"), P.MANAGE_MEMBERS),
    Endpoint(
        "member_detail",
        "POST",
        _member_url("member_detail"),
        P.MANAGE_MEMBERS,
        data={"role": "dpo"},
    ),
    Endpoint("member_deactivate", "POST", _member_url("member_deactivate"), P.MANAGE_MEMBERS),
    Endpoint("member_reactivate", "POST", _member_url("member_reactivate"), P.MANAGE_MEMBERS),
    Endpoint(
        "invitation_revoke",
        "POST",
        _org_invitation("/organisation/invitations/", "/revoke/"),
        P.MANAGE_MEMBERS,
    ),
    Endpoint("invitation_list", "GET", _fixed("/account/invitations/"), None, targets_object=False),
    Endpoint("account_email", "GET", _fixed("/accounts/email/"), None, targets_object=False),
    Endpoint(
        "invitation_accept", "POST", _my_invitation("/account/invitations/", "/accept/"), None
    ),
    Endpoint(
        "invitation_decline", "POST", _my_invitation("/account/invitations/", "/decline/"), None
    ),
    Endpoint(
        "switch_organisation",
        "POST",
        _fixed("/organisation/switch/"),
        None,
        data={"organisation": "1"},
        targets_object=False,
    ),
    Endpoint("session_status", "GET", _fixed("/account/session/"), None, targets_object=False),
    Endpoint(
        "session_restored",
        "GET",
        _fixed("/account/session/restored/"),
        None,
        targets_object=False,
    ),
    Endpoint("token_list", "GET", _fixed("/account/tokens/"), None, targets_object=False),
    Endpoint(
        "token_list",
        "POST",
        _fixed("/account/tokens/"),
        None,
        data={"name": "script", "days": "30"},
        targets_object=False,
    ),
    Endpoint("token_revoke", "POST", _token_url, None),
    Endpoint("audit_event_list", "GET", _fixed("/audit/"), P.VIEW_AUDIT, targets_object=False),
    Endpoint(
        "audit_event_export",
        "GET",
        _fixed("/audit/export.csv"),
        P.VIEW_AUDIT,
        targets_object=False,
    ),
]

API_ENDPOINTS: list[Endpoint] = [
    Endpoint("GET /api/v1/me", "GET", _fixed(f"{API}/me"), None, api=True, targets_object=False),
    Endpoint(
        "GET /api/v1/organisations",
        "GET",
        _fixed(f"{API}/organisations"),
        None,
        api=True,
        targets_object=False,
    ),
    Endpoint(
        "GET /api/v1/members",
        "GET",
        _fixed(f"{API}/members"),
        P.MANAGE_MEMBERS,
        api=True,
        targets_object=False,
    ),
    Endpoint(
        "POST /api/v1/members",
        "POST",
        _fixed(f"{API}/members"),
        P.MANAGE_MEMBERS,
        api=True,
        targets_object=False,
        data={"email": "newcomer@cast.test", "role": "org_admin"},
        ok_statuses=ACCEPTED,
    ),
    Endpoint(
        "GET /api/v1/invitations",
        "GET",
        _fixed(f"{API}/invitations"),
        P.MANAGE_MEMBERS,
        api=True,
        targets_object=False,
    ),
    Endpoint(
        "POST /api/v1/invitations/{invitation_id}/revoke",
        "POST",
        _org_invitation(f"{API}/invitations/", "/revoke"),
        P.MANAGE_MEMBERS,
        api=True,
    ),
    Endpoint(
        "GET /api/v1/me/invitations",
        "GET",
        _fixed(f"{API}/me/invitations"),
        None,
        api=True,
        targets_object=False,
    ),
    Endpoint(
        "POST /api/v1/me/invitations/{invitation_id}/accept",
        "POST",
        _my_invitation(f"{API}/me/invitations/", "/accept"),
        None,
        api=True,
    ),
    Endpoint(
        "POST /api/v1/me/invitations/{invitation_id}/decline",
        "POST",
        _my_invitation(f"{API}/me/invitations/", "/decline"),
        None,
        api=True,
    ),
    Endpoint("GET /api/v1/members/{member_id}", "GET", _api_member(), P.MANAGE_MEMBERS, api=True),
    Endpoint(
        "PATCH /api/v1/members/{member_id}",
        "PATCH",
        _api_member(),
        P.MANAGE_MEMBERS,
        api=True,
        data={"role": "dpo"},
        ok_statuses=ACCEPTED_OR_RULE,
    ),
    Endpoint(
        "POST /api/v1/members/{member_id}/deactivate",
        "POST",
        _api_member("/deactivate"),
        P.MANAGE_MEMBERS,
        api=True,
        ok_statuses=ACCEPTED_OR_RULE,
    ),
]

# Each capability keeps its rows in a module of its own, added here.
from homeward.testing.endpoints_alerts import (  # noqa: E402
    ALERTS_API_ENDPOINTS,
    ALERTS_HTML_ENDPOINTS,
    ALERTS_PUBLIC_ROUTES,
)
from homeward.testing.endpoints_appeals import (  # noqa: E402
    APPEALS_API_ENDPOINTS,
    APPEALS_HTML_ENDPOINTS,
    APPEALS_PUBLIC_ROUTES,
)
from homeward.testing.endpoints_cases import CASES_API_ENDPOINTS, CASES_HTML_ENDPOINTS  # noqa: E402
from homeward.testing.endpoints_crossborder import XB_API_ENDPOINTS, XB_HTML_ENDPOINTS  # noqa: E402
from homeward.testing.endpoints_directories import (  # noqa: E402
    DIRECTORIES_API_ENDPOINTS,
    DIRECTORIES_HTML_ENDPOINTS,
    DIRECTORIES_PUBLIC_ROUTES,
)
from homeward.testing.endpoints_mediators import (  # noqa: E402
    MEDIATORS_API_ENDPOINTS,
    MEDIATORS_HTML_ENDPOINTS,
    MEDIATORS_PUBLIC_ROUTES,
)
from homeward.testing.endpoints_statistics import (  # noqa: E402
    STATS_API_ENDPOINTS,
    STATS_HTML_ENDPOINTS,
)

HTML_ENDPOINTS += (
    CASES_HTML_ENDPOINTS
    + XB_HTML_ENDPOINTS
    + ALERTS_HTML_ENDPOINTS
    + APPEALS_HTML_ENDPOINTS
    + DIRECTORIES_HTML_ENDPOINTS
    + MEDIATORS_HTML_ENDPOINTS
    + STATS_HTML_ENDPOINTS
)
API_ENDPOINTS += (
    CASES_API_ENDPOINTS
    + XB_API_ENDPOINTS
    + ALERTS_API_ENDPOINTS
    + APPEALS_API_ENDPOINTS
    + DIRECTORIES_API_ENDPOINTS
    + MEDIATORS_API_ENDPOINTS
    + STATS_API_ENDPOINTS
)
ALL_ENDPOINTS = HTML_ENDPOINTS + API_ENDPOINTS

# Reachable without signing in, on purpose.
PUBLIC_ROUTES = (
    {
        "home",
        "hotline_finder",
        "healthz",
        "readyz",
        "set_language",
        "GET /api/v1/hotlines",
    }
    | ALERTS_PUBLIC_ROUTES
    | APPEALS_PUBLIC_ROUTES
    | DIRECTORIES_PUBLIC_ROUTES
    | MEDIATORS_PUBLIC_ROUTES
)
