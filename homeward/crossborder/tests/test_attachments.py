"""Message attachments as an attacker sends them: the type is decided from the content, never
from the client's declared type or the file's name, and downloads carry the type Homeward
decided, as a download, with a cleaned name. Through the page and the API alike."""

from __future__ import annotations

import io
import time
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image, ImageFile

from homeward.crossborder import actions
from homeward.crossborder.models import CooperationRequest, RequestEvent
from homeward.organisations import actions as org_actions
from homeward.organisations.models import Membership
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast
from homeward.testing.files import image_bytes, pdf_with_html, png_bomb

pytestmark = pytest.mark.django_db

XB = "/api/v1/crossborder"
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="5"/></svg>'
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def _request(cast: Cast) -> CooperationRequest:
    case = make_case(cast)
    operator = cast.member("be_operator")
    request = actions.draft_request(
        membership=operator, case=case, receiver=cast.fr,
        request_type="locate", urgency="normal", question="A synthetic question.",
        shared_fields=["case.reference"],
    )  # fmt: skip
    actions.send_request(membership=operator, request=request)
    request.refresh_from_db()
    return request


def _token_client(member: Membership) -> Client:
    secret = org_actions.create_api_token(membership=member, name="attachments", days=1).secret
    return Client(headers={"Authorization": f"Bearer {secret}"})


def _file(name: str, content: bytes, declared: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=declared)


def _via_page(cast: Cast, request: CooperationRequest, upload: SimpleUploadedFile) -> Any:
    return cast.client("be_operator").post(
        f"/crossborder/{request.pk}/messages/",
        {"body": "see the file", "kind": "message", "attachment": upload},
    )


def _via_api(cast: Cast, request: CooperationRequest, upload: SimpleUploadedFile) -> Any:
    return _token_client(cast.member("be_operator")).post(
        f"{XB}/requests/{request.pk}/messages", {"body": "see the file", "attachment": upload}
    )


def _page_error(response: Any) -> str:
    assert response.status_code == 200, response.status_code
    errors = response.context["message_form"].errors
    assert list(errors) == ["attachment"], errors
    return str(errors["attachment"][0])


def _api_error(response: Any) -> str:
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert [e["field"] for e in errors] == ["attachment"]
    return str(errors[0]["message"])


HOSTILE = [
    # what outside testers sent, and its kin
    ("x.html", HTML_PAGE, "application/pdf", "Attach a PDF, a text file"),
    ("report.html", b"<html><body>Report</body></html>", "text/plain", "Attach a PDF, a text file"),
    ("x.exe", EXE, "application/pdf", "Attach a PDF, a text file"),
    ("x.svg", SVG, "text/plain", "Attach a PDF, a text file"),
    # the right extension, the wrong content
    ("notes.txt", HTML_PAGE, "text/plain", "web markup"),
    ("notes.txt", SVG, "text/plain", "web markup"),
    ("notes.txt", b"Visit us.\n<script src=//evil.test/x.js></script>", "text/plain", "web markup"),
    ("notes.txt", b"A record\x00with a NUL", "text/plain", "NUL"),
    ("notes.txt", "caf\u00e9".encode("latin-1"), "text/plain", "UTF-8"),
    ("program.pdf", EXE, "application/pdf", "holds plain text"),
    # a real image with a name that is not an image's
    ("photo.html", image_bytes(), "image/png", "Attach a PDF, a text file"),
    ("photo.pdf", image_bytes(), "application/pdf", "holds an image"),
    ("letter.png", b"%PDF-1.4\n%%EOF\n", "image/png", "holds a PDF"),
    ("empty.txt", b"", "text/plain", "empty"),
]


@pytest.mark.parametrize(
    ("name", "content", "declared", "expected"),
    HOSTILE,
    ids=[f"{number}-{row[0]}" for number, row in enumerate(HOSTILE)],
)
def test_a_hostile_attachment_is_refused_on_the_page_and_in_the_api(
    cast: Cast, name: str, content: bytes, declared: str, expected: str
) -> None:
    request = _request(cast)
    page = _via_page(cast, request, _file(name, content, declared))
    if content:  # an empty file is refused by the form's own field ("The submitted file is empty")
        assert expected in _page_error(page)
    else:
        assert _page_error(page)
    assert expected in _api_error(_via_api(cast, request, _file(name, content, declared)))
    assert not request.events.exclude(attachment="").exists()


@pytest.fixture
def no_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Any) -> Any:
        raise AssertionError(f"decoded a {self.size[0]} × {self.size[1]} image")

    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)


def test_a_decompression_bomb_attachment_is_refused_before_decoding(
    cast: Cast, no_decoding: None
) -> None:
    request = _request(cast)
    bomb = png_bomb(20000, 20000)
    started = time.monotonic()
    page = _page_error(_via_page(cast, request, _file("scan.png", bomb, "image/png")))
    api = _api_error(_via_api(cast, request, _file("scan.png", bomb, "image/png")))
    assert time.monotonic() - started < 5
    for message in (page, api):
        assert "The image is too large: 20000 × 20000 pixels; at most 40 million pixels." in (
            message
        )
    assert not request.events.exclude(attachment="").exists()


def _download(client: Client, request: CooperationRequest, event_id: int, *, api: bool) -> Any:
    if api:
        return client.get(f"{XB}/requests/{request.pk}/messages/{event_id}/attachment")
    return client.get(f"/crossborder/{request.pk}/messages/{event_id}/attachment/")


def _body(response: Any) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return bytes(response.content)


ACCEPTED = [
    # (name, content, declared type, served type, served name)
    ("letter.txt", b"Synthetic letter.\n", "application/pdf", "text/plain; charset=utf-8",
     "letter.txt"),
    ("scan.pdf", pdf_with_html(), "text/html", "application/pdf", "scan.pdf"),
    ("scan", b"%PDF-1.7\n%%EOF\n", "application/octet-stream", "application/pdf", "scan.pdf"),
    ("map.png", image_bytes(), "text/plain", "image/jpeg", "map.jpg"),
    ("age.txt", "Âge < 18, née à Liège\n".encode(), "text/plain", "text/plain; charset=utf-8",
     "age.txt"),
]  # fmt: skip


@pytest.mark.parametrize("api", [False, True], ids=["page", "api"])
@pytest.mark.parametrize(
    ("name", "content", "declared", "served", "filename"), ACCEPTED, ids=[r[0] for r in ACCEPTED]
)
def test_a_download_carries_the_type_homeward_decided_and_never_renders(
    cast: Cast,
    api: bool,
    name: str,
    content: bytes,
    declared: str,
    served: str,
    filename: str,
) -> None:
    request = _request(cast)
    sent = _via_api(cast, request, _file(name, content, declared))
    assert sent.status_code == 201, sent.content
    event = request.events.exclude(attachment="").get()
    assert event.attachment.name.startswith("crossborder/attachment")  # never the sender's name
    fr = cast.client("fr_operator") if not api else _token_client(cast.member("fr_operator"))
    response = _download(fr, request, event.pk, api=api)
    assert response.status_code == 200
    assert response["Content-Type"] == served
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert "sandbox" in response["Content-Security-Policy"]
    if served == "image/jpeg":
        with Image.open(io.BytesIO(_body(response))) as image:
            assert image.format == "JPEG"
    else:
        assert _body(response) == content


@pytest.mark.parametrize("api", [False, True], ids=["page", "api"])
@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("re\x00port.txt", "report.txt"),  # a NUL in the name
        ("x" * 300 + ".txt", "x" * 80 + ".txt"),  # a 300-character name
        ("invoice\u202etxt.exe.txt", "invoicetxt.exe.txt"),  # a right-to-left override
        ('a"b\\c.txt', "c.txt"),  # a quote, and a Windows path
        ("../../etc/passwd.txt", "passwd.txt"),
    ],
)
def test_a_hostile_file_name_is_cleaned_before_it_is_stored_or_served(
    cast: Cast, api: bool, name: str, shown: str
) -> None:
    request = _request(cast)
    operator = cast.member("be_operator")
    event = actions.post_message(
        membership=operator, request=request, body="",
        attachment=_file(name, b"synthetic", "text/plain"),
    )  # fmt: skip
    assert event.attachment_name == shown
    fr = cast.client("fr_operator") if not api else _token_client(cast.member("fr_operator"))
    response = _download(fr, request, event.pk, api=api)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{shown}"'


def test_a_name_too_long_is_no_server_error_on_the_page(cast: Cast) -> None:
    request = _request(cast)
    response = _via_page(cast, request, _file("y" * 300 + ".txt", b"synthetic", "text/plain"))
    assert response.status_code == 302
    assert request.events.exclude(attachment="").get().attachment_name == "y" * 80 + ".txt"


@pytest.mark.parametrize("api", [False, True], ids=["page", "api"])
def test_a_file_stored_before_these_checks_is_served_as_bytes_to_save(
    cast: Cast, api: bool
) -> None:
    """An attachment kept under the sender's own name (`x.html`), as before this rule."""
    request = _request(cast)
    event = RequestEvent.objects.create(
        request=request, kind="message", organisation=cast.be, attachment_name="x.html",
        attachment=ContentFile(HTML_PAGE, name="x.html"),
    )  # fmt: skip
    fr = cast.client("fr_operator") if not api else _token_client(cast.member("fr_operator"))
    response = _download(fr, request, event.pk, api=api)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="x.bin"'
    assert response["X-Content-Type-Options"] == "nosniff"
