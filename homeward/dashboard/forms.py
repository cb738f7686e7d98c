from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from homeward.audit.wording import ACTION_LABELS, action_label
from homeward.core.dates import DayField
from homeward.dashboard.audit_words import OBJECT_TYPES


class EventFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    actor = forms.EmailField(label=_("Actor's e-mail"), required=False)
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    since = DayField(label=pgettext_lazy("the first day of a date range", "From"), required=False)
    until = DayField(label=_("Until"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """The actions are offered by name, sorted in the reader's language."""
        super().__init__(*args, **kwargs)
        named = sorted(((a, action_label(a)) for a in ACTION_LABELS), key=lambda c: c[1])
        self.fields["action"].choices = [("", _("Any")), *named]  # type: ignore[attr-defined]
        kinds = sorted(((k, str(label)) for k, label in OBJECT_TYPES.items()), key=lambda c: c[1])
        self.fields["object_type"].choices = [("", _("Any")), *kinds]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("'Until' is before 'From'."))
        return cleaned
