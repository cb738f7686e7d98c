"""Authorisation-matrix rows for child alerts (see endpoints.py). Objects are built in the
target organisation through the real actions; the network office has no cases, so its
targets are built in the Belgian hotline (its members lack the permissions anyway)."""

from __future__ import annotations

from typing import Any

from homeward.organisations.models import Organisation
from homeward.organisations.roles import Permission
from homeward.testing.alerts import abduction_case, make_alert, make_assessment
from homeward.testing.cast import Cast
from homeward.testing.matrix import Endpoint, UrlBuilder

P = Permission
API = "/api/v1/alerts"
OK = frozenset({200, 201})
# 422: authorisation passed, then the body named no record of the caller's hotline
OK_OR_RULE = frozenset({200, 201, 422})


def _hotline(cast: Cast, org: Organisation) -> Organisation:
    return org if org.pk in (cast.be.pk, cast.fr.pk) else cast.be


def _case(path: str) -> UrlBuilder:
    def build(cast: Cast, org: Organisation, requester: str) -> str:
        return path.format(id=abduction_case(cast, _hotline(cast, org)).pk)

    return build


def _assessment(path: str) -> UrlBuilder:
    def build(cast: Cast, org: Organisation, requester: str) -> str:
        case = abduction_case(cast, _hotline(cast, org))
        return path.format(id=make_assessment(cast, case).pk)

    return build


def _alert(path: str) -> UrlBuilder:
    def build(cast: Cast, org: Organisation, requester: str) -> str:
        return path.format(id=make_alert(cast, _hotline(cast, org)).pk)

    return build


def _fixed(url: str) -> UrlBuilder:
    return lambda cast, org, requester: url


def _html(
    name: str, method: str, url: UrlBuilder, permission: Permission, **extra: Any
) -> Endpoint:
    return Endpoint(name, method, url, permission, **extra)


PUBLICATION = {
    "countries": "BE", "duration_hours": "6", "headline": "Matrix", "description": "Matrix",
    "instruction": "Call.", "hotline_number": "116 000", "urgency": "Immediate",
    "severity": "Severe", "certainty": "Likely",
}  # fmt: skip

ALERTS_HTML_ENDPOINTS: list[Endpoint] = [
    _html("alert_case_section", "GET", _case("/alerts/case/{id}/"), P.VIEW_CASES),
    _html("alert_assess", "GET", _case("/alerts/case/{id}/assess/"), P.APPROVE),
    # an incomplete form: a permitted member gets the page back with the errors (200)
    _html("alert_assess", "POST", _case("/alerts/case/{id}/assess/"), P.APPROVE,
          data={"reasoning": "matrix"}),
    _html("alert_assessment_detail", "GET", _assessment("/alerts/assessment/{id}/"),
          P.VIEW_CASES),
    _html("alert_activate", "GET", _assessment("/alerts/assessment/{id}/activate/"), P.APPROVE),
    _html("alert_activate", "POST", _assessment("/alerts/assessment/{id}/activate/"), P.APPROVE,
          data={"grounds": "matrix"}),
    _html("alert_detail", "GET", _alert("/alerts/staff/{id}/"), P.VIEW_CASES),
    _html("alert_update", "GET", _alert("/alerts/staff/{id}/update/"), P.APPROVE),
    _html("alert_update", "POST", _alert("/alerts/staff/{id}/update/"), P.APPROVE,
          data=PUBLICATION),
    _html("alert_end", "GET", _alert("/alerts/staff/{id}/end/"), P.EDIT_CASES),
    _html("alert_end", "POST", _alert("/alerts/staff/{id}/end/"), P.EDIT_CASES,
          data={"reason": "authority_ended"}),
    _html("alert_relay", "GET", _alert("/alerts/staff/{id}/relay/"), P.APPROVE),
    _html("alert_relay", "POST", _alert("/alerts/staff/{id}/relay/"), P.APPROVE, data={}),
    _html("alert_criteria", "GET", _fixed("/alerts/criteria/"), P.MANAGE_SETTINGS,
          targets_object=False),
    _html("alert_criteria", "POST", _fixed("/alerts/criteria/"), P.MANAGE_SETTINGS,
          targets_object=False, data={"criteria": "Under 18.\nIn danger."}),
]  # fmt: skip


def _api(
    method: str, path: str, url: UrlBuilder, permission: Permission | None, **extra: Any
) -> Endpoint:
    extra.setdefault("ok_statuses", OK)
    return Endpoint(f"{method} {API}{path}", method, url, permission, api=True, **extra)


API_PUBLICATION = {**PUBLICATION, "countries": ["BE"], "duration_hours": 6}
_A = "/{alert_id}"

ALERTS_API_ENDPOINTS: list[Endpoint] = [
    _api("GET", "/criteria", _fixed(f"{API}/criteria"), None, targets_object=False),
    _api("PUT", "/criteria", _fixed(f"{API}/criteria"), P.MANAGE_SETTINGS,
         targets_object=False, data={"criteria": ["Under 18."]}),
    # the body names no case of the caller's hotline: a permitted member gets the 422
    _api("POST", "/assessments", _fixed(f"{API}/assessments"), P.APPROVE, targets_object=False,
         data={"case_id": 999_999_999, "recommendation": "do_not", "reasoning": "matrix"},
         ok_statuses=OK_OR_RULE),
    _api("GET", "/assessments/{assessment_id}", _assessment(f"{API}/assessments/{{id}}"),
         P.VIEW_CASES),
    _api("GET", "", _fixed(API), P.VIEW_CASES, targets_object=False),
    _api("POST", "", _fixed(API), P.APPROVE, targets_object=False,
         data={**API_PUBLICATION, "assessment_id": 999_999_999, "authority_kind": "police",
               "authority_name": "m", "decided_by": "m", "decided_at": "2026-01-01T10:00:00Z",
               "grounds": "m"},
         ok_statuses=OK_OR_RULE),
    _api("GET", _A, _alert(f"{API}/{{id}}"), P.VIEW_CASES),
    _api("POST", f"{_A}/update", _alert(f"{API}/{{id}}/update"), P.APPROVE,
         data=API_PUBLICATION),
    _api("POST", f"{_A}/end", _alert(f"{API}/{{id}}/end"), P.EDIT_CASES,
         data={"reason": "authority_ended"}),
    # no hotline of the network in that country: a permitted member gets the 422
    _api("POST", f"{_A}/relay", _alert(f"{API}/{{id}}/relay"), P.APPROVE,
         data={"receiver_country": "IS"}, ok_statuses=OK_OR_RULE),
    _api("GET", f"{_A}/messages", _alert(f"{API}/{{id}}/messages"), P.VIEW_CASES),
]  # fmt: skip

# reachable without signing in, on purpose: the CAP and Atom feeds, the public alert page
ALERTS_PUBLIC_ROUTES: set[str] = {
    "alert_feed",
    "alert_cap_latest",
    "alert_cap_message",
    "alert_public",
    "alert_photo",
}
