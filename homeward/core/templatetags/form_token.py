"""`{% form_token %}`: a one-time token in a form, so that the same form sent twice (a double
click, a retry after a network error) is done once (core/idempotency.py), and the organisation
the form was opened in, so that a form sent after its sender switched organisation (in another
tab) is not done in the other one. A builtin: every template can use it without loading it."""

from __future__ import annotations

import uuid

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from homeward.core.idempotency import FORM_ORGANISATION_FIELD, FORM_TOKEN_FIELD

register = template.Library()


@register.simple_tag(takes_context=True)
def form_token(context: template.Context) -> SafeString:
    token = format_html(
        '<input type="hidden" name="{}" value="{}">', FORM_TOKEN_FIELD, uuid.uuid4().hex
    )
    organisation_id = getattr(context.get("membership"), "organisation_id", None)
    if organisation_id is None:
        return token
    return format_html(
        '{}<input type="hidden" name="{}" value="{}">',
        token,
        FORM_ORGANISATION_FIELD,
        organisation_id,
    )
