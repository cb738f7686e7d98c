"""Images that come in (children's photos, message attachments) are re-encoded: EXIF (with
GPS), XMP and comments are dropped, orientation is applied, the size is bounded."""

from __future__ import annotations

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_SIDE = 1600


def clean_image(upload: UploadedFile, *, field: str) -> ContentFile[bytes]:
    if upload.size is not None and upload.size > settings.PHOTO_MAX_BYTES:
        raise ValidationError({field: _("The image is larger than 8 MB.")})
    try:
        with Image.open(upload) as source:
            source.verify()
        upload.seek(0)
        with Image.open(upload) as source:
            image = ImageOps.exif_transpose(source).convert("RGB")
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise ValidationError({field: _("This file is not an image Homeward can read.")}) from None
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    clean = io.BytesIO()
    image.save(clean, format="JPEG", quality=88)
    return ContentFile(clean.getvalue())
