"""Children's photos and cross-border attachments live outside the static and media URLs: they
are served only by views that check the permission and record the read.

Models name `private_storage` (a callable), so migrations refer to it rather than to a path on
the machine that made them; the location is read from the settings at each use."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage


class PrivateStorage(FileSystemStorage):
    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return str(Path(self.base_location).resolve())


_storage = PrivateStorage()


def private_storage() -> Storage:
    return _storage
