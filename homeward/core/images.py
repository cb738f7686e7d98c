"""Images that come in (children's photos, message attachments) are re-encoded: EXIF (with
GPS), XMP and comments are dropped, orientation is applied, the size is bounded.

An image is hostile until its header says otherwise. A PNG of a few kilobytes can declare
20000 × 20000 pixels, and decoding it takes gigabytes. So the header alone is read first (by
Pillow's reader of the format, which decodes nothing), its pixel count is checked against
`IMAGE_MAX_PIXELS` (`HOMEWARD_MAX_IMAGE_PIXELS`), and only an image within the limit is
decoded. Only JPEG and
PNG are opened at all (Pillow's other formats are never tried), only the first frame of an
animated image is decoded (the frames of an animated PNG lie within the canvas that the pixel
check measured), and Pillow's own decompression-bomb guard is set to the same limit
(`apply_pixel_limit`, at start-up) as a second line. Whatever a hostile file makes Pillow raise
while it is read becomes an error on the named field, never a server error."""

from __future__ import annotations

import io
import struct
import warnings
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError
from PIL.JpegImagePlugin import JpegImageFile
from PIL.PngImagePlugin import PngImageFile

MAX_SIDE = 1600
FORMATS = ("JPEG", "PNG")
SHRINKABLE_MODES = ("RGB", "RGBA", "L", "LA", "CMYK")
JPEG_SIGNATURE = b"\xff\xd8\xff"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# enough for the header of a JPEG (whose size comes after its metadata segments) or a PNG
HEADER_BYTES = 1024 * 1024
# what Pillow raises on a damaged or truncated file, besides its own UnidentifiedImageError
_UNREADABLE = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error, zlib.error)


def apply_pixel_limit() -> None:
    """Pillow's own guard at Homeward's limit: it warns above it (turned into an error while an
    upload is read) and refuses twice the limit everywhere."""
    Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS


def _too_large(width: int, height: int, field: str) -> ValidationError:
    return ValidationError(
        {
            field: _(
                "The image is too large: %(width)d × %(height)d pixels; "
                "at most %(limit)s million pixels."
            )
            % {
                "width": width,
                "height": height,
                "limit": f"{settings.IMAGE_MAX_PIXELS / 1_000_000:g}",
            }
        }
    )


def _check_pixels(image: Image.Image, field: str) -> None:
    """From the header only: nothing has been decoded yet."""
    width, height = image.size
    if width * height > settings.IMAGE_MAX_PIXELS:
        raise _too_large(width, height, field)


def _check_header(upload: UploadedFile, field: str) -> None:
    """The size the header declares, read by Pillow's reader of that format, which parses the
    header and decodes nothing (`Image.open` would stop a bomb too, but without saying how
    large it is)."""
    upload.seek(0)
    head = upload.read(len(PNG_SIGNATURE))
    upload.seek(0)
    reader: type[ImageFile.ImageFile]
    if head.startswith(PNG_SIGNATURE):
        reader = PngImageFile
    elif head.startswith(JPEG_SIGNATURE):
        reader = JpegImageFile
    else:
        raise UnidentifiedImageError
    # read from a copy of the first bytes: the reader closes the file it was given
    header = reader(io.BytesIO(upload.read(HEADER_BYTES)))
    _check_pixels(header, field)
    upload.seek(0)


def _decode(upload: UploadedFile, field: str) -> Image.Image:
    _check_header(upload, field)
    with Image.open(upload, formats=FORMATS) as source:
        _check_pixels(source, field)
        source.verify()  # checksums and structure, without decoding the pixels
    upload.seek(0)
    with Image.open(upload, formats=FORMATS) as source:
        _check_pixels(source, field)
        source.draft("RGB", (MAX_SIDE, MAX_SIDE))  # a JPEG decodes at a reduced scale
        # the first frame only, decoded once; shrunk before any copy is made, so the memory
        # taken is about one decoded image (at most 4 bytes a pixel)
        image: Image.Image = source
        if image.mode not in SHRINKABLE_MODES:  # 1-bit as grey; palette, 16-bit as RGB
            image = image.convert("L" if image.mode == "1" else "RGB")
        image.thumbnail((MAX_SIDE, MAX_SIDE))
        return ImageOps.exif_transpose(image).convert("RGB")


def clean_image(upload: UploadedFile, *, field: str) -> ContentFile[bytes]:
    if upload.size is not None and upload.size > settings.PHOTO_MAX_BYTES:
        raise ValidationError({field: _("The image is larger than 8 MB.")})
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = _decode(upload, field)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # only when Pillow's limit is below ours (it was changed after start-up)
        raise ValidationError(
            {field: _("The image is too large: at most %(limit)s million pixels.")
             % {"limit": f"{settings.IMAGE_MAX_PIXELS / 1_000_000:g}"}}
        ) from None  # fmt: skip
    except (UnidentifiedImageError, *_UNREADABLE):
        raise ValidationError({field: _("This file is not an image Homeward can read.")}) from None
    clean = io.BytesIO()
    image.save(clean, format="JPEG", quality=88)
    return ContentFile(clean.getvalue())


def is_image(head: bytes) -> bool:
    """Whether a file's first bytes are a JPEG's or a PNG's signature."""
    return head.startswith((JPEG_SIGNATURE, PNG_SIGNATURE))
