"""What the case pages share."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm, BaseFormSet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from homeward.cases.actions import EditConflict


def add_errors(
    form: BaseForm,
    error: ValidationError,
    rows: Mapping[str, BaseFormSet[Any]] | None = None,
) -> None:
    """Puts an action's field errors on the form's fields (or the form when unknown). An
    error of a row, `<list>.<index>.<field>`, goes on that row of the formset `rows[<list>]`
    shown for the list, so it is shown in its row."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, field_errors in error.message_dict.items():
        row = _row_form(field, rows or {})
        if row is not None:
            row.add_error(field.rsplit(".", 1)[1], field_errors)
        else:
            form.add_error(field if field in form.fields else None, field_errors)


def _row_form(field: str, rows: Mapping[str, BaseFormSet[Any]]) -> BaseForm | None:
    parts = field.split(".")
    if len(parts) != 3 or parts[0] not in rows or not parts[1].isdigit():
        return None
    forms: list[BaseForm] = rows[parts[0]].forms
    index = int(parts[1])
    if index >= len(forms) or parts[2] not in forms[index].fields:
        return None
    return forms[index]


def flash_errors(request: object, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)  # type: ignore[arg-type]


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
