"""Hostile images on a child's photo upload, through the page and the API: decompression bombs
are refused from their header, before any pixel is decoded, with the size named; animated,
truncated and foreign-format files give a field error, never a server error."""

from __future__ import annotations

import io
import time
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import MULTIPART_CONTENT, encode_multipart
from PIL import Image, ImageFile

from homeward.cases.models import Child
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast
from homeward.testing.files import animated_png, image_bytes, png_bomb, truncated_png

pytestmark = pytest.mark.django_db

API = "/api/v1"
BOUNDARY = "HomewardImagesBoundary"


@pytest.fixture
def no_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to decode pixels fails the test: a refusal must come from the header."""

    def refuse(self: Any) -> Any:
        raise AssertionError(f"decoded a {self.size[0]} × {self.size[1]} image")

    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)


def _api_upload(client: Client, child_id: int, content: bytes, name: str = "photo.png") -> Any:
    body = encode_multipart(
        BOUNDARY, {"photo": SimpleUploadedFile(name, content, content_type="image/png")}
    )
    return client.put(
        f"{API}/children/{child_id}/photo",
        body,
        content_type=MULTIPART_CONTENT.replace("BoUnDaRyStRiNg", BOUNDARY),
    )


def _page_upload(client: Client, child_id: int, content: bytes, name: str = "photo.png") -> Any:
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    return client.post(f"/children/{child_id}/photo/upload/", {"photo": upload}, follow=True)


def _child(cast: Cast) -> Child:
    return make_case(cast).case_children.get().child


def _photo_errors(response: Any) -> list[str]:
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert {e["field"] for e in errors} == {"photo"}
    return [str(e["message"]) for e in errors]


@pytest.mark.parametrize("side", [20000, 13000])
def test_a_decompression_bomb_is_refused_by_the_api_from_its_header(
    cast: Cast, no_decoding: None, side: int
) -> None:
    child = _child(cast)
    bomb = png_bomb(side, side)
    assert len(bomb) < 60_000  # tens of kilobytes that decode to hundreds of megabytes
    started = time.monotonic()
    response = _api_upload(cast.client("be_operator"), child.pk, bomb)
    assert time.monotonic() - started < 5
    [message] = _photo_errors(response)
    assert f"{side} × {side} pixels" in message
    assert "at most 40 million pixels" in message
    child.refresh_from_db()
    assert not child.photo


def test_a_decompression_bomb_is_refused_on_the_page_with_the_size_named(
    cast: Cast, no_decoding: None
) -> None:
    child = _child(cast)
    page = _page_upload(cast.client("be_operator"), child.pk, png_bomb(20000, 20000))
    assert page.status_code == 200
    assert "The image is too large: 20000 × 20000 pixels" in page.content.decode()
    child.refresh_from_db()
    assert not child.photo


def test_the_pixel_limit_is_a_setting(cast: Cast, settings: Any) -> None:
    settings.IMAGE_MAX_PIXELS = 1000
    child = _child(cast)
    refused = _api_upload(cast.client("be_operator"), child.pk, image_bytes((40, 30)))
    assert "40 × 30 pixels; at most 0.001 million pixels" in _photo_errors(refused)[0]
    settings.IMAGE_MAX_PIXELS = 1200
    accepted = _api_upload(cast.client("be_operator"), child.pk, image_bytes((40, 30)))
    assert accepted.status_code == 200, accepted.content


def test_pillow_s_own_guard_is_set_to_the_same_limit(settings: Any) -> None:
    assert settings.IMAGE_MAX_PIXELS == 40_000_000
    assert Image.MAX_IMAGE_PIXELS == 40_000_000


def test_an_animated_png_keeps_its_first_frame_only(cast: Cast) -> None:
    child = _child(cast)
    operator = cast.client("be_operator")
    response = _api_upload(operator, child.pk, animated_png(300))
    assert response.status_code == 200, response.content
    stored = operator.get(f"{API}/children/{child.pk}/photo")
    with Image.open(io.BytesIO(stored.content)) as image:
        assert image.format == "JPEG" and getattr(image, "n_frames", 1) == 1


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (truncated_png(), "cut.png"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "header-only.png"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 40, "broken.jpg"),
        (image_bytes((20, 20), "GIF"), "moving.gif"),  # not JPEG or PNG
        (image_bytes((20, 20), "BMP"), "bitmap.png"),
        (b"", "empty.png"),
    ],
)
def test_broken_or_foreign_files_are_a_field_error_never_a_500(
    cast: Cast, content: bytes, name: str
) -> None:
    child = _child(cast)
    operator = cast.client("be_operator")
    api = _api_upload(operator, child.pk, content, name)
    assert api.status_code in (400, 422), api.content
    assert {e["field"] for e in api.json()["errors"]} == {"photo"}
    page = _page_upload(operator, child.pk, content, name)
    assert page.status_code == 200
    assert "Photo saved" not in page.content.decode()
    child.refresh_from_db()
    assert not child.photo


def test_the_orientation_is_applied_and_a_large_photo_is_shrunk(cast: Cast) -> None:
    """Shrinking before the orientation is applied (to decode only once) keeps both."""
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° to display
    data = io.BytesIO()
    Image.new("RGB", (3200, 1600), "teal").save(data, format="JPEG", exif=exif)
    child = _child(cast)
    operator = cast.client("be_operator")
    assert _api_upload(operator, child.pk, data.getvalue(), "tall.jpg").status_code == 200
    stored = operator.get(f"{API}/children/{child.pk}/photo")
    with Image.open(io.BytesIO(stored.content)) as image:
        assert image.size == (800, 1600)
        assert not image.getexif()
