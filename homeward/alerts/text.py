"""The checks every text an alert publishes or records passes, in the actions so that the API
and the pages refuse the same things, each error naming its field: characters XML 1.0 cannot
carry (a CAP message could not be built) and a text longer than its limit (refused, never cut).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# what XML 1.0 allows (its production Char): tab, line feed, carriage return and the rest
# outside the surrogates and U+FFFE/U+FFFF
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# the longest each text may be, in characters (the columns' own where they have one)
LIMITS = {
    "headline": 160,
    "description": 3000,
    "instruction": 1000,
    "hotline_number": 40,
    "authority_name": 200,
    "decided_by": 200,
    "grounds": 5000,
}


def checked_text(value: str, field: str, *, limit: str = "", required: str = "") -> str:
    """`value` stripped; refused (on `field`) when empty though `required` (its message), when
    longer than the limit of `limit` (default: the field's own), or when it holds a character
    XML cannot carry."""
    text = value.strip()
    if required and not text:
        raise ValidationError({field: required})
    most = LIMITS[limit or field]
    if len(text) > most:
        raise ValidationError({field: _(
            "At most %(limit)s characters (this text has %(length)s): shorten it."
        ) % {"limit": most, "length": len(text)}})  # fmt: skip
    found = NOT_XML.search(text)
    if found:
        raise ValidationError({field: _(
            "Remove the control character U+%(code)04X: it cannot be published."
        ) % {"code": ord(found.group())}})  # fmt: skip
    return text
