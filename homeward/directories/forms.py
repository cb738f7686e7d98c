"""The public service form, the prevention page form and a moderator's reason."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from homeward.directories.actions import Facts, Submission
from homeward.directories.choices import Audience, ServiceKind


def _country_choices() -> list[tuple[str, str]]:
    return [("", "—"), *((str(code), str(name)) for code, name in countries)]


class ServiceForm(forms.Form):
    organization = forms.CharField(label=_("Organisation"), max_length=200)
    organization_url = forms.URLField(
        label=_("Organisation's website"), required=False, assume_scheme="https"
    )
    name = forms.CharField(label=_("Name of the service"), max_length=200)
    description = forms.CharField(
        label=_("What it offers"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    language = forms.ChoiceField(label=_("Language of this name and description"),
                                 choices=settings.LANGUAGES)  # fmt: skip
    kinds = forms.MultipleChoiceField(label=_("Kinds of service"), choices=ServiceKind.choices,
                                      widget=forms.CheckboxSelectMultiple)  # fmt: skip
    languages = forms.CharField(
        label=_("Languages spoken"), max_length=200,
        help_text=_("Two-letter codes separated by commas, such as en, fr, ar, uk."),
    )  # fmt: skip
    interpretation_services = forms.CharField(label=_("Interpretation"), max_length=200,
                                              required=False)  # fmt: skip
    country = forms.ChoiceField(label=_("Country"), choices=_country_choices)
    city = forms.CharField(label=_("City"), max_length=100)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    service_area = forms.CharField(label=_("Area served"), max_length=200, required=False)
    eligibility_description = forms.CharField(label=_("Who may use it"), required=False,
                                              widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    minimum_age = forms.IntegerField(label=_("Minimum age"), min_value=0, max_value=25,
                                     required=False)  # fmt: skip
    maximum_age = forms.IntegerField(label=_("Maximum age"), min_value=0, max_value=25,
                                     required=False)  # fmt: skip
    free = forms.BooleanField(label=_("Free of charge"), required=False, initial=True)
    fees_description = forms.CharField(label=_("Fees"), max_length=200, required=False)
    schedule = forms.CharField(label=_("Opening hours"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("Service's e-mail"), required=False)
    url = forms.URLField(label=_("Service's website"), required=False, assume_scheme="https")
    submitter_email = forms.EmailField(
        label=_("Your e-mail"),
        help_text=_("For the hotline's questions about this submission; never published."),
    )

    def submission(self) -> Submission:
        data: dict[str, Any] = dict(self.cleaned_data)
        data["languages"] = [c for c in str(data["languages"]).replace(" ", ",").split(",") if c]
        return Submission(**data)


class PreventionForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), choices=_country_choices)
    language = forms.ChoiceField(label=_("Language of this version"), choices=settings.LANGUAGES)
    audience = forms.ChoiceField(label=_("For"), choices=Audience.choices)
    hague_in_force = forms.BooleanField(label=_("1980 Hague Convention in force"), required=False)
    hague_partners = forms.CharField(label=_("In force since and with whom"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    brussels_iib = forms.BooleanField(label=_("Brussels IIb applies"), required=False)
    authority_name = forms.CharField(label=_("Central authority"), max_length=200, required=False)
    authority_address = forms.CharField(label=_("Its address"), required=False,
                                        widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    authority_phone = forms.CharField(label=_("Its phone"), max_length=40, required=False)
    authority_email = forms.EmailField(label=_("Its e-mail"), required=False)
    authority_website = forms.URLField(
        label=_("Its website"), required=False, assume_scheme="https"
    )
    mediation_contact = forms.CharField(label=_("National mediation contact point"), required=False,
                                        widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    hotline_number = forms.CharField(label=_("116 000 hotline"), max_length=40, initial="116 000")
    what_you_can_do = forms.CharField(label=_("What you can do"),
                                      widget=forms.Textarea(attrs={"rows": 10}))  # fmt: skip

    def facts(self) -> Facts:
        return Facts(**self.cleaned_data)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)
