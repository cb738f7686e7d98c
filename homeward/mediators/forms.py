"""Forms of the mediators pages. They parse and check input; the actions decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from homeward.core.dates import DayField
from homeward.mediators.choices import (
    Background,
    Gender,
    Outcome,
    SessionFormat,
    Situation,
    Specialisation,
)


def country_choices(blank: str = "—") -> list[tuple[str, str]]:
    return [("", blank), *sorted(((c.code, str(c.name)) for c in countries), key=lambda c: c[1])]


def split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


LANGUAGES_HELP = _("Language codes separated by commas, such as nl, fr (BCP 47).")


class SearchForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), required=False)
    language = forms.CharField(
        label=_("Language"),
        max_length=16,
        required=False,
        help_text=_("A language code, such as nl or pl."),
    )
    background = forms.ChoiceField(
        label=_("Background"),
        required=False,
        choices=[
            ("", _("Any")),
            (Background.LEGAL, Background.LEGAL.label),
            (Background.PSYCHOSOCIAL, Background.PSYCHOSOCIAL.label),
        ],
    )
    profession = forms.CharField(label=_("Profession"), max_length=100, required=False)
    specialisation = forms.ChoiceField(
        label=_("Specialisation"),
        required=False,
        choices=[("", _("Any")), *Specialisation.choices],
    )
    urgent = forms.BooleanField(label=_("Available for urgent cases"), required=False)
    online = forms.BooleanField(label=_("Mediates online"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices(str(_("Any")))  # type: ignore[attr-defined]


class PairForm(forms.Form):
    situation = forms.ChoiceField(
        label=_("Situation"), choices=Situation.choices, widget=forms.RadioSelect
    )
    country_a = forms.ChoiceField(label=_("Country of the first parent"))
    languages_a = forms.CharField(
        label=_("Languages of the first parent"), max_length=100, help_text=LANGUAGES_HELP
    )
    country_b = forms.ChoiceField(label=_("Country of the other parent"))
    languages_b = forms.CharField(
        label=_("Languages of the other parent"), max_length=100, help_text=LANGUAGES_HELP
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("country_a", "country_b"):
            self.fields[name].choices = country_choices()  # type: ignore[attr-defined]


class RequestForm(PairForm):
    contact_name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        required=False,
        help_text=_("Optional: a first name is enough."),
    )
    contact_email = forms.EmailField(label=_("E-mail"), required=False)
    contact_phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        help_text=_("Give an e-mail address or a phone number, or both."),
    )
    note = forms.CharField(
        label=_("Anything the mediators should know"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("No names of children are needed."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the network's office and the mediators it assigns use these "
            "details to answer my request."
        ),
        required=False,
    )


class ReferForm(PairForm):
    contact_name = forms.CharField(
        label=_("Parent's name (if the parent agrees)"), max_length=200, required=False
    )
    contact_email = forms.EmailField(label=_("Parent's e-mail"), required=False)
    contact_phone = forms.CharField(label=_("Parent's phone"), max_length=40, required=False)
    note = forms.CharField(
        label=_("What you share with the mediators"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only what the mediators need; the case itself is not shared."),
    )


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Name"), max_length=200)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    background = forms.ChoiceField(label=_("Professional background"), choices=Background.choices)
    profession = forms.CharField(label=_("Profession"), max_length=100)
    languages = forms.CharField(
        label=_("Languages and levels"),
        max_length=300,
        help_text=_(
            "One per line or separated by commas: a code and a level (native, fluent "
            "or working), such as nl native, fr fluent."
        ),
    )
    practice_countries = forms.CharField(
        label=_("Countries where you practise"),
        max_length=200,
        help_text=_("Country codes separated by commas, such as BE, NL."),
    )
    other_countries = forms.CharField(
        label=_("Other countries you take cases with"), max_length=300, required=False
    )
    cities = forms.CharField(label=_("Cities of practice"), max_length=200, required=False)
    specialisations = forms.MultipleChoiceField(
        label=_("Specialisations"),
        choices=Specialisation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    network_training = forms.BooleanField(
        label=_("I took the network's course in bi-national co-mediation"), required=False
    )
    training_hours = forms.IntegerField(label=_("Hours of training"), min_value=0, max_value=2000)
    training_year = forms.IntegerField(
        label=_("Year of training"), min_value=1990, max_value=2100, required=False
    )
    accreditations = forms.CharField(
        label=_("Other accreditations"), max_length=300, required=False
    )
    urgent = forms.BooleanField(label=_("Available for urgent cases"), required=False)
    travels = forms.BooleanField(label=_("Able to travel"), required=False)
    online = forms.BooleanField(label=_("Mediates online"), required=False)
    fees = forms.CharField(label=_("Fees"), max_length=300, required=False)
    biography_en = forms.CharField(
        label=_("Short biography in English"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    biography_fr = forms.CharField(
        label=_("Short biography in French"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    biography_de = forms.CharField(
        label=_("Short biography in German"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    email = forms.EmailField(label=_("Public e-mail"), required=False)
    phone = forms.CharField(label=_("Public phone"), max_length=40, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    def clean_languages(self) -> list[tuple[str, str]]:
        pairs: list[tuple[str, str]] = []
        for item in split(self.cleaned_data["languages"].replace("\n", ",")):
            parts = item.split()
            if len(parts) != 2:
                raise forms.ValidationError(
                    _("Write each language as a code and a level, such as “nl native”.")
                )
            pairs.append((parts[0], parts[1].lower()))
        return pairs


class AssignForm(forms.Form):
    first_mediator = forms.ChoiceField(label=_("First mediator"))
    second_mediator = forms.ChoiceField(label=_("Second mediator"))

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first_mediator", "second_mediator"):
            self.fields[name].choices = [("", "—"), *choices]  # type: ignore[attr-defined]


class IntakeForm(forms.Form):
    intake_on = DayField(label=_("Intake on"))


class SessionForm(forms.Form):
    held_on = DayField(label=_("Session on"))
    format = forms.ChoiceField(label=_("Format"), choices=SessionFormat.choices)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    outcome_on = DayField(label=_("Date of the outcome"))
