"""What can be done with a contact logged as a new case whose case was never opened: link it to
a case, or say what it was about after all."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from homeward.cases.actions.contacts import RETYPES


class ContactLinkForm(forms.Form):
    reference = forms.CharField(
        label=_("Case reference"),
        max_length=40,
        help_text=_("For example BE-2026-000123."),
    )


class ContactRetypeForm(forms.Form):
    contact_type = forms.ChoiceField(
        label=_("It was about"), choices=[(t.value, t.label) for t in RETYPES]
    )
