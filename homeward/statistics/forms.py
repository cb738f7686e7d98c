from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from homeward.core.dates import DayField
from homeward.statistics.returns.reading import MAX_FILE_BYTES


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Return file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "The template filled in, as CSV UTF-8 or Excel (.xlsx), at most %(mb)s MB. Every "
            "cell is checked; nothing is stored unless all pass, and it replaces the draft."
        ) % {"mb": MAX_FILE_BYTES // 2**20}


class SubmitForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the network office"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: what the network office should know about these figures."),
    )


class OpenYearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    due_on = DayField(label=_("Returns due on"))


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class PeriodForm(forms.Form):
    """A run of days for a hotline's own figures, both days included."""

    start = DayField(label=pgettext_lazy("the first day of a period", "From"))
    end = DayField(label=pgettext_lazy("the last day of a period", "To"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The period ends before it starts."))
        return data
