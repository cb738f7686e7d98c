"""Authorisation-matrix rows for contacts, cases and children (see endpoints.py)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from homeward.cases import actions as case_actions
from homeward.organisations.models import Membership, Organisation
from homeward.organisations.roles import Permission
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast
from homeward.testing.matrix import Endpoint, UrlBuilder

CASES_HTML_ENDPOINTS: list[Endpoint] = []
CASES_API_ENDPOINTS: list[Endpoint] = []


# --- API ---------------------------------------------------------------------------------------

_API = "/api/v1"
_API_OK = frozenset({200, 201})
# 422: authorisation passed and then a business rule answered (a status transition, a closed case)
_API_OK_OR_RULE = frozenset({200, 201, 422})


def _api_editor(cast: Cast, org: Organisation) -> Membership:
    return cast.member("fr_operator" if org.pk == cast.fr.pk else "be_operator")


def _api_approver(cast: Cast, org: Organisation) -> Membership:
    return cast.member("fr_supervisor" if org.pk == cast.fr.pk else "be_supervisor")


def _api_case(suffix: str = "") -> UrlBuilder:
    def build(cast: Cast, org: Organisation, requester: str) -> str:
        return f"{_API}/cases/{make_case(cast, org).pk}{suffix}"

    return build


def _api_closed_case(suffix: str) -> UrlBuilder:
    def build(cast: Cast, org: Organisation, requester: str) -> str:
        case = make_case(cast, org)
        editor, approver = _api_editor(cast, org), _api_approver(cast, org)
        closure = case_actions.request_closure(
            membership=editor, case=case, outcome="still_missing"
        )
        case_actions.decide_closure(membership=approver, closure=closure, approve=True)
        return f"{_API}/cases/{case.pk}{suffix}"

    return build


def _api_closure(cast: Cast, org: Organisation, requester: str) -> str:
    editor = _api_editor(cast, org)
    closure = case_actions.request_closure(
        membership=editor, case=make_case(cast, org), outcome="returned",
        found_on=timezone.localdate(),
    )  # fmt: skip
    return f"{_API}/closures/{closure.pk}/decision"


def _api_contact(cast: Cast, org: Organisation, requester: str) -> str:
    editor = _api_editor(cast, org)
    contact = case_actions.log_contact(
        membership=editor, channel="sms", caller="child",
        contact_type="information",
    )  # fmt: skip
    return f"{_API}/contacts/{contact.pk}"


def _api_child(suffix: str = "") -> UrlBuilder:
    def build(cast: Cast, org: Organisation, requester: str) -> str:
        link = make_case(cast, org).case_children.get()
        return f"{_API}/children/{link.child_id}{suffix}"

    return build


def _api_fixed(url: str) -> UrlBuilder:
    return lambda cast, org, requester: f"{_API}{url}"


def _api(
    method: str,
    path: str,
    url: UrlBuilder,
    permission: Permission,
    data: dict[str, Any] | None = None,
    ok: frozenset[int] = _API_OK,
    *,
    targets_object: bool = True,
) -> Endpoint:
    return Endpoint(
        f"{method} {_API}{path}",
        method,
        url,
        permission,
        api=True,
        data=data,
        targets_object=targets_object,
        ok_statuses=ok,
    )


_P = Permission
_NEW_CHILD = {"given_names": "Mila", "family_name": "Matrix", "sex": "female"}

CASES_API_ENDPOINTS += [
    # contacts
    _api("POST", "/contacts", _api_fixed("/contacts"), _P.EDIT_CASES, targets_object=False,
         data={"channel": "phone_116000", "caller": "parent", "contact_type": "information"}),
    _api("GET", "/contacts", _api_fixed("/contacts"), _P.VIEW_CASES, targets_object=False),
    _api("GET", "/contacts/{contact_id}", _api_contact, _P.VIEW_CASES),
    # cases
    _api("GET", "/cases", _api_fixed("/cases?status=open"), _P.VIEW_CASES, targets_object=False),
    _api("POST", "/cases", _api_fixed("/cases"), _P.EDIT_CASES, targets_object=False,
         data={"category": "runaway", "children": [_NEW_CHILD]}),
    _api("GET", "/cases/{case_id}", _api_case(), _P.VIEW_CASES),
    _api("PATCH", "/cases/{case_id}", _api_case(), _P.EDIT_CASES,
         data={"summary": "Updated by the matrix."}),
    _api("PUT", "/cases/{case_id}/section", _api_case("/section"), _P.EDIT_CASES,
         data={"left_from": "home"}),
    _api("POST", "/cases/{case_id}/status", _api_case("/status"), _P.EDIT_CASES,
         data={"status": "active_search"}, ok=_API_OK_OR_RULE),
    # the body names no real colleague: a permitted member gets the 422 that names member_id
    _api("POST", "/cases/{case_id}/assign", _api_case("/assign"), _P.EDIT_CASES,
         data={"member_id": 999_999_999}, ok=_API_OK_OR_RULE),
    _api("GET", "/cases/{case_id}/timeline", _api_case("/timeline"), _P.VIEW_CASES),
    _api("POST", "/cases/{case_id}/timeline", _api_case("/timeline"), _P.EDIT_CASES,
         data={"kind": "note", "text": "A note from the matrix."}),
    _api("GET", "/cases/{case_id}/risk", _api_case("/risk"), _P.VIEW_CASES),
    _api("POST", "/cases/{case_id}/risk", _api_case("/risk"), _P.EDIT_CASES,
         data={"grade": "low", "rationale": "Known to friends."}),
    _api("POST", "/cases/{case_id}/closure", _api_case("/closure"), _P.EDIT_CASES,
         data={"outcome": "still_missing"}, ok=_API_OK_OR_RULE),
    _api("POST", "/closures/{closure_id}/decision", _api_closure, _P.APPROVE,
         data={"decision": "approve"}, ok=_API_OK_OR_RULE),
    _api("POST", "/cases/{case_id}/reopen", _api_closed_case("/reopen"), _P.EDIT_CASES,
         data={"reason": "A new sighting."}, ok=_API_OK_OR_RULE),
    _api("POST", "/cases/{case_id}/children", _api_case("/children"), _P.EDIT_CASES,
         data={"given_names": "Noor", "family_name": "Matrix"}),
    # children
    _api("GET", "/children/{child_id}", _api_child(), _P.VIEW_CASES),
    _api("PATCH", "/children/{child_id}", _api_child(), _P.EDIT_CASES,
         data={"living_situation": "With an aunt."}),
    _api("POST", "/children/{child_id}/names", _api_child("/names"), _P.EDIT_CASES,
         data={"value": "Lenka"}),
    # the matrix sends JSON, not a photo: a permitted member gets the 422 that names "photo"
    _api("PUT", "/children/{child_id}/photo", _api_child("/photo"), _P.VIEW_PHOTOS,
         ok=frozenset({200, 422})),
    # the matrix's child has no photo: a permitted member gets 404
    _api("GET", "/children/{child_id}/photo", _api_child("/photo"), _P.VIEW_PHOTOS,
         ok=frozenset({200, 404})),
    # search
    _api("GET", "/search/children", _api_fixed("/search/children?q=Lena"), _P.VIEW_CASES,
         targets_object=False),
    _api("GET", "/search/likely-existing",
         _api_fixed("/search/likely-existing?given_names=Lena&family_name=Test"),
         _P.VIEW_CASES, targets_object=False),
]  # fmt: skip


# --- import and export -------------------------------------------------------------------------

from homeward.cases.transfer.importing import upload_import  # noqa: E402

_TRANSFER = "/cases/transfer"
_MATRIX_CONTACTS_CSV = (
    b"started_at,channel,caller,contact_type\n2024-01-05 10:00,sms,child,information\n"
)


class _MatrixUpload:
    """The matrix's upload: the same small synthetic file, read afresh for every request."""

    name = "matrix-contacts.csv"
    content_type = "text/csv"

    def read(self) -> bytes:
        return _MATRIX_CONTACTS_CSV


def _import_job(suffix: str) -> UrlBuilder:
    def build(cast: Cast, org: Organisation, requester: str) -> str:
        editor = _api_editor(cast, org)
        job = upload_import(
            membership=editor, kind="contacts",
            file_name="matrix-contacts.csv", content=_MATRIX_CONTACTS_CSV, dry_run=True,
        )  # fmt: skip
        return f"{_TRANSFER}/import/{job.pk}/{suffix}"

    return build


def _transfer(url: str) -> UrlBuilder:
    return lambda cast, org, requester: f"{_TRANSFER}{url}"


CASES_HTML_ENDPOINTS += [
    Endpoint("case_import", "GET", _transfer("/import/"), _P.EDIT_CASES, targets_object=False),
    Endpoint("case_import", "POST", _transfer("/import/"), _P.EDIT_CASES, targets_object=False,
             data={"kind": "contacts", "file": _MatrixUpload(), "dry_run": "on"}),
    Endpoint("case_import_template", "GET", _transfer("/import/template/cases.xlsx"),
             _P.EDIT_CASES, targets_object=False),
    Endpoint("case_import_job", "GET", _import_job(""), _P.EDIT_CASES),
    Endpoint("case_import_progress", "GET", _import_job("progress/"), _P.EDIT_CASES),
    Endpoint("case_import_errors", "GET", _import_job("errors.csv"), _P.EDIT_CASES),
    # the matrix's job is still waiting (its task runs on commit): a permitted member is sent
    # back to the job's page with the reason
    Endpoint("case_import_start", "POST", _import_job("start/"), _P.EDIT_CASES),
    Endpoint("case_export", "GET", _transfer("/export/"), _P.EXPORT_DATA, targets_object=False),
    Endpoint("case_export", "POST", _transfer("/export/"), _P.EXPORT_DATA, targets_object=False,
             data={"file_format": "json"}),
]  # fmt: skip


# --- case pages ----------------------------------------------------------------------------------

_NO_SUBMIT = {"child1-birth_precision": "exact", "child1-sex": "unknown",
              "child2-birth_precision": "exact", "child2-sex": "unknown"}  # fmt: skip


def _page(url: str) -> UrlBuilder:
    return lambda cast, org, requester: url


def _case_page(suffix: str = "") -> UrlBuilder:
    def build(cast: Cast, org: Organisation, requester: str) -> str:
        return f"/cases/{make_case(cast, org).pk}/{suffix}"

    return build


def _child_page(suffix: str = "", *, photo: bool = False) -> UrlBuilder:
    def build(cast: Cast, org: Organisation, requester: str) -> str:
        import io

        from django.core.files.uploadedfile import SimpleUploadedFile
        from PIL import Image

        child = make_case(cast, org).case_children.get().child
        if photo:
            data = io.BytesIO()
            Image.new("RGB", (8, 8), "blue").save(data, format="JPEG")
            editor = _api_editor(cast, org)
            case_actions.set_child_photo(
                membership=editor, child=child,
                upload=SimpleUploadedFile("p.jpg", data.getvalue(), content_type="image/jpeg"),
            )  # fmt: skip
        return f"/children/{child.pk}/{suffix}"

    return build


def _contact_page(suffix: str = "") -> UrlBuilder:
    """A contact logged as a new case whose case was never opened."""

    def build(cast: Cast, org: Organisation, requester: str) -> str:
        editor = _api_editor(cast, org)
        contact = case_actions.log_contact(
            membership=editor, channel="sms", caller="parent",
            contact_type="new_case",
        )  # fmt: skip
        return f"/contacts/{contact.pk}/{suffix}"

    return build


def _closure_page(cast: Cast, org: Organisation, requester: str) -> str:
    return (
        _api_closure(cast, org, requester)
        .replace("/api/v1/closures/", "/closures/")
        .replace("/decision", "/decide/")
    )


def _html(
    name: str, method: str, url: UrlBuilder, permission: Permission, **extra: Any
) -> Endpoint:
    extra.setdefault("targets_object", True)
    return Endpoint(name, method, url, permission, **extra)


CASES_HTML_ENDPOINTS += [
    _html("contact_log", "GET", _page("/contacts/new/"), _P.EDIT_CASES, targets_object=False),
    _html(
        "contact_log",
        "POST",
        _page("/contacts/new/"),
        _P.EDIT_CASES,
        targets_object=False,
        data={"channel": "sms", "caller": "public", "contact_type": "information"},
    ),
    _html("contact_list", "GET", _page("/contacts/"), _P.VIEW_CASES, targets_object=False),
    _html("contact_detail", "GET", _contact_page(), _P.VIEW_CASES),
    _html(
        "contact_link",
        "POST",
        _contact_page("link/"),
        _P.EDIT_CASES,
        data={"reference": "XX-2026-000001"},
    ),
    _html(
        "contact_retype",
        "POST",
        _contact_page("type/"),
        _P.EDIT_CASES,
        data={"contact_type": "information"},
    ),
    _html(
        "case_list", "GET", _page("/cases/?q=Lena&status=all"), _P.VIEW_CASES, targets_object=False
    ),
    _html("case_go", "GET", _page("/cases/go/?q=Lena"), _P.VIEW_CASES, targets_object=False),
    _html("case_new", "GET", _page("/cases/new/"), _P.EDIT_CASES, targets_object=False),
    _html(
        "case_new",
        "POST",
        _page("/cases/new/"),
        _P.EDIT_CASES,
        targets_object=False,
        data={
            "category": "runaway",
            "child0-given_names": "Mila",
            "child0-sex": "female",
            "child0-birth_precision": "exact",
            **_NO_SUBMIT,
        },
    ),
    _html(
        "case_likely_existing",
        "GET",
        _page("/cases/new/likely/?child0-given_names=Lena"),
        _P.EDIT_CASES,
        targets_object=False,
    ),
    _html("case_handover", "GET", _page("/cases/handover/"), _P.VIEW_CASES, targets_object=False),
    _html("case_detail", "GET", _case_page(), _P.VIEW_CASES),
    _html("case_edit", "GET", _case_page("edit/"), _P.EDIT_CASES),
    _html("case_edit", "POST", _case_page("edit/"), _P.EDIT_CASES, data={"category": "runaway"}),
    _html(
        "case_timeline_add",
        "POST",
        _case_page("timeline/"),
        _P.EDIT_CASES,
        data={"kind": "note", "text": "matrix"},
    ),
    _html(
        "case_status",
        "POST",
        _case_page("status/"),
        _P.EDIT_CASES,
        data={"status": "active_search"},
    ),
    _html("case_child_add", "GET", _case_page("children/add/"), _P.EDIT_CASES),
    _html("case_risk", "GET", _case_page("risk/"), _P.EDIT_CASES),
    _html("case_assign", "GET", _case_page("assign/"), _P.EDIT_CASES),
    _html("case_close", "GET", _case_page("close/"), _P.EDIT_CASES),
    _html("case_reopen", "POST", _case_page("reopen/"), _P.EDIT_CASES, data={"reason": "matrix"}),
    _html("closure_decide", "POST", _closure_page, _P.APPROVE, data={"approve": "on"}),
    _html("child_detail", "GET", _child_page(), _P.VIEW_CASES),
    _html("child_edit", "GET", _child_page("edit/"), _P.EDIT_CASES),
    _html(
        "child_edit",
        "POST",
        _child_page("edit/"),
        _P.EDIT_CASES,
        data={"given_names": "Mila", "sex": "female", "birth_precision": "exact"},
    ),
    _html("case_section", "GET", _case_page("section/"), _P.EDIT_CASES),
    _html(
        "case_section",
        "POST",
        _case_page("section/"),
        _P.EDIT_CASES,
        data={"left_from": "home", "previous_episodes": "1"},
    ),
    _html("child_photo", "GET", _child_page("photo/", photo=True), _P.VIEW_PHOTOS),
    _html("child_photo_upload", "POST", _child_page("photo/upload/"), _P.EDIT_CASES),
    _html("child_name_add", "POST", _child_page("names/"), _P.EDIT_CASES, data={"value": "Mili"}),
]
