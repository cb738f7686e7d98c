"""Revoking a share withdraws from the receiver everything the sender shared: the snapshot and
its photos, the question, the shared field keys, and the content and attachments of the
sender's messages, on the page and in the API alike. The receiver keeps the procedural shell
and its own messages; the sender keeps everything, and the photo copies made for the share are
deleted from storage."""

from __future__ import annotations

import importlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from homeward.audit.models import AuditEvent
from homeward.cases import actions as case_actions
from homeward.crossborder import actions
from homeward.crossborder.models import CooperationRequest, Notification
from homeward.organisations import actions as org_actions
from homeward.organisations.models import Membership
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db

XB = "/api/v1/crossborder"
QUESTION = "Is the child with her aunt in Roubaix-Qzx?"
SENDER_SAYS = "The address of her aunt is 12 rue Synthétique-Qzx"
SENDER_FILE = b"School report of the child, synthetic Qzx"
RECEIVER_SAYS = "We will visit the address tomorrow"
RECEIVER_FILE = b"Our visit plan, synthetic"
SECRET_WORDS = ("Qzx", "Lena", "Roubaix", "12 rue")


@dataclass
class Shared:
    request: CooperationRequest
    child_key: str
    sender_message: int
    receiver_message: int
    photo_files: list[Path]


def _as(cast: Cast, name: str) -> dict[str, Any]:
    member = cast.member(name)
    return {"membership": member}


def _token_client(member: Membership) -> Client:
    secret = org_actions.create_api_token(membership=member, name="revocation", days=1).secret
    return Client(headers={"Authorization": f"Bearer {secret}"})


def _share(cast: Cast, *, revoke: bool = True) -> Shared:
    """BE shares names and a photo with FR; both sides write, each with a file; BE revokes."""
    case = make_case(
        cast,
        category="parental_abduction",
        subcategory="international",
        children=[{"given_names": "Lena", "family_name": "Qzxvy", "sex": "female"}],
    )
    child = case.case_children.get().child
    photo = io.BytesIO()
    Image.new("RGB", (16, 16), "purple").save(photo, format="JPEG")
    case_actions.set_child_photo(
        **_as(cast, "be_operator"), child=child,
        upload=SimpleUploadedFile("p.jpg", photo.getvalue(), content_type="image/jpeg"),
    )  # fmt: skip
    request = actions.draft_request(
        **_as(cast, "be_supervisor"), case=case, receiver=cast.fr, request_type="locate",
        urgency="urgent", question=QUESTION,
        shared_fields=["case.reference", *(f"child.{child.pk}.{f}" for f in
                                           ("given_names", "family_name", "photo"))],
    )  # fmt: skip
    actions.send_request(**_as(cast, "be_supervisor"), request=request)
    actions.push_update(**_as(cast, "be_supervisor"), request=request)  # a second version
    sender_message = actions.post_message(
        **_as(cast, "be_operator"), request=request, body=SENDER_SAYS, language="fr",
        attachment=SimpleUploadedFile("report.txt", SENDER_FILE, content_type="text/plain"),
    )  # fmt: skip
    receiver_message = actions.post_message(
        **_as(cast, "fr_operator"), request=request, body=RECEIVER_SAYS, language="fr",
        attachment=SimpleUploadedFile("plan.txt", RECEIVER_FILE, content_type="text/plain"),
    )  # fmt: skip
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    photo_files = [
        root / name for snapshot in request.snapshots.all() for name in snapshot.photos.values()
    ]
    assert len(photo_files) == 2 and all(path.exists() for path in photo_files)
    if revoke:
        actions.revoke_share(**_as(cast, "be_operator"), request=request)
    request.refresh_from_db()
    return Shared(request, f"child-{child.pk}", sender_message.pk, receiver_message.pk, photo_files)


def _api_urls(shared: Shared) -> dict[str, str]:
    url = f"{XB}/requests/{shared.request.pk}"
    return {
        "snapshot": f"{url}/snapshot",
        "photo": f"{url}/photos/{shared.child_key}",
        "sender attachment": f"{url}/messages/{shared.sender_message}/attachment",
    }


def _page_urls(shared: Shared) -> dict[str, str]:
    url = f"/crossborder/{shared.request.pk}"
    return {
        "photo": f"{url}/photos/{shared.child_key}/",
        "sender attachment": f"{url}/messages/{shared.sender_message}/attachment/",
    }


def test_before_revocation_the_receiver_opens_everything(cast: Cast) -> None:
    """The same URLs as below, so that their 404 after revocation means something."""
    shared = _share(cast, revoke=False)
    api, page = _token_client(cast.member("fr_operator")), cast.client("fr_operator")
    for name, url in _api_urls(shared).items():
        assert api.get(url).status_code == 200, name
    for name, url in _page_urls(shared).items():
        assert page.get(url).status_code == 200, name
    assert QUESTION in page.get(f"/crossborder/{shared.request.pk}/").content.decode()


def test_after_revocation_the_api_gives_the_receiver_the_shell_and_its_own_messages(
    cast: Cast,
) -> None:
    shared = _share(cast)
    fr = _token_client(cast.member("fr_operator"))
    for name, url in _api_urls(shared).items():
        assert fr.get(url).status_code == 404, name

    request = fr.get(f"{XB}/requests/{shared.request.pk}").json()
    assert request["reference"] == shared.request.reference and request["state"] == "sent"
    assert request["share_active"] is False and request["sent_at"]
    assert request["question"] == "" and request["shared_fields"] == []
    assert request["snapshot_version"] is None

    messages = fr.get(f"{XB}/requests/{shared.request.pk}/messages").json()["items"]
    by_id = {m["id"]: m for m in messages}
    sender = by_id[shared.sender_message]
    assert sender["withdrawn"] is True and sender["side"] == "sender"
    assert sender["body"] == "" and sender["attachment_name"] == ""
    assert sender["attachment_url"] is None and sender["author"] is None
    ours = by_id[shared.receiver_message]
    assert ours["withdrawn"] is False and ours["body"] == RECEIVER_SAYS
    assert fr.get(ours["attachment_url"]).content == RECEIVER_FILE
    everything = str(messages) + str(request)
    for word in SECRET_WORDS:
        assert word not in everything, word
    # the sender's own entries before the revocation, the question included, are all withdrawn
    assert all(m["withdrawn"] for m in messages if m["side"] == "sender" and m["kind"] == "sent")


def test_after_revocation_the_page_shows_the_receiver_no_shared_content(cast: Cast) -> None:
    shared = _share(cast)
    fr = cast.client("fr_operator")
    for name, url in _page_urls(shared).items():
        assert fr.get(url).status_code == 404, name
    page = fr.get(f"/crossborder/{shared.request.pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and shared.request.reference in html
    assert "revoked sharing" in html and "Withdrawn when sharing was revoked." in html
    for word in SECRET_WORDS:
        assert word not in html, word
    assert f"messages/{shared.sender_message}/attachment/" not in html
    assert f"photos/{shared.child_key}/" not in html
    assert RECEIVER_SAYS in html  # its own messages stay, with their attachment
    own = fr.get(f"/crossborder/{shared.request.pk}/messages/{shared.receiver_message}/attachment/")
    assert own.status_code == 200


def test_the_sender_keeps_its_messages_and_files_and_the_photo_copies_are_deleted(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    shared = _share(cast, revoke=False)
    with django_capture_on_commit_callbacks(execute=True):
        actions.revoke_share(**_as(cast, "be_operator"), request=shared.request)
    assert not any(path.exists() for path in shared.photo_files)
    assert all(not snapshot.photos for snapshot in shared.request.snapshots.all())
    be = _token_client(cast.member("be_operator"))
    url = f"{XB}/requests/{shared.request.pk}"
    request = be.get(url).json()
    assert request["question"] == QUESTION and request["shared_fields"]
    messages = be.get(f"{url}/messages").json()["items"]
    assert not any(m["withdrawn"] for m in messages)
    assert SENDER_SAYS in [m["body"] for m in messages]
    assert be.get(f"{url}/messages/{shared.sender_message}/attachment").content == SENDER_FILE
    assert be.get(f"{url}/messages/{shared.receiver_message}/attachment").status_code == 200
    snapshot = be.get(f"{url}/snapshot").json()  # the sender's record of what was shared
    assert snapshot["children"][0]["fields"]["given_names"] == "Lena"
    assert snapshot["children"][0]["photo_url"] is None
    assert be.get(f"{url}/photos/{shared.child_key}").status_code == 404
    page = cast.client("be_operator").get(f"/crossborder/{shared.request.pk}/").content.decode()
    assert SENDER_SAYS in page and QUESTION in page
    assert "Withdrawn" not in page


def test_what_the_sender_writes_after_revoking_is_shared_anew(cast: Cast) -> None:
    shared = _share(cast)
    later = actions.post_message(
        **_as(cast, "be_operator"), request=shared.request, body="Case closed, thank you."
    )
    fr = _token_client(cast.member("fr_operator"))
    messages = fr.get(f"{XB}/requests/{shared.request.pk}/messages").json()["items"]
    after = next(m for m in messages if m["id"] == later.pk)
    assert after["withdrawn"] is False and after["body"] == "Case closed, thank you."
    assert next(m for m in messages if m["id"] == shared.sender_message)["withdrawn"] is True


def test_a_third_hotline_gets_404_on_a_revoked_request(cast: Cast) -> None:
    shared = _share(cast)
    italy = org_actions.create_organisation(
        acting_user=None, name="Test Hotline Italy", slug="test-it", kind="hotline", country="IT"
    )
    member = cast.join("it_supervisor@cast.test", italy, "supervisor")
    api, page = _token_client(member), Client()
    page.force_login(member.user)
    urls = [
        *_api_urls(shared).values(),
        f"{XB}/requests/{shared.request.pk}",
        f"{XB}/requests/{shared.request.pk}/messages",
        f"{XB}/requests/{shared.request.pk}/messages/{shared.receiver_message}/attachment",
    ]
    for url in urls:
        assert api.get(url).status_code == 404, url
    for url in [*_page_urls(shared).values(), f"/crossborder/{shared.request.pk}/"]:
        assert page.get(url).status_code == 404, url


def test_withdrawing_a_request_revokes_what_was_shared_on_it(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    """What was shared for a request was shared for that request only: withdrawing it ends the
    share too, and the receiver is told once, in the notice and in the conversation."""
    shared = _share(cast, revoke=False)
    with django_capture_on_commit_callbacks(execute=True):
        actions.withdraw(**_as(cast, "be_operator"), request=shared.request, reason="Found")
    request = shared.request
    request.refresh_from_db()
    assert request.state == "withdrawn" and request.share_revoked_at is not None
    assert not any(path.exists() for path in shared.photo_files)
    kinds = list(request.events.values_list("kind", flat=True))
    assert kinds[-2:] == ["withdrawn", "share_revoked"]
    notices = Notification.objects.filter(request=request, recipient=cast.user("fr_operator"))
    told = [notice.shown_text for notice in notices if notice.message.startswith("withdrawn")]
    assert told == [f"{request.reference} was withdrawn, and what was shared on it revoked"]
    assert not notices.filter(message="revoked").exists()
    fr = _token_client(cast.member("fr_operator"))
    for name, url in _api_urls(shared).items():
        assert fr.get(url).status_code == 404, name
    page = cast.client("fr_operator").get(f"/crossborder/{request.pk}/").content.decode()
    assert "What they share with us" in page and "revoked sharing" in page
    for word in SECRET_WORDS:
        assert word not in page, word
    (withdrawal,) = AuditEvent.objects.filter(action="crossborder.request.withdraw")
    assert "share_revoked_at" in withdrawal.fields


def test_requests_withdrawn_before_stop_sharing_too(cast: Cast) -> None:
    """The migration revokes the shares of requests withdrawn while withdrawing did not."""
    shared = _share(cast, revoke=False)
    CooperationRequest.objects.filter(pk=shared.request.pk).update(state="withdrawn")
    revoke_withdrawn = importlib.import_module(
        "homeward.crossborder.migrations.0006_withdrawn_requests_share_no_more"
    ).revoke_withdrawn
    revoke_withdrawn(django_apps, None)
    request = shared.request
    request.refresh_from_db()
    assert request.share_revoked_at is not None
    assert all(not snapshot.photos for snapshot in request.snapshots.all())
    assert list(request.events.values_list("kind", flat=True))[-1] == "share_revoked"
    fr = _token_client(cast.member("fr_operator"))
    assert fr.get(_api_urls(shared)["snapshot"]).status_code == 404
