"""Forms of the cross-border pages. They parse and check input; the actions decide and write.

The checklist of fields to share is rendered by hand (grouped: the case, then each child by
name), so `SharingForm` only validates the chosen keys against what the case can share."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from homeward.cases.choices import Category, Subcategory
from homeward.cases.models import Case
from homeward.core.dates import MomentField
from homeward.core.templatetags.language_names import language_name
from homeward.crossborder.choices import (
    CASE_SHARE_FIELDS,
    CHILD_SHARE_FIELDS,
    EventKind,
    RequestType,
    Urgency,
    default_urgency,
)
from homeward.crossborder.sharing import field_key, shareable_fields, shares_personal_data
from homeward.organisations.models import Organisation

CASE_FIELD_LABELS: dict[str, Promise] = {
    "reference": _("Case reference"),
    "category": _("Category"),
    "subcategory": _("Subcategory"),
    "disappeared_on": _("Date of disappearance"),
    "last_seen_country": _("Last seen: country"),
    "last_seen_locality": _("Last seen: locality"),
    "last_seen_description": _("Last seen: where exactly"),
    "summary": _("Summary"),
    "police_reference": _("National police reference"),
    "sis_category": _("SIS alert category requested"),
    "hague_file": _("Hague central authority file"),
}
CHILD_FIELD_LABELS: dict[str, Promise] = {
    "given_names": _("Given names"),
    "family_name": _("Family name"),
    "original_script_name": _("Name in its original script"),
    "other_names": _("Other names and spellings"),
    "sex": _("Sex"),
    "birth_date": _("Date of birth"),
    "birth_year": _("Year of birth"),
    "estimated_age": _("Estimated age"),
    "nationalities": _("Nationalities"),
    "languages": _("Languages"),
    "physical_description": _("Physical description"),
    "clothing": _("Clothing when last seen"),
    "photo": _("Photo"),
}
assert set(CASE_FIELD_LABELS) == set(CASE_SHARE_FIELDS)
assert set(CHILD_FIELD_LABELS) == set(CHILD_SHARE_FIELDS)

LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def country_name(code: str) -> str:
    return str(countries.name(code)) if code else ""


def reading_order(text: str) -> str:
    """A key that sorts names as a reader expects: accents and case aside (États after Estonie,
    Österreich with the O)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def hotline_label(organisation: Organisation) -> str:
    name = country_name(organisation.country)
    return f"{name} — {organisation.name}" if name else organisation.name


# --- the checklist -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShareOption:
    key: str
    label: str
    personal: bool
    checked: bool
    note: str = ""


@dataclass(frozen=True)
class ShareGroup:
    legend: str
    options: list[ShareOption]


def share_groups(case: Case, chosen: set[str]) -> list[ShareGroup]:
    """Every field the sender may tick, grouped: the case, then each child by name. For the
    sender's own case only (it names the children)."""
    groups = [
        ShareGroup(
            str(_("The case")),
            [
                ShareOption(
                    key,
                    str(CASE_FIELD_LABELS[name]),
                    shares_personal_data([key]),
                    key in chosen,
                )
                for name in CASE_SHARE_FIELDS
                for key in [field_key("case", name)]
            ],
        )
    ]
    for link in case.case_children.select_related("child").order_by("added_at"):
        child = link.child
        options = []
        for name in CHILD_SHARE_FIELDS:
            key = field_key("child", child.pk, name)
            note = str(_("no photo on file")) if name == "photo" and not child.photo else ""
            options.append(
                ShareOption(key, str(CHILD_FIELD_LABELS[name]), True, key in chosen, note)
            )
        groups.append(ShareGroup(str(child), options))
    return groups


def shared_field_labels(case: Case, keys: list[str]) -> list[str]:
    """The sender's own reading of a request's shared keys: "Lena Test: given names"."""
    names = {
        str(link.child_id): str(link.child) for link in case.case_children.select_related("child")
    }
    labels = []
    for key in keys:
        parts = key.split(".")
        if parts[0] == "case" and len(parts) == 2:
            labels.append(str(CASE_FIELD_LABELS.get(parts[1], parts[1])))
        elif parts[0] == "child" and len(parts) == 3:
            field = str(CHILD_FIELD_LABELS.get(parts[2], parts[2]))
            labels.append(f"{names.get(parts[1], '?')}: {field}")
    return labels


class SharingForm(forms.Form):
    shared_fields = forms.MultipleChoiceField(
        label=_("What to share"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        field = self.fields["shared_fields"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(key, key) for key in shareable_fields(case)]

    def chosen(self) -> set[str]:
        if self.is_bound and self.is_valid():
            return set(self.cleaned_data["shared_fields"])
        if self.is_bound:
            getlist = getattr(self.data, "getlist", None)
            return set(getlist("shared_fields")) if callable(getlist) else set()
        return set(self.initial.get("shared_fields", []))

    def groups(self) -> list[ShareGroup]:
        return share_groups(self.case, self.chosen())


class NewRequestForm(SharingForm):
    receiver = forms.ModelChoiceField(
        label=_("Receiving hotline"), queryset=Organisation.objects.none()
    )
    # a relay of a child alert is asked from the alert, which shares only what it publishes
    request_type = forms.ChoiceField(
        label=_("What you ask for"),
        choices=[c for c in RequestType.choices if c[0] != RequestType.ALERT_RELAY],
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=Urgency.choices,
        widget=forms.RadioSelect,
        help_text=_("Urgent: acknowledged within 2 hours. Normal: within 24 hours."),
    )
    question = forms.CharField(
        label=_("Your question"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say what you need. Do not repeat personal data you did not tick below."),
    )
    languages = forms.CharField(
        label=_("Languages you can work in"),
        required=False,
        help_text=_("BCP 47 tags, separated by commas, for example: fr, en"),
    )

    field_order = ["receiver", "request_type", "urgency", "question", "languages"]

    def __init__(
        self, *args: Any, case: Case, receivers: Any, languages: list[str], **kwargs: Any
    ) -> None:
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("languages", ", ".join(languages))
        initial.setdefault("urgency", default_urgency(case.is_high_risk))
        super().__init__(*args, case=case, **kwargs)
        field = self.fields["receiver"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = receivers
        # by country name in the reader's language (Allemagne before Belgique in French)
        labels = [(h.pk, hotline_label(h)) for h in receivers]
        labels.sort(key=lambda choice: reading_order(choice[1]))
        field.choices = [("", "---------"), *labels]

    def clean_languages(self) -> list[str]:
        tags = [t for t in re.split(r"[,\s]+", self.cleaned_data.get("languages", "")) if t]
        bad = [t for t in tags if not LANGUAGE_TAG.match(t)]
        if bad:
            raise forms.ValidationError(
                _("Not a language tag: %(tags)s") % {"tags": ", ".join(bad)}
            )
        return list(dict.fromkeys(tags))


# --- the receiver's and the sender's small forms --------------------------------------------------


class LocatedForm(forms.Form):
    note = forms.CharField(
        label=_("Where and how (for the sending hotline)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionForm(forms.Form):
    decision = forms.CharField(
        label=_("What was decided"), widget=forms.Textarea(attrs={"rows": 2})
    )
    decision_authority = forms.CharField(
        label=_("By which authority"),
        max_length=200,
        help_text=_("For example: the public prosecutor of Lille, the youth court of Ghent"),
    )
    decided_at = MomentField(label=_("When it was decided"))


class SendBackForm(forms.Form):
    reason = forms.CharField(
        label=_("What must change before it can be sent"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OpenCaseForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    subcategory = forms.ChoiceField(
        label=_("Subcategory"), choices=[("", "—"), *Subcategory.choices], required=False
    )
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CompleteForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary of what was done"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for declining"), widget=forms.Textarea(attrs={"rows": 2})
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawing"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class LinkCaseForm(forms.Form):
    reference = forms.CharField(
        label=_("Our case reference"),
        max_length=32,
        help_text=_("The reference of one of your hotline's cases, for example FR-2026-000123"),
    )


MESSAGE_KINDS = [
    (EventKind.MESSAGE.value, EventKind.MESSAGE.label),
    (EventKind.POLICE_CONTACTED.value, EventKind.POLICE_CONTACTED.label),
]


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    language = forms.ChoiceField(label=_("Language of the message"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=MESSAGE_KINDS, initial="message")
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=_("PDF, text, JPEG or PNG, up to 10 MB. Images lose their metadata."),
    )

    def __init__(self, *args: Any, languages: list[str], **kwargs: Any) -> None:
        if languages:
            kwargs.setdefault("initial", {}).setdefault("language", languages[0])
        super().__init__(*args, **kwargs)
        field = self.fields["language"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *[(tag, language_name(tag)) for tag in languages]]
