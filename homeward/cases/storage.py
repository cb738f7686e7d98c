"""Children's photos live outside the static and media URLs: they are served only by a view
that checks the photo permission and records the read."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import LazyObject


class _PrivatePhotoStorage(LazyObject):
    def _setup(self) -> None:
        self._wrapped = FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


private_photo_storage = _PrivatePhotoStorage()
