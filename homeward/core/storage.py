"""Children's photos and cross-border attachments live outside the static and media URLs: they
are served only by views that check the permission and record the read.

Models name `private_storage` (a callable), so migrations refer to it rather than to a path on
the machine that made them; the location is read from the settings at each use."""

from __future__ import annotations

import contextlib
import errno
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage


class StorageFull(Exception):
    """The disk (or the quota) of the private media is full: nothing of the file was kept, and
    the write that needed it is undone with its transaction."""


class PrivateStorage(FileSystemStorage):
    root_setting = "PRIVATE_MEDIA_ROOT"

    @property
    def base_location(self) -> str:
        return str(getattr(settings, self.root_setting))

    @property
    def location(self) -> str:
        return str(Path(self.base_location).resolve())

    def _save(self, name: str, content: Any) -> str:
        try:
            # _save is the documented hook of a custom storage; django-stubs omits it
            return str(super()._save(name, content))  # type: ignore[misc]
        except OSError as error:
            if error.errno not in (errno.ENOSPC, errno.EDQUOT):
                raise
            with contextlib.suppress(OSError):
                Path(self.path(name)).unlink()  # the part written before the disk filled up
            raise StorageFull(name) from error


class PublicStorage(PrivateStorage):
    """What is published on purpose (the photo of an active appeal or alert). Still served by a
    view, never by the web server from disk: the view answers 410 the moment publication ends,
    before the file itself is deleted."""

    root_setting = "PUBLIC_MEDIA_ROOT"


_storage = PrivateStorage()
_public = PublicStorage()


def private_storage() -> Storage:
    return _storage


def public_storage() -> Storage:
    return _public
