"""Children's photos live outside the static and media URLs: they are served only by a view
that checks the photo permission and records the read."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.signals import setting_changed
from django.utils.functional import LazyObject, empty


class _PrivatePhotoStorage(LazyObject):
    def _setup(self) -> None:
        self._wrapped = FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


private_photo_storage = _PrivatePhotoStorage()


def _follow_setting(*, setting: str, **kwargs: Any) -> None:
    if setting == "PRIVATE_MEDIA_ROOT":
        private_photo_storage._wrapped = empty  # type: ignore[assignment]


setting_changed.connect(_follow_setting)
