"""A full disk: the file is refused whole, and no part of it stays behind."""

from __future__ import annotations

import errno
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import File
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from PIL import Image

from homeward.audit.models import AuditEvent
from homeward.core.storage import StorageFull, private_storage
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast


class _FillsTheDisk(File):  # type: ignore[type-arg]
    """A file whose second chunk finds no room left."""

    def __init__(self) -> None:
        super().__init__(None, name="photo.jpg")

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]:
        yield b"x" * 1000
        raise OSError(errno.ENOSPC, "No space left on device")

    def __len__(self) -> int:
        return 2000

    @property
    def size(self) -> int:
        return 2000

    def open(self, mode: Any = None, *args: Any, **kwargs: Any) -> Any:
        return self


def test_a_file_that_fills_the_disk_is_refused_and_leaves_nothing(settings: Any) -> None:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    with pytest.raises(StorageFull):
        private_storage().save("photos/child-1.jpg", _FillsTheDisk())
    assert not [p for p in root.rglob("*") if p.is_file()]


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_room(self: object, name: str, content: object) -> str:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", no_room)


@pytest.mark.django_db
def test_a_photo_sent_to_a_full_disk_is_a_clear_error_and_nothing_is_saved(
    cast: Cast, full_disk: None
) -> None:
    child = make_case(cast).case_children.get().child
    page = Client(raise_request_exception=False)
    page.force_login(cast.user("be_operator"))
    response = page.post(f"/children/{child.pk}/photo/upload/", {"photo": _jpeg()})
    assert response.status_code == 507
    assert "cannot store files" in response.content.decode()

    api = Client(raise_request_exception=False)
    api.force_login(cast.user("be_operator"))
    answer = api.put(
        f"/api/v1/children/{child.pk}/photo",
        encode_multipart(BOUNDARY, {"photo": _jpeg()}),
        content_type=MULTIPART_CONTENT,
    )
    assert answer.status_code == 507 and answer.json()["code"] == "storage_full"

    child.refresh_from_db()
    assert not child.photo
    assert not AuditEvent.objects.filter(action="cases.child.photo").exists()


def _jpeg() -> SimpleUploadedFile:
    data = io.BytesIO()
    Image.new("RGB", (40, 30), "orange").save(data, format="JPEG")
    return SimpleUploadedFile("photo.jpg", data.getvalue(), content_type="image/jpeg")
