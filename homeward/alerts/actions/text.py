"""The checks every text an alert publishes or records passes, in the actions so that the API
and the pages refuse the same things, each error naming its field: characters XML 1.0 cannot
carry (a CAP message could not be built)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# what XML 1.0 allows (its production Char): tab, line feed, carriage return and the rest
# outside the surrogates and U+FFFE/U+FFFF
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def checked_text(value: str, field: str, *, required: str = "") -> str:
    """`value` stripped; refused (on `field`) when empty though `required` (its message), or
    when it holds a character XML cannot carry."""
    text = value.strip()
    if required and not text:
        raise ValidationError({field: required})
    found = NOT_XML.search(text)
    if found:
        raise ValidationError({field: _(
            "Remove the control character U+%(code)04X: it cannot be published."
        ) % {"code": ord(found.group())}})  # fmt: skip
    return text
