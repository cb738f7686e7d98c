"""Message attachments: what Homeward accepts, and how it serves them to the other hotline.

The type a browser declares and the file's name are the sender's claims; what a file is comes
from its content. Homeward accepts four kinds, decided from the first bytes:

- a PDF starts with `%PDF-`;
- a JPEG (`FF D8 FF`) or PNG (`89 50 4E 47 0D 0A 1A 0A`) is opened by Pillow, checked and
  re-encoded as JPEG (`core.images.clean_image`: its pixel count is checked before anything is
  decoded, and its metadata is dropped);
- anything else must be plain text: valid UTF-8, no NUL, and no web markup that a browser
  would sniff and run (content starting with a `<` tag, or holding `<html`, `<script`, `<svg`
  and the like). HTML and SVG are refused, whatever they are called.

The signatures are written out here rather than taken from a library (filetype, puremagic):
the allowed set is three signatures and one kind that has none (plain text, which no such
library decides), so a dependency would check less than these lines do.

The name's extension must then agree with the content (`x.html` holding a PNG is refused), and
the file is stored under a name Homeward chooses (`attachment.pdf`, `.txt`, `.jpg`). Downloads
carry the type decided here, never the client's: `Content-Type` from the stored name,
`Content-Disposition: attachment` with a cleaned name, `X-Content-Type-Options: nosniff` and a
sandboxing `Content-Security-Policy`, so that not even a polyglot (a PDF with HTML inside) is
ever rendered as a page of Homeward's origin."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath
from typing import Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpResponseBase
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from homeward.core.images import clean_image, is_image
from homeward.crossborder.models import RequestEvent

Kind = Literal["pdf", "text", "image"]

# the extensions a sender's file name may carry for each kind (or none at all)
EXTENSIONS: dict[Kind, frozenset[str]] = {
    "pdf": frozenset({".pdf"}),
    "text": frozenset({".txt", ".text"}),
    "image": frozenset({".jpg", ".jpeg", ".png"}),
}
STORED_SUFFIX: dict[Kind, str] = {"pdf": ".pdf", "text": ".txt", "image": ".jpg"}
# what a download is served as, by the suffix Homeward gave the stored file
SERVED_TYPES = {
    ".pdf": "application/pdf",
    ".txt": "text/plain; charset=utf-8",
    ".jpg": "image/jpeg",
}
# markup that a browser would sniff as HTML, SVG or XML and run (lower case)
MARKUP = (
    "<html",
    "<head",
    "<body",
    "<script",
    "<svg",
    "<iframe",
    "<object",
    "<embed",
    "<img",
    "<meta",
    "<link",
    "<style",
    "<form",
    "<!doctype",
    "<?xml",
    "<!--",
)
# a `<` tag at the start: `<p>`, `<!DOCTYPE`, `<?xml`, `</…` (not "<3" or "< 18")
LEADING_TAG = re.compile(r"\s*<[a-z!?/]")
NAME_STEM_MAX = 80


def _field(message: str) -> ValidationError:
    return ValidationError({"attachment": message})


def _kind_of(head: bytes) -> Kind:
    if head.startswith(b"%PDF-"):
        return "pdf"
    if is_image(head):
        return "image"
    return "text"


def _check_text(content: bytes) -> None:
    if b"\x00" in content:
        raise _field(_("A text file must not contain NUL bytes: attach a PDF instead."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _field(_("Attach a PDF, a text file (UTF-8), or a JPEG or PNG image.")) from None
    lowered = text.lower()
    if LEADING_TAG.match(lowered) or any(tag in lowered for tag in MARKUP):
        raise _field(
            _("This text holds web markup (HTML, SVG or a script): attach it as a PDF instead.")
        )


def _kind_name(kind: Kind) -> str:
    return {"pdf": _("a PDF"), "text": _("plain text"), "image": _("an image")}[kind]


def clean_name(raw: str, kind: Kind) -> str:
    """The sender's name without its path, control or direction characters (U+202E can make
    `gpj.exe` read as `exe.jpg`), shortened, with the suffix Homeward decided."""
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    stem = PurePosixPath(name).stem if PurePosixPath(name).suffix else name
    stem = stem.strip(" .")[:NAME_STEM_MAX].strip(" .") or "attachment"
    return f"{stem}{STORED_SUFFIX[kind]}"


def clean_attachment(upload: UploadedFile) -> dict[str, object]:
    """The stored file and its shown name, or a `ValidationError` on `attachment`."""
    if upload.size is not None and upload.size > settings.CROSSBORDER_ATTACHMENT_MAX_BYTES:
        raise _field(_("Attachments are limited to 10 MB."))
    upload.seek(0)
    head = upload.read(16)
    if not head:
        raise _field(_("The file is empty."))
    kind = _kind_of(head)
    raw_name = "".join(
        ch for ch in (upload.name or "") if unicodedata.category(ch)[0] != "C"
    ).replace("\\", "/").rsplit("/", 1)[-1]  # fmt: skip
    extension = PurePosixPath(raw_name).suffix.lower()
    if extension and not any(extension in allowed for allowed in EXTENSIONS.values()):
        raise _field(_("Attach a PDF, a text file, or a JPEG or PNG image."))
    if extension and extension not in EXTENSIONS[kind]:
        raise _field(
            _("The file's name ends in “%(ext)s”, but it holds %(kind)s.")
            % {"ext": extension[:20], "kind": _kind_name(kind)}
        )
    name = clean_name(raw_name, kind)
    if kind == "image":
        upload.seek(0)
        content = clean_image(upload, field="attachment")
    else:
        upload.seek(0)
        data = upload.read()
        if len(data) > settings.CROSSBORDER_ATTACHMENT_MAX_BYTES:  # the size a client declared
            raise _field(_("Attachments are limited to 10 MB."))
        if kind == "text":
            _check_text(data)
        content = ContentFile(data)
    content.name = f"attachment{STORED_SUFFIX[kind]}"
    return {"attachment": content, "attachment_name": name}


def served_type(event: RequestEvent) -> str:
    """The type decided at upload, read back from the suffix Homeward gave the stored file;
    a file stored before that rule (any other suffix) is served as bytes to save."""
    suffix = PurePosixPath(event.attachment.name or "").suffix.lower()
    return SERVED_TYPES.get(suffix, "application/octet-stream")


def served_name(event: RequestEvent) -> str:
    suffix = PurePosixPath(event.attachment.name or "").suffix.lower()
    kinds: dict[str, Kind] = {".pdf": "pdf", ".txt": "text", ".jpg": "image"}
    name = event.attachment_name or f"message-{event.pk}"
    if suffix in kinds:
        return clean_name(name, kinds[suffix])
    return clean_name(name, "text").removesuffix(".txt") + ".bin"


def protect(response: HttpResponseBase, event: RequestEvent) -> HttpResponseBase:
    """The headers of every attachment download, from the HTML page and the API alike."""
    response["Content-Type"] = served_type(event)
    response["Content-Disposition"] = content_disposition_header(True, served_name(event)) or ""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response
