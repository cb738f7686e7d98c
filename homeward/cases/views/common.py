"""What the case pages share: an edit conflict shown on the form."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.forms import BaseForm
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from homeward.cases.actions import EditConflict

CONFLICT = gettext_noop(
    "Someone else saved “%(theirs)s” here after you opened this form. Yours is in the field: "
    "save again to keep it, or change it."
)


def show_conflict(form: BaseForm, conflict: EditConflict, now: Mapping[str, Any]) -> None:
    """Both values on the page: what someone else saved (`now`, the record's current values as
    the form shows them) beside the field, and this editor's value still in it. What the form
    remembers as seen becomes theirs, so saving again keeps this editor's value on purpose."""
    data = form.data.copy()  # type: ignore[attr-defined]
    for name in conflict.theirs:
        field = form.fields[name]
        value = now[name]
        values = value if isinstance(value, list | tuple) else [value]
        data.setlist(form.add_initial_prefix(name), ["" if v is None else str(v) for v in values])
        form.add_error(name, _(CONFLICT) % {"theirs": _shown(field, value)})
    form.data = data


def _shown(field: Any, value: Any) -> str:
    labels = dict(getattr(field, "choices", ()) or ())
    values = value if isinstance(value, list | tuple) else [value]
    words = [str(labels.get(v, v)) for v in values if v not in (None, "")]
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return ", ".join(words) or _("(empty)")
