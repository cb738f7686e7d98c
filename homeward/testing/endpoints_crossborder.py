"""Authorisation-matrix rows for cross-border cooperation (see endpoints.py). The matrix's
"other" organisation for a BE member is FR and vice versa, so for requests a builder decides
which side the target organisation is on."""

from __future__ import annotations

from homeward.testing.matrix import Endpoint

XB_HTML_ENDPOINTS: list[Endpoint] = []
XB_API_ENDPOINTS: list[Endpoint] = []


# --- API (XB_API_ENDPOINTS; the HTML rows below reuse these helpers) ----------------------------

from datetime import UTC, datetime  # noqa: E402
from typing import Any  # noqa: E402

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402

from homeward.cases import actions as _case_actions  # noqa: E402
from homeward.cases.models import Case  # noqa: E402
from homeward.crossborder import actions as _xb_actions  # noqa: E402
from homeward.crossborder.models import CooperationRequest  # noqa: E402
from homeward.organisations import actions as _org_actions  # noqa: E402
from homeward.organisations.models import Membership, Organisation  # noqa: E402
from homeward.organisations.roles import OrganisationKind, Permission  # noqa: E402
from homeward.testing.cases import make_case  # noqa: E402
from homeward.testing.cast import Cast  # noqa: E402
from homeward.testing.matrix import UrlBuilder  # noqa: E402

_XB_API = "/api/v1/crossborder"
# a located request is dated back to then, so that a decision taken later is valid
_XB_LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)
_XB_DECIDED = "2020-06-01T10:00"
_XB_THIRD = "test-xb-third"
_XB_OK = frozenset({200, 201})
# 422: authorisation passed, then the body named no case of the caller's hotline
_XB_OK_OR_RULE = frozenset({200, 201, 422})


def _xb_third(cast: Cast) -> Organisation:
    """A third hotline: the counterpart of requests that the requesting member's hotline is no
    party to (the matrix's "other" target)."""
    third = Organisation.objects.filter(slug=_XB_THIRD).first()
    if third is None:
        third = _org_actions.create_organisation(
            acting_user=None, name="Test Hotline Italy", slug=_XB_THIRD,
            kind=OrganisationKind.NATIONAL_HOTLINE, country="IT",
        )  # fmt: skip
        for role in ("operator", "supervisor"):
            cast.join(f"xb-third-{role}@cast.test", third, role)
    return third


def _xb_member(cast: Cast, org: Organisation, role: str) -> Membership:
    if org.pk in (cast.be.pk, cast.fr.pk):
        return cast.member(f"{'be' if org.pk == cast.be.pk else 'fr'}_{role}")
    return Membership.objects.get(organisation=org, user__email=f"xb-third-{role}@cast.test")


def _xb_case(cast: Cast, org: Organisation) -> Case:
    if org.pk in (cast.be.pk, cast.fr.pk):
        return make_case(cast, org)
    operator = _xb_member(cast, org, "operator")
    return _case_actions.open_case(
        membership=operator, category="runaway",
        subcategory="from_home",
        children=[{"given_names": "Mila", "family_name": "Matrix", "sex": "female"}],
    )  # fmt: skip


def _xb_sides(cast: Cast, org: Organisation, requester: str) -> tuple[Organisation, Organisation]:
    """The target organisation and the other party: the other cast hotline when the target is
    the requester's own hotline, else a third hotline (so the requester is no party)."""
    if org.kind != OrganisationKind.NATIONAL_HOTLINE:  # the network office: refused anyway
        return cast.be, cast.fr
    if cast.org_of(requester).pk == org.pk:
        return org, cast.fr if org.pk == cast.be.pk else cast.be
    return org, _xb_third(cast)


def _xb_photo(cast: Cast, case: Case) -> None:
    import io

    from PIL import Image

    data = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(data, format="JPEG")
    editor = _xb_member(cast, case.organisation, "operator")
    _case_actions.set_child_photo(
        membership=editor, child=case.case_children.get().child,
        upload=SimpleUploadedFile("p.jpg", data.getvalue(), content_type="image/jpeg"),
    )  # fmt: skip


def _xb_request(
    side: str,
    state: str,
    suffix: str = "",
    *,
    photo: bool = False,
    revoked: bool = False,
    names: bool = False,
) -> UrlBuilder:
    """A request on which the target organisation is `side` ("sender" or "receiver"), brought to
    `state` (draft, awaiting_approval, sent, acknowledged, sent_with_attachment: the sender
    attaches a file, or located: the receiver reports the child located, the request sent on
    2020-01-01), then, when `revoked`, with the share revoked by the sender. With `names`, the
    child's given names are shared. `suffix` may name {child_key} and {message_id}."""

    def build(cast: Cast, org: Organisation, requester: str) -> str:
        this, that = _xb_sides(cast, org, requester)
        sender, receiver = (this, that) if side == "sender" else (that, this)
        case = _xb_case(cast, sender)
        child_id = case.case_children.get().child_id
        if photo:
            _xb_photo(cast, case)
        fields = ["case.reference"]
        if state == "awaiting_approval" or names:
            fields.append(f"child.{child_id}.given_names")
        if photo:
            fields.append(f"child.{child_id}.photo")
        operator = _xb_member(cast, sender, "operator")
        request = _xb_actions.draft_request(
            membership=operator, case=case, receiver=receiver,
            request_type="locate", urgency="urgent", question="A question from the matrix.",
            shared_fields=fields,
        )  # fmt: skip
        message_id = 0
        if state != "draft":
            sending = _xb_member(cast, sender, "supervisor" if photo or names else "operator")
            _xb_actions.send_request(membership=sending, request=request)
        if state == "acknowledged":
            answering = _xb_member(cast, receiver, "operator")
            _xb_actions.acknowledge(membership=answering, request=request)
        if state == "located":
            answering = _xb_member(cast, receiver, "operator")
            _xb_actions.report_located(membership=answering, request=request)
            CooperationRequest.objects.filter(pk=request.pk).update(sent_at=_XB_LONG_AGO)
        if state == "sent_with_attachment":
            message_id = _xb_actions.post_message(
                membership=operator, request=request, body="matrix",
                attachment=SimpleUploadedFile("m.txt", b"matrix", content_type="text/plain"),
            ).pk  # fmt: skip
        if revoked:
            _xb_actions.revoke_share(membership=operator,
                                     request=request)  # fmt: skip
        tail = suffix.format(child_key=f"child-{child_id}", message_id=message_id)
        return f"{_XB_API}/requests/{request.pk}{tail}"

    return build


def _xb_shareable(cast: Cast, org: Organisation, requester: str) -> str:
    this, _that = _xb_sides(cast, org, requester)
    return f"{_XB_API}/shareable-fields?case_id={_xb_case(cast, this).pk}"


def _xb_fixed(url: str) -> UrlBuilder:
    return lambda cast, org, requester: f"{_XB_API}{url}"


def _xb(
    method: str,
    path: str,
    url: UrlBuilder,
    permission: Permission,
    data: dict[str, Any] | None = None,
    ok: frozenset[int] = _XB_OK,
    *,
    targets_object: bool = True,
) -> Endpoint:
    return Endpoint(
        f"{method} {_XB_API}{path}", method, url, permission, api=True, data=data,
        targets_object=targets_object, ok_statuses=ok,
    )  # fmt: skip


_R = "/requests/{request_id}"
_XP = Permission

XB_API_ENDPOINTS += [
    _xb("GET", "/requests", _xb_fixed("/requests?direction=incoming"), _XP.VIEW_CASES,
        targets_object=False),
    # the body names no case of the caller's hotline: a permitted member gets the 422 on case_id
    _xb("POST", "/requests", _xb_fixed("/requests"), _XP.EDIT_CASES, targets_object=False,
        data={"case_id": 999_999_999, "receiver_country": "IT", "request_type": "locate",
              "question": "matrix"}, ok=_XB_OK_OR_RULE),
    _xb("GET", "/waiting", _xb_fixed("/waiting"), _XP.VIEW_CASES, targets_object=False),
    _xb("GET", _R, _xb_request("receiver", "sent"), _XP.VIEW_CASES),
    _xb("POST", f"{_R}/send", _xb_request("sender", "draft", "/send"), _XP.EDIT_CASES),
    _xb("POST", f"{_R}/approve", _xb_request("sender", "awaiting_approval", "/approve"),
        _XP.APPROVE),
    _xb("POST", f"{_R}/send-back", _xb_request("sender", "awaiting_approval", "/send-back"),
        _XP.APPROVE, data={"reason": "matrix"}),
    _xb("POST", f"{_R}/decision", _xb_request("receiver", "located", "/decision"),
        _XP.EDIT_CASES, data={"decision": "matrix", "decision_authority": "matrix court",
                              "decided_at": f"{_XB_DECIDED}:00Z"}),
    _xb("POST", f"{_R}/open-case", _xb_request("receiver", "sent", "/open-case", names=True),
        _XP.EDIT_CASES, data={"category": "runaway", "subcategory": "from_home"}),
    _xb("POST", f"{_R}/push", _xb_request("sender", "sent", "/push"), _XP.EDIT_CASES, data={}),
    _xb("POST", f"{_R}/revoke", _xb_request("sender", "sent", "/revoke"), _XP.EDIT_CASES),
    _xb("POST", f"{_R}/withdraw", _xb_request("sender", "sent", "/withdraw"), _XP.EDIT_CASES,
        data={"reason": "matrix"}),
    _xb("POST", f"{_R}/acknowledge", _xb_request("receiver", "sent", "/acknowledge"),
        _XP.EDIT_CASES),
    _xb("POST", f"{_R}/start", _xb_request("receiver", "sent", "/start"), _XP.EDIT_CASES),
    _xb("POST", f"{_R}/complete", _xb_request("receiver", "acknowledged", "/complete"),
        _XP.EDIT_CASES, data={"summary": "matrix"}),
    _xb("POST", f"{_R}/decline", _xb_request("receiver", "sent", "/decline"), _XP.EDIT_CASES,
        data={"reason": "matrix"}),
    _xb("POST", f"{_R}/located", _xb_request("receiver", "sent", "/located"), _XP.EDIT_CASES,
        data={"note": "matrix"}),
    # the body names no case of the caller's hotline: a permitted member gets the 422 on case_id
    _xb("POST", f"{_R}/link-case", _xb_request("receiver", "sent", "/link-case"),
        _XP.EDIT_CASES, data={"case_id": 999_999_999}, ok=_XB_OK_OR_RULE),
    _xb("GET", f"{_R}/snapshot", _xb_request("receiver", "sent", "/snapshot"), _XP.VIEW_CASES),
    _xb("GET", f"{_R}/photos/{{child_key}}",
        _xb_request("receiver", "sent", "/photos/{child_key}", photo=True), _XP.VIEW_PHOTOS),
    _xb("GET", f"{_R}/messages", _xb_request("sender", "sent", "/messages"), _XP.VIEW_CASES),
    _xb("POST", f"{_R}/messages", _xb_request("receiver", "sent", "/messages"), _XP.EDIT_CASES,
        data={"body": "A message from the matrix."}),
    _xb("GET", f"{_R}/messages/{{message_id}}/attachment",
        _xb_request("receiver", "sent_with_attachment", "/messages/{message_id}/attachment"),
        _XP.VIEW_CASES),
    # share revoked: the receiver keeps the request's shell and the conversation's entries
    # (the sender's without their content: test_revocation.py), and nothing the sender shared
    _xb("GET", _R, _xb_request("receiver", "sent", revoked=True), _XP.VIEW_CASES),
    _xb("GET", f"{_R}/messages", _xb_request("receiver", "sent_with_attachment", "/messages",
                                              revoked=True), _XP.VIEW_CASES),
    _xb("GET", f"{_R}/snapshot", _xb_request("receiver", "sent", "/snapshot", revoked=True),
        _XP.VIEW_CASES, ok=frozenset({404})),
    _xb("GET", f"{_R}/photos/{{child_key}}",
        _xb_request("receiver", "sent", "/photos/{child_key}", photo=True, revoked=True),
        _XP.VIEW_PHOTOS, ok=frozenset({404})),
    _xb("GET", f"{_R}/messages/{{message_id}}/attachment",
        _xb_request("receiver", "sent_with_attachment", "/messages/{message_id}/attachment",
                    revoked=True), _XP.VIEW_CASES, ok=frozenset({404})),
    _xb("GET", "/shareable-fields", _xb_shareable, _XP.VIEW_CASES),
    _xb("GET", "/notifications", _xb_fixed("/notifications?unread=true"), _XP.VIEW_CASES,
        targets_object=False),
    _xb("POST", "/notifications/read", _xb_fixed("/notifications/read"), _XP.VIEW_CASES,
        targets_object=False, data={}),
]  # fmt: skip


# --- HTML pages (XB_HTML_ENDPOINTS; built on the helpers above) --------------------------------
# A request page's "own" target is a request between the requester's hotline (on the side the
# row names) and the other cast hotline; its "other" target is a request between the other
# hotline and a third one, which the requester's hotline is no party to (404).


def _xb_page(
    side: str,
    state: str,
    suffix: str = "",
    *,
    photo: bool = False,
    revoked: bool = False,
    names: bool = False,
) -> UrlBuilder:
    """The HTML twin of `_xb_request`: the same request, at /crossborder/<id>/<suffix>.
    `state` may also be "revoked" (sent, then the sender revoked the share)."""
    api_state = "sent" if state == "revoked" else state
    build_api = _xb_request(
        side, api_state, "", photo=photo, revoked=revoked or state == "revoked", names=names
    )

    def build(cast: Cast, org: Organisation, requester: str) -> str:
        request_id = int(build_api(cast, org, requester).rsplit("/", 1)[1])
        request = CooperationRequest.objects.get(pk=request_id)
        child_id = request.case.case_children.get().child_id
        message_id = request.events.exclude(attachment="").values_list("pk", flat=True).first()
        tail = suffix.format(child_key=f"child-{child_id}", message_id=message_id or 0)
        return f"/crossborder/{request_id}/{tail}"

    return build


def _xb_case_page(prefix: str) -> UrlBuilder:
    def build(cast: Cast, org: Organisation, requester: str) -> str:
        this, _that = _xb_sides(cast, org, requester)
        return prefix.format(case_id=_xb_case(cast, this).pk)

    return build


def _xb_html(
    name: str,
    method: str,
    url: UrlBuilder,
    permission: Permission,
    data: dict[str, Any] | None = None,
    *,
    targets_object: bool = True,
    ok: frozenset[int] = frozenset({200, 302}),
) -> Endpoint:
    return Endpoint(name, method, url, permission, data=data, targets_object=targets_object,
                    ok_statuses=ok)  # fmt: skip


def _xb_html_fixed(url: str) -> UrlBuilder:
    return lambda cast, org, requester: url


XB_HTML_ENDPOINTS += [
    _xb_html("xb_request_list", "GET", _xb_html_fixed("/crossborder/?show=all"), _XP.VIEW_CASES,
             targets_object=False),
    _xb_html("xb_notifications", "GET", _xb_html_fixed("/crossborder/notifications/"),
             _XP.VIEW_CASES, targets_object=False),
    _xb_html("xb_notifications_read", "POST", _xb_html_fixed("/crossborder/notifications/read/"),
             _XP.VIEW_CASES, targets_object=False),
    _xb_html("xb_network", "GET", _xb_html_fixed("/crossborder/network/"),
             _XP.VIEW_NETWORK_STATISTICS, targets_object=False),
    # a new request from a case of the target hotline (another hotline's case: 404)
    _xb_html("xb_request_new", "GET", _xb_case_page("/crossborder/new/?case={case_id}"),
             _XP.EDIT_CASES),
    # an incomplete form: a permitted member gets the page back with the errors (200)
    _xb_html("xb_request_new", "POST", _xb_case_page("/crossborder/new/?case={case_id}"),
             _XP.EDIT_CASES, data={"question": "matrix"}),
    _xb_html("xb_case_requests", "GET", _xb_case_page("/crossborder/case/{case_id}/"),
             _XP.VIEW_CASES),
    # the request's page, from each side, and for the receiver after revocation
    _xb_html("xb_request_detail", "GET", _xb_page("sender", "sent"), _XP.VIEW_CASES),
    _xb_html("xb_request_detail", "GET", _xb_page("receiver", "sent"), _XP.VIEW_CASES),
    _xb_html("xb_request_detail", "GET", _xb_page("receiver", "revoked"), _XP.VIEW_CASES),
    # the sender
    _xb_html("xb_request_send", "POST", _xb_page("sender", "draft", "send/"), _XP.EDIT_CASES),
    _xb_html("xb_request_approve", "POST", _xb_page("sender", "awaiting_approval", "approve/"),
             _XP.APPROVE),
    _xb_html("xb_request_send_back", "POST",
             _xb_page("sender", "awaiting_approval", "send-back/"), _XP.APPROVE,
             data={"reason": "matrix"}),
    _xb_html("xb_request_decision", "POST", _xb_page("receiver", "located", "decision/"),
             _XP.EDIT_CASES, data={"decision": "matrix", "decision_authority": "matrix court",
                                   "decided_at": _XB_DECIDED}),
    _xb_html("xb_request_open_case", "GET",
             _xb_page("receiver", "sent", "open-case/", names=True), _XP.EDIT_CASES),
    _xb_html("xb_request_open_case", "POST",
             _xb_page("receiver", "sent", "open-case/", names=True), _XP.EDIT_CASES,
             data={"category": "runaway", "subcategory": "from_home"}),
    _xb_html("xb_request_push", "POST", _xb_page("sender", "sent", "push/"), _XP.EDIT_CASES),
    _xb_html("xb_request_sharing", "GET", _xb_page("sender", "sent", "sharing/"),
             _XP.EDIT_CASES),
    # sharing less needs nobody's approval
    _xb_html("xb_request_sharing", "POST", _xb_page("sender", "sent", "sharing/"),
             _XP.EDIT_CASES, data={"shared_fields": []}),
    _xb_html("xb_request_revoke", "POST", _xb_page("sender", "sent", "revoke/"), _XP.EDIT_CASES),
    _xb_html("xb_request_withdraw", "POST", _xb_page("sender", "sent", "withdraw/"),
             _XP.EDIT_CASES, data={"reason": "matrix"}),
    # the receiver
    _xb_html("xb_request_acknowledge", "POST", _xb_page("receiver", "sent", "acknowledge/"),
             _XP.EDIT_CASES),
    _xb_html("xb_request_start", "POST", _xb_page("receiver", "sent", "start/"),
             _XP.EDIT_CASES),
    _xb_html("xb_request_located", "POST", _xb_page("receiver", "sent", "located/"),
             _XP.EDIT_CASES, data={"note": "matrix"}),
    _xb_html("xb_request_complete", "POST", _xb_page("receiver", "acknowledged", "complete/"),
             _XP.EDIT_CASES, data={"summary": "matrix"}),
    _xb_html("xb_request_decline", "POST", _xb_page("receiver", "sent", "decline/"),
             _XP.EDIT_CASES, data={"reason": "matrix"}),
    # no case of the caller's hotline has this reference: the page comes back with the error
    _xb_html("xb_request_link_case", "POST", _xb_page("receiver", "sent", "link-case/"),
             _XP.EDIT_CASES, data={"reference": "XX-0000-000000"}),
    # both sides
    _xb_html("xb_message_post", "POST", _xb_page("receiver", "sent", "messages/"),
             _XP.EDIT_CASES, data={"body": "A message from the matrix.", "kind": "message"}),
    _xb_html("xb_attachment", "GET",
             _xb_page("receiver", "sent_with_attachment", "messages/{message_id}/attachment/"),
             _XP.VIEW_CASES),
    _xb_html("xb_shared_photo", "GET",
             _xb_page("receiver", "sent", "photos/{child_key}/", photo=True), _XP.VIEW_PHOTOS),
    # once the sender revoked the share, the receiver's photo and attachment URLs are gone
    _xb_html("xb_shared_photo", "GET",
             _xb_page("receiver", "revoked", "photos/{child_key}/", photo=True),
             _XP.VIEW_PHOTOS, ok=frozenset({404})),
    _xb_html("xb_attachment", "GET",
             _xb_page("receiver", "sent_with_attachment", "messages/{message_id}/attachment/",
                      revoked=True), _XP.VIEW_CASES, ok=frozenset({404})),
]  # fmt: skip
