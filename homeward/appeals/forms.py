"""Forms of the appeals pages. They parse and check input; the actions decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from homeward.appeals.access import hotline_countries
from homeward.appeals.choices import Answer, How, Party, PhotoSource
from homeward.appeals.models import Appeal
from homeward.appeals.rules import CHILD_VIEW_YOUNGEST, NOTE_LIMIT
from homeward.core.dates import DayField, MomentField


def country_choices() -> list[tuple[str, str]]:
    return [("", "—"), *sorted(((c.code, c.name) for c in countries), key=lambda c: c[1])]


class DraftForm(forms.Form):
    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        help_text=_("The first name only: never the family name."),
    )
    age = forms.IntegerField(label=_("Age"), min_value=0, max_value=25, required=False)
    last_seen_on = DayField(label=_("Last seen on"), required=False)
    last_seen_place = forms.CharField(
        label=_("Last seen in"),
        max_length=200,
        required=False,
        help_text=_("A town or area, not an address."),
    )
    hotline_number = forms.CharField(label=_("Hotline number"), max_length=32)
    countries = forms.CharField(
        label=_("Countries"),
        max_length=200,
        help_text=_(
            "Where the appeal is shown: country codes separated by commas, such as BE, FR."
        ),
    )
    starts_on = DayField(label=_("Starts on"))
    ends_on = DayField(label=_("Ends on"))
    photo_source = forms.ChoiceField(
        label=_("Photo"), choices=PhotoSource.choices, widget=forms.RadioSelect
    )
    photo = forms.ImageField(
        label=_("Upload a photo for the appeal"),
        required=False,
        help_text=_("JPEG or PNG; its metadata is removed."),
    )

    @classmethod
    def for_appeal(cls, appeal: Appeal, data: Any = None, files: Any = None) -> DraftForm:
        initial = {
            field: getattr(appeal, field)
            for field in (
                "first_name",
                "age",
                "last_seen_on",
                "last_seen_place",
                "hotline_number",
                "starts_on",
                "ends_on",
                "photo_source",
            )
        }
        initial["countries"] = ", ".join(appeal.countries)
        return cls(data, files, initial=initial)

    def clean_countries(self) -> list[str]:
        value: str = self.cleaned_data["countries"]
        return [part.strip().upper() for part in value.replace(";", ",").split(",") if part.strip()]

    def changes(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("photo", None)
        return data


class ConsentForm(forms.Form):
    party = forms.ChoiceField(label=_("Whose answer"), choices=Party.choices)
    # no answer chosen beforehand: the operator picks the one given, never a default
    answer = forms.ChoiceField(label=_("Answer"), choices=Answer.choices, widget=forms.RadioSelect)
    name = forms.CharField(label=_("Name of the person"), max_length=200)
    capacity = forms.CharField(
        label=_("Capacity"),
        max_length=200,
        required=False,
        help_text=_("Mother, legal guardian, police officer in charge…"),
    )
    how = forms.ChoiceField(label=_("How"), choices=How.choices)
    given_at = MomentField(label=_("When"))
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PolicyForm(forms.Form):
    default_days = forms.IntegerField(
        label=_("Default duration (days)"), min_value=1, max_value=365
    )
    maximum_days = forms.IntegerField(
        label=_("Maximum duration (days)"), min_value=1, max_value=365
    )
    police_consent_required = forms.BooleanField(
        label=_("The police's consent is required"), required=False
    )
    child_view_from_age = forms.IntegerField(
        label=_("The child's view is asked from the age of"),
        min_value=CHILD_VIEW_YOUNGEST,
        max_value=18,
        help_text=_(
            "From 7 to 18: a younger child cannot weigh what a public appeal means; the "
            "parent or guardian answers for them."
        ),
    )


class BlockForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


def site_country_choices() -> list[tuple[str, str]]:
    """Only the countries a hotline of the network serves: an admin there can block the site."""
    served = hotline_countries()
    return [(code, name) for code, name in country_choices() if not code or code in served]


class SiteForm(forms.Form):
    name = forms.CharField(label=_("Site name"), max_length=200)
    origin = forms.CharField(
        label=_("Origin"),
        max_length=200,
        help_text=_("Exactly as your pages are served, such as https://www.example.org (no path)."),
    )
    contact_email = forms.EmailField(
        label=_("Contact e-mail"), help_text=_("The key is sent here.")
    )
    country = forms.ChoiceField(
        label=_("Country"),
        choices=site_country_choices,
        help_text=_(
            "Appeals of this country are shown when the visitor's is not known. Only the "
            "countries a hotline of the network serves are listed."
        ),
    )
