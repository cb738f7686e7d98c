from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from homeward.cases.choices import Category, Status
from homeward.cases.models import ImportJob
from homeward.cases.transfer.columns import MAX_FILE_BYTES, MAX_ROWS
from homeward.cases.transfer.exporting import ExportFormat
from homeward.core.dates import DayField

ACCEPTED_SUFFIXES = {".csv", ".xlsx"}


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=ImportJob.Kind.choices,
        widget=forms.RadioSelect,
        initial=ImportJob.Kind.CASES,
    )
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    dry_run = forms.BooleanField(
        label=_("Only check the file, do not import"),
        required=False,
        initial=True,
        help_text=_("You can import a file that passed the check from its page."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "CSV UTF-8 or Excel (.xlsx), at most %(mb)s MB and %(rows)s rows."
        ) % {"mb": MAX_FILE_BYTES // 2**20, "rows": f"{MAX_ROWS:,}"}

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if PurePath(upload.name or "").suffix.lower() not in ACCEPTED_SUFFIXES:
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size is not None and upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB: split it into smaller files.")
                % {"mb": MAX_FILE_BYTES // 2**20}
            )
        return upload


class ExportForm(forms.Form):
    file_format = forms.ChoiceField(
        label=_("Format"),
        choices=[
            (ExportFormat.CSV, _("CSV (UTF-8)")),
            (ExportFormat.XLSX, _("Excel (.xlsx)")),
            (ExportFormat.JSON, _("JSON")),
        ],
        initial=ExportFormat.CSV,
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any")), *Status.choices], required=False
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("Any")), *Category.choices], required=False
    )
    reported_from = DayField(label=_("Reported from"), required=False)
    reported_to = DayField(label=_("Reported until"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("reported_from"), data.get("reported_to")
        if start and end and start > end:
            self.add_error("reported_to", _("This is before the start of the period."))
        return data
