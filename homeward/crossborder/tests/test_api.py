"""Cross-border cooperation through the REST API, with personal tokens: the BE→FR procedure,
what each side reads, a third hotline that sees nothing, and errors that name their field."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from homeward.audit.models import AuditEvent
from homeward.cases import actions as case_actions
from homeward.cases.models import Case
from homeward.organisations import actions as org_actions
from homeward.organisations.models import Membership
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db

XB = "/api/v1/crossborder"
UNSHARED = "Unshared-Qzxvy"  # a synthetic family name the sender never ticks


def _client(member: Membership) -> Client:
    secret = org_actions.create_api_token(membership=member, name="xb", days=1).secret
    return Client(headers={"Authorization": f"Bearer {secret}"})


def _jpeg() -> bytes:
    data = io.BytesIO()
    Image.new("RGB", (12, 12), "green").save(data, format="JPEG")
    return data.getvalue()


def _post(client: Client, url: str, data: dict[str, Any] | None = None) -> Any:
    return client.post(url, data or {}, content_type="application/json")


def _case_with_photo(cast: Cast) -> Case:
    case = make_case(
        cast,
        children=[
            {
                "given_names": "Lena",
                "family_name": UNSHARED,
                "sex": "female",
                "birth_precision": "year",
                "birth_year": 2012,
            }
        ],
        category="parental_abduction",
        subcategory="international",
        summary="Synthetic summary, not shared.",
    )
    operator = cast.member("be_operator")
    case_actions.set_child_photo(
        membership=operator,
        child=case.case_children.get().child,
        upload=SimpleUploadedFile("p.jpg", _jpeg(), content_type="image/jpeg"),
    )
    return case


def _sent_request(cast: Cast, case: Case) -> tuple[int, list[str]]:
    """A request from BE to FR, sent by the operator and approved by the supervisor."""
    be = _client(cast.member("be_operator"))
    child_id = case.case_children.get().child_id
    chosen = [f"child.{child_id}.given_names", f"child.{child_id}.photo", "case.reference"]
    response = _post(
        be,
        f"{XB}/requests",
        {
            "case_id": case.pk,
            "receiver_country": "fr",
            "request_type": "locate",
            "urgency": "urgent",
            "question": "Please check whether the child is in Lille.",
            "languages": ["fr", "en"],
            "shared_fields": chosen,
        },
    )
    assert response.status_code == 201, response.json()
    request_id = response.json()["id"]
    sent = _post(be, f"{XB}/requests/{request_id}/send")
    assert sent.json()["state"] == "awaiting_approval"
    approved = _post(_client(cast.member("be_supervisor")), f"{XB}/requests/{request_id}/approve")
    assert approved.status_code == 200 and approved.json()["state"] == "sent"
    return request_id, chosen


def test_the_procedure_from_belgium_to_france(cast: Cast) -> None:
    case = _case_with_photo(cast)
    be, fr = _client(cast.member("be_operator")), _client(cast.member("fr_operator"))
    child_id = case.case_children.get().child_id

    offered = be.get(f"{XB}/shareable-fields", {"case_id": case.pk}).json()
    keys = {f["key"]: f for f in offered}
    assert keys["case.reference"]["personal"] is False
    assert keys[f"child.{child_id}.photo"]["personal"] is True

    # a draft and a request waiting for approval do not exist for the receiver
    draft = _post(
        be,
        f"{XB}/requests",
        {
            "case_id": case.pk,
            "receiver_country": "FR",
            "request_type": "locate",
            "question": "Draft only.",
            "shared_fields": [f"child.{child_id}.given_names"],
        },
    ).json()
    assert draft["state"] == "draft" and draft["side"] == "sender" and draft["case_id"] == case.pk
    assert fr.get(f"{XB}/requests/{draft['id']}").status_code == 404
    _post(be, f"{XB}/requests/{draft['id']}/send")
    assert fr.get(f"{XB}/requests/{draft['id']}").status_code == 404

    request_id, chosen = _sent_request(cast, case)
    url = f"{XB}/requests/{request_id}"

    incoming = fr.get(f"{XB}/requests", {"direction": "incoming"}).json()
    assert [r["id"] for r in incoming["items"]] == [request_id]
    assert fr.get(f"{XB}/requests", {"direction": "outgoing"}).json()["count"] == 0
    assert [r["id"] for r in fr.get(f"{XB}/waiting").json()["items"]] == [request_id]

    detail = fr.get(url).json()
    assert detail["side"] == "receiver" and detail["state"] == "sent"
    assert detail["case_id"] is None and detail["created_by"] is None  # never the sender's case
    assert detail["shared_fields"] == sorted(chosen) and detail["snapshot_version"] == 1
    assert fr.get(f"/api/v1/cases/{case.pk}").status_code == 404

    snapshot = fr.get(f"{url}/snapshot").json()
    assert snapshot["case"] == {"reference": case.reference}
    (child,) = snapshot["children"]
    assert child["fields"] == {"given_names": "Lena", "photo": True}
    photo = fr.get(child["photo_url"])
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    assert photo["Cache-Control"] == "private, no-store"
    assert AuditEvent.objects.filter(
        action="crossborder.snapshot.photo_read", organisation_id=cast.fr.pk
    ).exists()
    # the DPO reads cases but not photos
    assert _client(cast.member("fr_dpo")).get(child["photo_url"]).status_code == 403

    # FR acknowledges: the "new request" notices asked for just that, and are done (and read)
    assert fr.get(f"{XB}/notifications", {"unread": True}).json()["count"] >= 1
    assert _post(fr, f"{url}/acknowledge").json()["state"] == "acknowledged"
    notices = fr.get(f"{XB}/notifications").json()
    assert notices["count"] >= 1
    assert all(n["request_id"] == request_id and n["done_at"] for n in notices["items"])
    assert fr.get(f"{XB}/notifications", {"unread": True}).json()["count"] == 0

    # messages both ways; BE attaches a file (multipart)
    question = _post(fr, f"{url}/messages", {"body": "Which school?", "language": "fr"})
    assert question.status_code == 201 and question.json()["side"] == "receiver"
    answer = be.post(
        f"{url}/messages",
        {
            "body": "Her school letter",
            "language": "nl",
            "attachment": SimpleUploadedFile("letter.txt", b"synthetic", "text/plain"),
        },
    )
    assert answer.status_code == 201, answer.json()
    assert answer.json()["side"] == "sender" and answer.json()["attachment_url"]
    conversation = fr.get(f"{url}/messages").json()["items"]
    bodies = [m["body"] for m in conversation if m["kind"] == "message"]
    assert bodies == ["Which school?", "Her school letter"]
    download = fr.get(answer.json()["attachment_url"])
    assert download.status_code == 200 and download.content == b"synthetic"
    # a message asks for no action: its notice stays unread until marked read
    unread = fr.get(f"{XB}/notifications", {"unread": True}).json()
    assert unread["count"] == 1 and unread["items"][0]["done_at"] is None
    assert _post(fr, f"{XB}/notifications/read").json()["marked"] == 1
    assert fr.get(f"{XB}/notifications", {"unread": True}).json()["count"] == 0

    # located: the sender must decide within 12 hours
    located = _post(fr, f"{url}/located", {"note": "Safe, with the mother."}).json()
    due = datetime.fromisoformat(located["decision_due_at"])
    assert due - datetime.fromisoformat(located["located_at"]) == timedelta(hours=12)
    assert request_id in [r["id"] for r in be.get(f"{XB}/waiting").json()["items"]]

    assert _post(fr, f"{url}/complete", {"summary": "Located and safe."}).json()["state"] == (
        "completed"
    )

    # revoking: the receiver loses the snapshot and the photo on its next request
    revoked = _post(be, f"{url}/revoke").json()
    assert revoked["share_active"] is False and revoked["share_revoked_at"]
    assert fr.get(f"{url}/snapshot").status_code == 404
    assert fr.get(child["photo_url"]).status_code == 404
    assert be.get(f"{url}/snapshot").status_code == 200  # the sender still sees what it sent
    assert fr.get(url).status_code == 200  # the request itself remains, without the data


def test_a_third_hotline_gets_404_on_every_request_url(cast: Cast) -> None:
    case = _case_with_photo(cast)
    request_id, _chosen = _sent_request(cast, case)
    message = _post(_client(cast.member("be_operator")), f"{XB}/requests/{request_id}/messages",
                    {"body": "x"})  # fmt: skip
    italy = org_actions.create_organisation(
        acting_user=None, name="Test Hotline Italy", slug="test-it", kind="hotline", country="IT"
    )
    it = _client(cast.join("it_supervisor@cast.test", italy, "supervisor"))
    url = f"{XB}/requests/{request_id}"
    child_key = f"child-{case.case_children.get().child_id}"
    gets = [
        url,
        f"{url}/snapshot",
        f"{url}/photos/{child_key}",
        f"{url}/messages",
        f"{url}/messages/{message.json()['id']}/attachment",
    ]
    for path in gets:
        assert it.get(path).status_code == 404, path
    posts: dict[str, dict[str, Any]] = {
        "send": {}, "approve": {}, "push": {}, "revoke": {}, "acknowledge": {}, "start": {},
        "complete": {}, "decline": {"reason": "x"}, "withdraw": {}, "located": {},
        "link-case": {"case_id": 1}, "messages": {"body": "x"},
    }  # fmt: skip
    for suffix, body in posts.items():
        assert _post(it, f"{url}/{suffix}", body).status_code == 404, suffix
    assert it.get(f"{XB}/requests").json()["count"] == 0
    assert it.get(f"{XB}/waiting").json()["count"] == 0
    assert it.get(f"{XB}/shareable-fields", {"case_id": case.pk}).status_code == 404


def test_the_receiver_never_sees_an_unshared_field(cast: Cast) -> None:
    case = _case_with_photo(cast)
    request_id, _chosen = _sent_request(cast, case)
    be, fr = _client(cast.member("be_operator")), _client(cast.member("fr_supervisor"))
    url = f"{XB}/requests/{request_id}"
    _post(fr, f"{url}/acknowledge")
    # the sender pushes an update that still leaves the family name out
    child_id = case.case_children.get().child_id
    pushed = _post(be, f"{url}/push", {"shared_fields": [f"child.{child_id}.given_names"]})
    assert pushed.status_code == 200 and pushed.json()["snapshot_version"] == 2
    pages = [
        url,
        f"{url}/snapshot",
        f"{url}/messages",
        f"{XB}/requests",
        f"{XB}/waiting",
        f"{XB}/notifications",
    ]
    for path in pages:
        response = fr.get(path)
        assert response.status_code == 200, path
        assert UNSHARED not in response.content.decode(), path
        assert "Synthetic summary" not in response.content.decode(), path
    snapshot = fr.get(f"{url}/snapshot").json()
    assert snapshot["children"][0]["fields"] == {"given_names": "Lena"}
    assert snapshot["children"][0]["photo_url"] is None
    assert fr.get(f"{url}/photos/child-{child_id}").status_code == 404
    # the sender sees its own values
    assert UNSHARED in be.get(f"/api/v1/cases/{case.pk}").content.decode()


def _errors(response: Any) -> set[str]:
    assert response.status_code == 422, response.content
    return {e["field"] for e in response.json()["errors"]}


def test_errors_name_their_fields(cast: Cast) -> None:
    case = make_case(cast)
    french_case = make_case(cast, cast.fr)
    be, fr = _client(cast.member("be_operator")), _client(cast.member("fr_operator"))
    draft = {
        "case_id": case.pk,
        "receiver_country": "FR",
        "request_type": "locate",
        "question": "Please verify.",
    }
    assert _errors(_post(be, f"{XB}/requests", {**draft, "case_id": french_case.pk})) == {"case_id"}
    assert _errors(_post(be, f"{XB}/requests", {**draft, "receiver_country": "BE"})) == {
        "receiver_country"
    }
    assert _errors(_post(be, f"{XB}/requests", {**draft, "shared_fields": ["case.secret"]})) == {
        "shared_fields"
    }
    assert _errors(_post(be, f"{XB}/requests", {**draft, "request_type": "x", "colour": 1})) == {
        "request_type",
        "colour",
    }
    assert _errors(_post(be, f"{XB}/requests", {**draft, "question": "  "})) == {"question"}

    request_id = _post(be, f"{XB}/requests", {**draft, "shared_fields": ["case.reference"]}).json()[
        "id"
    ]
    url = f"{XB}/requests/{request_id}"
    assert _errors(_post(be, f"{url}/push")) == {"state"}  # a draft is not open yet
    assert _post(be, f"{url}/send").json()["state"] == "sent"  # nothing personal: no approval
    assert _errors(_post(fr, f"{url}/complete")) == {"state"}  # not acknowledged yet
    assert _errors(_post(fr, f"{url}/decline", {"reason": "  "})) == {"reason"}
    assert _errors(_post(fr, f"{url}/decline")) == {"reason"}
    assert _errors(_post(fr, f"{url}/link-case", {"case_id": case.pk})) == {"case_id"}
    assert _post(fr, f"{url}/link-case", {"case_id": french_case.pk}).json()[
        "receiver_case_id"
    ] == (french_case.pk)
    assert _errors(_post(fr, f"{url}/messages", {"body": " "})) == {"body"}
    assert _errors(_post(fr, f"{url}/messages", {"body": "x", "kind": "sent"})) == {"kind"}
    bad_file = SimpleUploadedFile("x.exe", b"MZ", content_type="application/x-msdownload")
    assert _errors(fr.post(f"{url}/messages", {"body": "x", "attachment": bad_file})) == {
        "attachment"
    }
    assert _errors(_post(fr, f"{XB}/notifications/read", {"ids": [0]})) == {"ids.0"}
    # the wrong side is refused, not hidden: both sides can see the request
    assert _post(be, f"{url}/acknowledge").status_code == 403
    assert _post(fr, f"{url}/revoke").status_code == 403
    assert _post(fr, f"{url}/approve").status_code == 403  # an operator does not approve


def test_a_request_withdrawn_before_it_was_sent_never_reaches_the_receiver(cast: Cast) -> None:
    case = make_case(cast)
    be, fr = _client(cast.member("be_operator")), _client(cast.member("fr_operator"))
    draft = _post(
        be,
        f"{XB}/requests",
        {"case_id": case.pk, "receiver_country": "FR", "request_type": "locate",
         "question": "Never sent."},
    ).json()  # fmt: skip
    assert _post(be, f"{XB}/requests/{draft['id']}/withdraw").json()["state"] == "withdrawn"
    assert fr.get(f"{XB}/requests/{draft['id']}").status_code == 404
    assert fr.get(f"{XB}/requests").json()["count"] == 0
