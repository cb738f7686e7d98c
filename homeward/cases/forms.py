"""Forms of the hotline pages. They parse and check input; the actions decide and write."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from homeward.cases.choices import (
    MANUAL_TIMELINE_KINDS,
    BirthPrecision,
    Caller,
    Category,
    ContactType,
    Outcome,
    Reason,
    RiskFactorKind,
    RiskGrade,
    Sex,
    SisCategory,
    Status,
    Subcategory,
    Support,
    TimelineKind,
)
from homeward.core import dates
from homeward.core.dates import DayField, MomentField
from homeward.organisations.models import Channel, Membership


def country_choices() -> list[tuple[str, str]]:
    """Every country, named and sorted in the reader's language (so built per form, never at
    import, when no language is active yet)."""
    return [(code, str(name)) for code, name in countries]


def optional_country_choices() -> list[tuple[str, str]]:
    return [("", "—"), *country_choices()]


class RemembersWhatWasSeen(forms.BaseForm):
    """An edit form that carries, beside each field, the value its editor saw when the form
    opened. Saving then writes only the fields this editor changed, and the action can tell
    when one of them was changed by someone else in the meantime (never overwritten unseen).

    A post without the `seen` marker (an old page, a script) is compared with the record as
    it is now, as before."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.show_hidden_initial = True
        self.fields["seen"] = forms.CharField(widget=forms.HiddenInput, initial="1", required=False)

    def to_record(self, values: dict[str, Any]) -> dict[str, Any]:
        """The record's values for the form's (a form whose fields are not the model's
        overrides this)."""
        return values

    def edits(self) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """(changes, seen): the fields this editor changed, with their new values, and the
        values the editor saw in them (None when the page did not say)."""
        names = [name for name in self.fields if name != "seen"]
        if not self.data.get("seen"):
            changed = [
                n for n in names if self.fields[n].has_changed(self[n].initial, self[n].data)
            ]
            return self.to_record({n: self.cleaned_data[n] for n in changed}), None
        changed = [n for n in self.changed_data if n in names]
        seen = {}
        for name in changed:
            field = self.fields[name]
            raw = field.hidden_widget().value_from_datadict(
                self.data, self.files, self.add_initial_prefix(name)
            )
            try:
                seen[name] = field.to_python(raw)
            except ValidationError:
                continue  # not a value this field can hold: nothing to compare with
        return self.to_record({n: self.cleaned_data[n] for n in changed}), self.to_record(seen)


class ContactForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Channel"), choices=Channel.choices, initial=Channel.PHONE_116000
    )
    caller = forms.ChoiceField(
        label=_("Who contacts"), choices=Caller.choices, initial=Caller.PARENT
    )
    contact_type = forms.ChoiceField(
        label=_("About"), choices=ContactType.choices, initial=ContactType.NEW_CASE
    )
    language = forms.CharField(label=_("Language"), max_length=16, required=False)
    started_at = MomentField(
        label=_("Started"), required=False, help_text=_("Leave empty for now.")
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=0, max_value=600, required=False
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    caller_consent = forms.BooleanField(
        label=_("Caller agrees to their details being kept"), required=False
    )
    caller_name = forms.CharField(label=_("Caller's name"), max_length=200, required=False)
    caller_phone = forms.CharField(label=_("Caller's phone"), max_length=40, required=False)
    caller_email = forms.EmailField(label=_("Caller's e-mail"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:  # a refused form's focus goes to its error summary instead
            self.fields["channel"].widget.attrs["autofocus"] = True

    def call_fields(self) -> list[forms.BoundField]:
        """The first row of the form: how, who and what about."""
        return [self["channel"], self["caller"], self["contact_type"]]

    def caller_detail_fields(self) -> list[forms.BoundField]:
        """The caller's details, kept only with their consent."""
        return [self["caller_name"], self["caller_phone"], self["caller_email"]]

    def action_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        minutes = data.pop("duration_minutes")
        data["duration_seconds"] = minutes * 60 if minutes is not None else None
        data["started_at"] = data["started_at"] or timezone.now()
        return data


class CaseForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    subcategory = forms.ChoiceField(
        label=_("Subcategory"), choices=[("", "—"), *Subcategory.choices], required=False
    )
    is_cross_border = forms.BooleanField(label=_("Cross-border"), required=False)
    disappeared_on = DayField(label=_("Disappeared on"), required=False)
    disappeared_approximate = forms.BooleanField(label=_("Date is approximate"), required=False)
    last_seen_country = forms.ChoiceField(
        label=_("Last seen: country"), choices=optional_country_choices, required=False
    )
    last_seen_locality = forms.CharField(
        label=_("Last seen: locality"), max_length=200, required=False
    )
    last_seen_description = forms.CharField(
        label=_("Last seen: where exactly"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    reasons = forms.MultipleChoiceField(
        label=_("Reasons and vulnerabilities"),
        choices=Reason.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    reporter_name = forms.CharField(label=_("Reported by"), max_length=200, required=False)
    reporter_relationship = forms.CharField(
        label=_("Relationship to the child"), max_length=100, required=False
    )
    reporter_phone = forms.CharField(label=_("Reporter's phone"), max_length=40, required=False)
    police_reference = forms.CharField(
        label=_("National police reference"), max_length=64, required=False
    )
    police_reported_on = DayField(label=_("Reported to police on"), required=False)
    sis_category = forms.ChoiceField(
        label=_("SIS alert category requested"),
        choices=[("", "—"), *SisCategory.choices],
        required=False,
    )
    interpol_notice_requested_on = DayField(
        label=_("Interpol yellow notice requested on"), required=False
    )
    hague_file = forms.CharField(
        label=_("Hague Convention central authority file"), max_length=64, required=False
    )


class ChildForm(forms.Form):
    given_names = forms.CharField(label=_("Given names"), max_length=200, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=200, required=False)
    original_script_name = forms.CharField(
        label=_("Name in its original script"), max_length=200, required=False
    )
    other_names = forms.CharField(
        label=_("Other names and spellings"),
        required=False,
        help_text=_("Separate with semicolons."),
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    birth_precision = forms.ChoiceField(label=_("Date of birth is"), choices=BirthPrecision.choices)
    birth_date = DayField(label=_("Date of birth"), required=False)
    birth_year = forms.IntegerField(
        label=_("Year of birth"), min_value=1990, max_value=2100, required=False
    )
    estimated_age = forms.IntegerField(
        label=_("Estimated age"), min_value=0, max_value=25, required=False
    )
    physical_description = forms.CharField(
        label=_("Physical description"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    clothing = forms.CharField(
        label=_("Clothing when last seen"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    vulnerabilities = forms.CharField(
        label=_("Medical needs and vulnerabilities"),
        required=False,
        help_text=_("Separate with semicolons."),
    )
    medical_notes = forms.CharField(
        label=_("Medical notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, medical: bool, autofocus: bool = False, **kwargs: Any) -> None:
        """The medical fields only for a role that may see them (view_medical), as on the
        child's record; the action refuses them from anyone else. `autofocus`: the page's
        first field, unless the form was refused (its error summary takes the focus)."""
        super().__init__(*args, **kwargs)
        if autofocus and not self.is_bound:
            self.fields["given_names"].widget.attrs["autofocus"] = True
        if not medical:
            del self.fields["vulnerabilities"], self.fields["medical_notes"]

    def child_data(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        data["other_names"] = [
            n.strip() for n in data.pop("other_names", "").split(";") if n.strip()
        ]
        if "vulnerabilities" in data:
            data["vulnerabilities"] = [
                v.strip() for v in data["vulnerabilities"].split(";") if v.strip()
            ]
        if data.get("estimated_age") is not None:
            data["age_estimated_on"] = timezone.localdate()
        return data

    def has_names(self) -> bool:
        return bool(
            self.cleaned_data.get("given_names")
            or self.cleaned_data.get("family_name")
            or self.cleaned_data.get("original_script_name")
        )


class RiskForm(forms.Form):
    grade = forms.ChoiceField(label=_("Risk"), choices=RiskGrade.choices, widget=forms.RadioSelect)
    rationale = forms.CharField(
        label=_("Why"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class RiskFactorForm(forms.Form):
    row_label = _("Factor %(row)s")  # as the page names each row, in the error summary

    kind = forms.ChoiceField(
        label=_("Factor"), choices=[("", "—"), *RiskFactorKind.choices], required=False
    )
    detail = forms.CharField(label=_("Detail"), max_length=500, required=False)
    source = forms.CharField(label=_("Source"), max_length=200, required=False)
    observed_at = MomentField(label=_("When"), required=False)


MAX_RISK_FACTORS = 40
RiskFactorFormSet = forms.formset_factory(
    RiskFactorForm, extra=4, max_num=MAX_RISK_FACTORS, validate_max=True
)


def more_risk_factors(data: Mapping[str, str], prefix: str) -> forms.BaseFormSet[RiskFactorForm]:
    """The factor rows as typed, plus an empty one ("Add a factor", which saves nothing):
    unbound, so no row is refused for being unfinished."""
    try:
        typed = int(data.get(f"{prefix}-TOTAL_FORMS", "0"))
    except ValueError:
        typed = 0
    typed = max(0, min(typed, MAX_RISK_FACTORS - 1))
    names = list(RiskFactorForm.base_fields)
    rows = [{name: data.get(f"{prefix}-{i}-{name}", "") for name in names} for i in range(typed)]
    factors = RiskFactorFormSet(initial=[*rows, {}], prefix=prefix)
    factors.extra = 0
    factors.forms[-1].fields["kind"].widget.attrs["autofocus"] = True
    return factors


class TimelineForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What"),
        choices=[(k, TimelineKind(k).label) for k in MANUAL_TIMELINE_KINDS],
        initial=TimelineKind.NOTE,
    )
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 2}))
    occurred_at = MomentField(label=_("When (if not now)"), required=False)


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(s, Status(s).label) for s in (Status.OPEN, Status.ACTIVE_SEARCH, Status.FOUND)]
    )


class ColleagueField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.user} — {obj.get_role_display()}"


class AssignForm(forms.Form):
    assignee = ColleagueField(label=_("Hand over to"), queryset=Membership.objects.none())
    handover_note = forms.CharField(
        label=_("Handover note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("What the next shift needs to know and do."),
    )

    def __init__(self, *args: Any, colleagues: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = colleagues


class ClosureForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    found_on = DayField(label=_("Found on"), required=False)
    found_country = forms.ChoiceField(
        label=_("Found in country"), choices=optional_country_choices, required=False
    )
    found_place = forms.CharField(label=_("Found where"), max_length=200, required=False)
    how_found = forms.CharField(
        label=_("How found"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    support_offered = forms.MultipleChoiceField(
        label=_("Follow-up support offered"),
        choices=Support.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class DecisionForm(forms.Form):
    approve = forms.BooleanField(required=False)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class PhotoForm(forms.Form):
    # a plain file field: the image is checked (its size in pixels before anything is decoded)
    # and re-encoded by core/images.py, which names what is wrong with it
    photo = forms.FileField(
        label=_("Photo"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or reference"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any open")), ("all", _("All")), *Status.choices],
        required=False,
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("Any")), *Category.choices], required=False
    )
    risk = forms.ChoiceField(
        label=_("Risk"), choices=[("", _("Any")), *RiskGrade.choices], required=False
    )
    country = forms.ChoiceField(
        label=_("Last seen in"), choices=optional_country_choices, required=False
    )
    reported_from = DayField(label=_("Reported from"), required=False)
    reported_to = DayField(label=_("Reported until"), required=False)


class CaseEditForm(RemembersWhatWasSeen, CaseForm):
    """The case's fields after intake, remembering what the editor saw."""


class SectionForm(RemembersWhatWasSeen, forms.ModelForm):  # type: ignore[type-arg]
    """A category's own section (the model is chosen by modelform_factory)."""

    class Meta:
        formfield_callback = dates.formfield


class ChildEditForm(RemembersWhatWasSeen, forms.Form):
    """The child's record after intake; medical fields only for roles that may see them."""

    given_names = forms.CharField(label=_("Given names"), max_length=200, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=200, required=False)
    original_script_name = forms.CharField(
        label=_("Name in its original script"), max_length=200, required=False
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    birth_precision = forms.ChoiceField(label=_("Date of birth is"), choices=BirthPrecision.choices)
    birth_date = DayField(label=_("Date of birth"), required=False)
    birth_year = forms.IntegerField(
        label=_("Year of birth"), min_value=1990, max_value=2100, required=False
    )
    estimated_age = forms.IntegerField(
        label=_("Estimated age"), min_value=0, max_value=25, required=False
    )
    age_estimated_on = DayField(label=_("Age estimated on"), required=False)
    nationalities = forms.MultipleChoiceField(
        label=_("Nationalities"), choices=country_choices, required=False
    )
    languages = forms.CharField(
        label=_("Languages"),
        required=False,
        help_text=_("BCP 47 tags separated by commas, e.g. uk, ru"),
    )
    physical_description = forms.CharField(
        label=_("Physical description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    living_situation = forms.CharField(
        label=_("Living situation"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    vulnerabilities = forms.CharField(
        label=_("Medical needs and vulnerabilities"),
        required=False,
        help_text=_("Separate with semicolons."),
    )
    medical_notes = forms.CharField(
        label=_("Medical notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, medical: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not medical:
            del self.fields["vulnerabilities"], self.fields["medical_notes"]

    @staticmethod
    def initial_for(child: Any) -> dict[str, Any]:
        initial = {name: getattr(child, name) for name in ChildEditForm.base_fields}
        initial["languages"] = ", ".join(child.languages)
        initial["vulnerabilities"] = "; ".join(child.vulnerabilities)
        return initial

    def to_record(self, values: dict[str, Any]) -> dict[str, Any]:
        data = dict(values)
        if "languages" in data:
            data["languages"] = [t.strip() for t in data["languages"].split(",") if t.strip()]
        if "vulnerabilities" in data:
            data["vulnerabilities"] = [
                v.strip() for v in data["vulnerabilities"].split(";") if v.strip()
            ]
        return data
