"""`{% error_summary form other_form formset %}`: the list of everything wrong with the forms
of a page, at the top, each field's error a link to the field (app.js moves the focus to it on
load). A builtin, like `{% form_token %}`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django import forms, template
from django.utils.translation import gettext as _

register = template.Library()


@dataclass(frozen=True)
class Problem:
    message: str
    label: str = ""
    target: str = ""


def field_target(field: forms.BoundField) -> str:
    """The id the summary links to: the input itself, or the first option of a group of
    radio buttons or checkboxes (which has no single input)."""
    if field.field.widget.use_fieldset:
        return f"{field.auto_id}_0"
    return field.id_for_label


def problems_of(form: Any, row: int | None = None) -> Iterator[Problem]:
    """Each problem of a form; in a formset, each names its row ("Factor 2, Source", with the
    rows' `row_label`, else "Row 2, Source"), since every row has fields of the same names."""
    if form is None or not getattr(form, "is_bound", False):
        return
    if isinstance(form, forms.BaseFormSet):
        for message in form.non_form_errors():
            yield Problem(str(message))
        for number, member in enumerate(form.forms, start=1):
            yield from problems_of(member, number)
        return
    for message in form.non_field_errors():
        yield Problem(str(message))
    for field in form:
        if field.is_hidden:
            continue
        label = str(field.label)
        if row is not None:
            row_name = getattr(form, "row_label", _("Row %(row)s")) % {"row": row}
            label = f"{row_name}, {label}"
        for message in field.errors:
            yield Problem(str(message), label, field_target(field))


def flatten(items: Iterable[Any]) -> Iterator[Any]:
    for item in items:
        if isinstance(item, list | tuple):
            yield from item
        else:
            yield item


@register.inclusion_tag("core/error_summary.html")
def error_summary(*forms_on_page: Any) -> dict[str, Any]:
    return {"problems": [p for form in flatten(forms_on_page) for p in problems_of(form)]}
