"""`{% form_token %}`: a one-time token in a form, so that the same form sent twice (a double
click, a retry after a network error) is done once (core/idempotency.py). A builtin: every
template can use it without loading it."""

from __future__ import annotations

import uuid

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from homeward.core.idempotency import FORM_TOKEN_FIELD

register = template.Library()


@register.simple_tag
def form_token() -> SafeString:
    return format_html(
        '<input type="hidden" name="{}" value="{}">', FORM_TOKEN_FIELD, uuid.uuid4().hex
    )
