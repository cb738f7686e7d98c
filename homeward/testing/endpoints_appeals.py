"""Authorisation-matrix rows for publicity appeals (see endpoints.py). Each builder makes its
object in the target organisation (the Belgian hotline for the network office, whose members
are refused anyway)."""

from __future__ import annotations

from typing import Any

from homeward.appeals.models import Appeal, Takedown
from homeward.organisations.models import Organisation
from homeward.organisations.roles import OrganisationKind, Permission
from homeward.testing.appeals import case_with_photo, make_appeal, make_site
from homeward.testing.cast import Cast
from homeward.testing.matrix import Endpoint, UrlBuilder

APPEALS_HTML_ENDPOINTS: list[Endpoint] = []
APPEALS_API_ENDPOINTS: list[Endpoint] = []
# reachable without signing in, on purpose: the appeals page and feed, the widget, photos,
# site registration
APPEALS_PUBLIC_ROUTES: set[str] = {
    "appeal_list",
    "appeal_public",
    "appeal_photo",
    "appeal_feed",
    "appeal_widget",
    "appeal_widget_script",
    "appeal_site_register",
    "GET /api/v1/public/appeals",
}

_API = "/api/v1"
_P = Permission
_OK = frozenset({200, 201})
_HTML_OK = frozenset({200, 302})


def _hotline(cast: Cast, org: Organisation) -> Organisation:
    return org if org.kind == OrganisationKind.NATIONAL_HOTLINE else cast.be


def _appeal(state: str, suffix: str = "") -> UrlBuilder:
    """An appeal of the target hotline in `state`; `suffix` may name {item_id} (the first item
    of its takedown checklist)."""

    def build(cast: Cast, org: Organisation, requester: str) -> str:
        appeal: Appeal = make_appeal(cast, _hotline(cast, org), state=state)
        item = ""
        if "{item_id}" in suffix:
            first = Takedown.objects.get(appeal=appeal).items.first()
            item = str(first.pk if first else 0)
        return f"{{root}}/{appeal.pk}{suffix.format(item_id=item)}"

    return build


def _html(state: str, suffix: str = "/") -> UrlBuilder:
    build = _appeal(state, suffix)
    return lambda cast, org, requester: build(cast, org, requester).format(root="/appeals/desk")


def _api(state: str, suffix: str = "") -> UrlBuilder:
    build = _appeal(state, suffix)
    return lambda cast, org, requester: build(cast, org, requester).format(root=f"{_API}/appeals")


def _case(prefix: str) -> UrlBuilder:
    def build(cast: Cast, org: Organisation, requester: str) -> str:
        return prefix.format(case_id=case_with_photo(cast, _hotline(cast, org)).pk)

    return build


def _site(suffix: str, root: str) -> UrlBuilder:
    def build(cast: Cast, org: Organisation, requester: str) -> str:
        country = _hotline(cast, org).country
        return f"{root}/{make_site(country).pk}{suffix}"

    return build


def _fixed(url: str) -> UrlBuilder:
    return lambda cast, org, requester: url


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
        name, method, url, permission, data=data, targets_object=targets_object,
        ok_statuses=_HTML_OK,
    )  # fmt: skip


def api(
    method: str,
    path: str,
    url: UrlBuilder,
    permission: Permission | None,
    data: dict[str, Any] | None = None,
    *,
    targets_object: bool = True,
    ok: frozenset[int] = _OK,
) -> Endpoint:
    return Endpoint(
        f"{method} {_API}{path}", method, url, permission, api=True, data=data,
        targets_object=targets_object, ok_statuses=ok,
    )  # fmt: skip


_CONSENT = {
    "party": "guardian", "answer": "given", "name": "Test Guardian", "how": "phone",
    "given_at": "2024-01-01T12:00",
}  # fmt: skip
_POLICY = {
    "default_days": "20", "maximum_days": "60", "police_consent_required": "on",
    "child_view_from_age": "12",
}  # fmt: skip

APPEALS_HTML_ENDPOINTS += [
    html("appeal_case_panel", "GET", _case("/appeals/case/{case_id}/"), _P.VIEW_CASES),
    # no child named: a permitted member is sent back to the case with the error (302)
    html("appeal_create", "POST", _case("/appeals/case/{case_id}/new/"), _P.EDIT_CASES),
    html("appeal_detail", "GET", _html("published"), _P.VIEW_CASES),
    html("appeal_detail", "GET", _html("ended"), _P.VIEW_CASES),
    html("appeal_edit", "GET", _html("draft", "/edit/"), _P.EDIT_CASES),
    # an incomplete form: the page again with its errors (200)
    html("appeal_edit", "POST", _html("draft", "/edit/"), _P.EDIT_CASES, {"first_name": ""}),
    html("appeal_consent", "GET", _html("draft", "/consent/"), _P.EDIT_CASES),
    html("appeal_consent", "POST", _html("draft", "/consent/"), _P.EDIT_CASES, _CONSENT),
    html("appeal_publish", "POST", _html("consented", "/publish/"), _P.APPROVE),
    html("appeal_end", "POST", _html("published", "/end/"), _P.EDIT_CASES),
    html("appeal_item_tick", "POST", _html("ended", "/checklist/{item_id}/"), _P.EDIT_CASES,
         {"done": "1"}),
    html("appeal_policy", "GET", _fixed("/appeals/policy/"), _P.MANAGE_SETTINGS,
         targets_object=False),
    html("appeal_policy", "POST", _fixed("/appeals/policy/"), _P.MANAGE_SETTINGS, _POLICY,
         targets_object=False),
    html("appeal_sites", "GET", _fixed("/appeals/sites/"), _P.MANAGE_SETTINGS,
         targets_object=False),
    html("appeal_site_block", "POST", _site("/block/", "/appeals/sites"), _P.MANAGE_SETTINGS,
         {"reason": "matrix"}),
    html("appeal_site_unblock", "POST", _site("/unblock/", "/appeals/sites"),
         _P.MANAGE_SETTINGS),
]  # fmt: skip

_A = "/appeals/{appeal_id}"

APPEALS_API_ENDPOINTS += [
    api("GET", "/appeals", _fixed(f"{_API}/appeals"), _P.VIEW_CASES, targets_object=False),
    # the body names no case of the caller's hotline: a permitted member gets the 422
    api("POST", "/appeals", _fixed(f"{_API}/appeals"), _P.EDIT_CASES,
        {"case_id": 999_999_999, "child_id": 999_999_999}, targets_object=False,
        ok=frozenset({201, 422})),
    api("GET", _A, _api("published"), _P.VIEW_CASES),
    api("PATCH", _A, _api("draft"), _P.EDIT_CASES, {"first_name": "Mila"}),
    api("POST", f"{_A}/publish", _api("consented", "/publish"), _P.APPROVE),
    api("POST", f"{_A}/end", _api("published", "/end"), _P.EDIT_CASES),
    api("GET", f"{_A}/takedown", _api("ended", "/takedown"), _P.VIEW_CASES),
    api("POST", f"{_A}/takedown/items/{{item_id}}", _api("ended", "/takedown/items/{item_id}"),
        _P.EDIT_CASES, {"done": True}),
    api("GET", f"{_A}/consents", _api("draft", "/consents"), _P.VIEW_CASES),
    api("POST", f"{_A}/consents", _api("draft", "/consents"), _P.EDIT_CASES,
        {**_CONSENT, "given_at": "2024-01-01T12:00:00Z"}),
    api("GET", "/appeal-policy", _fixed(f"{_API}/appeal-policy"), None, targets_object=False),
    api("PUT", "/appeal-policy", _fixed(f"{_API}/appeal-policy"), _P.MANAGE_SETTINGS,
        {"default_days": 20, "maximum_days": 60, "police_consent_required": True,
         "child_view_from_age": 12}, targets_object=False),
    api("GET", "/widget-sites", _fixed(f"{_API}/widget-sites"), _P.MANAGE_SETTINGS,
        targets_object=False),
    api("POST", "/widget-sites/{site_id}/block", _site("/block", f"{_API}/widget-sites"),
        _P.MANAGE_SETTINGS, {"reason": "matrix"}),
    api("POST", "/widget-sites/{site_id}/unblock", _site("/unblock", f"{_API}/widget-sites"),
        _P.MANAGE_SETTINGS),
]  # fmt: skip
