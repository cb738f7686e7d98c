"""Authorisation-matrix rows for the directories (see endpoints.py). A service is built in the
target organisation's country (the Belgian hotline's for the network office, whose members
are refused anyway); prevention pages are the network office's, for every country, so their
rows act on no other organisation's object."""

from __future__ import annotations

from typing import Any

from homeward.directories.choices import State
from homeward.organisations.models import Organisation
from homeward.organisations.roles import OrganisationKind, Permission
from homeward.testing.cast import Cast
from homeward.testing.directories import make_entry, make_service
from homeward.testing.matrix import Endpoint, UrlBuilder

DIRECTORIES_HTML_ENDPOINTS: list[Endpoint] = []
DIRECTORIES_API_ENDPOINTS: list[Endpoint] = []
# reachable without signing in, on purpose: prevention pages, the services directory and its
# exports, the public submission form
DIRECTORIES_PUBLIC_ROUTES: set[str] = {
    "prevention_index",
    "prevention_page",
    "service_list",
    "service_submit",
    "service_export_json",
    "service_export_csv",
    "service_detail",
    "GET /api/v1/public/services",
    "GET /api/v1/public/services/{public_id}",
    "GET /api/v1/public/prevention/{country}",
}

_API = "/api/v1"
_P = Permission
_OK = frozenset({200, 201})
_HTML_OK = frozenset({200, 302})


def _service(state: str, template: str) -> UrlBuilder:
    def build(cast: Cast, org: Organisation, requester: str) -> str:
        country = org.country if org.kind == OrganisationKind.NATIONAL_HOTLINE else "BE"
        return template.format(id=make_service(cast, country, state).pk)

    return build


def _entry(template: str) -> UrlBuilder:
    def build(cast: Cast, org: Organisation, requester: str) -> str:
        country = org.country or "BE"
        entry = make_entry(cast, country, "en", "parents")
        return template.format(id=entry.pk)

    return build


def _fixed(url: str) -> UrlBuilder:
    return lambda cast, org, requester: url


def html(
    name: str,
    method: str,
    url: UrlBuilder,
    permission: Permission,
    data: dict[str, Any] | None = None,
    *,
    targets_object: bool = True,
) -> Endpoint:
    return Endpoint(name, method, url, permission, data=data, targets_object=targets_object,
                    ok_statuses=_HTML_OK)  # fmt: skip


def api(
    method: str,
    path: str,
    url: UrlBuilder,
    permission: Permission,
    data: dict[str, Any] | None = None,
    *,
    targets_object: bool = True,
) -> Endpoint:
    return Endpoint(f"{method} {_API}{path}", method, url, permission, api=True, data=data,
                    targets_object=targets_object, ok_statuses=_OK)  # fmt: skip


_M = "/directories/moderation/{id}"
_S = _P.MANAGE_SETTINGS
_N = _P.MANAGE_NETWORK
_REASON = {"reason": "matrix"}

DIRECTORIES_HTML_ENDPOINTS += [
    html("directory_moderation", "GET", _fixed("/directories/moderation/"), _S,
         targets_object=False),
    html("directory_service_review", "GET", _service(State.SUBMITTED, _M + "/"), _S),
    html("directory_service_publish", "POST", _service(State.SUBMITTED, _M + "/publish/"), _S),
    html("directory_service_reject", "POST", _service(State.SUBMITTED, _M + "/reject/"), _S,
         _REASON),
    html("directory_service_withdraw", "POST", _service(State.PUBLISHED, _M + "/withdraw/"), _S,
         _REASON),
    # the network office keeps every country's pages: no other organisation's object
    html("directory_prevention_manage", "GET", _fixed("/directories/prevention/"), _N,
         targets_object=False),
    html("directory_prevention_new", "GET", _fixed("/directories/prevention/new/"), _N,
         targets_object=False),
    html("directory_prevention_edit", "GET", _entry("/directories/prevention/{id}/"), _N,
         targets_object=False),
    html("directory_prevention_verify", "POST", _entry("/directories/prevention/{id}/verify/"),
         _N, targets_object=False),
]  # fmt: skip

_AS = f"{_API}/directory-services/{{id}}"

DIRECTORIES_API_ENDPOINTS += [
    api("GET", "/directory-services", _fixed(f"{_API}/directory-services"), _S,
        targets_object=False),
    api("POST", "/directory-services/{service_id}/publish",
        _service(State.SUBMITTED, _AS + "/publish"), _S),
    api("POST", "/directory-services/{service_id}/reject",
        _service(State.SUBMITTED, _AS + "/reject"), _S, _REASON),
    api("POST", "/directory-services/{service_id}/withdraw",
        _service(State.PUBLISHED, _AS + "/withdraw"), _S, _REASON),
    api("GET", "/prevention-pages", _fixed(f"{_API}/prevention-pages"), _N,
        targets_object=False),
    api("POST", "/prevention-pages/{entry_id}/verify",
        _entry(f"{_API}/prevention-pages/{{id}}/verify"), _N, targets_object=False),
]  # fmt: skip
