"""The staff forms: the assessment, the authority's activation, an update, the end, a relay
request and the organisation's criteria. The actions check again; these only parse (no
`max_length` here: a browser would cut a pasted text silently, the action refuses it instead)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from homeward.alerts.actions import Publication
from homeward.alerts.choices import (
    MAX_DURATION_HOURS,
    Answer,
    AuthorityKind,
    CapCertainty,
    CapSeverity,
    CapUrgency,
    EndReason,
    PublicityRisk,
    Recommendation,
)
from homeward.alerts.models import Alert
from homeward.core.dates import MomentField
from homeward.organisations.models import Organisation

# the broadcast a national system allows, in hours (DOMAIN.md, "Child alerts"), as a start
DEFAULT_HOURS = {"FR": 3, "BE": 6}


def _codes(value: str) -> list[str]:
    return [code for code in value.replace(",", " ").upper().split() if code]


class AssessForm(forms.Form):
    publicity_risks = forms.MultipleChoiceField(
        label=_("Risks of publicity for this child"),
        choices=PublicityRisk.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    risks_note = forms.CharField(
        label=_("About these risks"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    recommendation = forms.ChoiceField(
        label=_("Recommendation"), choices=Recommendation.choices, widget=forms.RadioSelect
    )
    reasoning = forms.CharField(label=_("Reasoning"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, criteria: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        fields: dict[str, forms.Field] = {}
        for key, wording in criteria:
            fields[f"criterion_{key}"] = forms.ChoiceField(
                label=wording, choices=Answer.choices, widget=forms.RadioSelect,
                initial=Answer.UNKNOWN,
            )  # fmt: skip
            fields[f"note_{key}"] = forms.CharField(label=_("Note"), required=False)
        self.fields = {**fields, **self.fields}

    def answers(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {key: (data[f"criterion_{key}"], data[f"note_{key}"]) for key, _w in self.criteria}

    def criterion_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"criterion_{key}"], self[f"note_{key}"]) for key, _w in self.criteria]


class PublicationForm(forms.Form):
    countries = forms.CharField(
        label=_("Countries"), help_text=_("ISO 3166-1 codes, separated by spaces: BE FR")
    )
    regions = forms.CharField(
        label=_("Regions"), required=False,
        help_text=_("ISO 3166-2 codes of those countries, or empty for the whole country: BE-BRU"),
    )  # fmt: skip
    duration_hours = forms.IntegerField(
        label=_("Duration in hours"), min_value=1, max_value=MAX_DURATION_HOURS
    )
    headline = forms.CharField(label=_("Headline"))
    description = forms.CharField(
        label=_("Description of the child and the circumstances"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    instruction = forms.CharField(
        label=_("What the public should do"), widget=forms.Textarea(attrs={"rows": 2})
    )
    hotline_number = forms.CharField(label=_("Number to call"))
    urgency = forms.ChoiceField(label=_("Urgency"), choices=CapUrgency.choices)
    severity = forms.ChoiceField(label=_("Severity"), choices=CapSeverity.choices)
    certainty = forms.ChoiceField(label=_("Certainty"), choices=CapCertainty.choices)

    def publication(self, translations: dict[str, dict[str, str]] | None = None) -> Publication:
        data = self.cleaned_data
        return Publication(
            countries=_codes(data["countries"]), regions=_codes(data["regions"]),
            duration_hours=data["duration_hours"], headline=data["headline"],
            description=data["description"], instruction=data["instruction"],
            hotline_number=data["hotline_number"], urgency=data["urgency"],
            severity=data["severity"], certainty=data["certainty"],
            translations=translations or {},
        )  # fmt: skip

    @classmethod
    def initial_for(cls, organisation: Organisation, number: str) -> dict[str, Any]:
        return {
            "countries": organisation.country,
            "duration_hours": DEFAULT_HOURS.get(organisation.country, 6),
            "hotline_number": number,
            "urgency": CapUrgency.IMMEDIATE,
            "severity": CapSeverity.SEVERE,
            "certainty": CapCertainty.LIKELY,
        }

    @classmethod
    def initial_of(cls, alert: Alert) -> dict[str, Any]:
        names = ("duration_hours", "headline", "description", "instruction", "hotline_number",
                 "urgency", "severity", "certainty")  # fmt: skip
        initial = {name: getattr(alert, name) for name in names}
        initial["countries"] = " ".join(alert.countries)
        initial["regions"] = " ".join(alert.regions)
        return initial


class ActivationForm(PublicationForm):
    authority_kind = forms.ChoiceField(
        label=_("Competent authority"), choices=AuthorityKind.choices
    )
    authority_name = forms.CharField(label=_("Name of the authority"))
    decided_by = forms.CharField(
        label=_("Decided by (name and function)"),
        help_text=_("The official who decided, as the authority gave it."),
    )  # fmt: skip
    decided_at = MomentField(label=_("Decided at"))
    grounds = forms.CharField(
        label=_("Grounds of the decision"), widget=forms.Textarea(attrs={"rows": 3})
    )
    photo = forms.FileField(
        label=_("Authorised photo"), required=False,
        help_text=_("A JPEG or PNG the authority authorised for publication."),
    )  # fmt: skip
    photo_from_case = forms.BooleanField(
        label=_("Publish the photo of the child on the case instead"), required=False
    )

    field_order = ["authority_kind", "authority_name", "decided_by", "decided_at", "grounds"]


class EndForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why the alert ends"), choices=EndReason.choices, widget=forms.RadioSelect
    )


class RelayForm(forms.Form):
    receiver = forms.ModelChoiceField(
        label=_("Hotline asked to relay"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args: Any, receivers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["receiver"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = receivers


class CriteriaForm(forms.Form):
    criteria = forms.CharField(
        label=_("Criteria of the national alert system"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_("One criterion a line, in the order of the checklist."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.use_european = bool(self.data.get("use_european"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.use_european and not str(data.get("criteria", "")).strip():
            self.add_error("criteria", _("Type the criteria, one a line, or choose “Use the "
                                         "European criteria”."))  # fmt: skip
        return data

    def wordings(self) -> list[str]:
        """The lines typed; none when the admin chose the European criteria."""
        if self.use_european:
            return []
        return [line for line in self.cleaned_data["criteria"].splitlines() if line.strip()]
