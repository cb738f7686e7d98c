from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from homeward.core.api_types import MAX_ID
from homeward.organisations.models import Organisation
from homeward.organisations.roles import roles_for_kind


class _RoleChoiceMixin:
    def _limit_roles(self, organisation: Organisation) -> None:
        field = self.fields["role"]  # type: ignore[attr-defined]
        field.choices = [(r.value, r.label) for r in roles_for_kind(organisation.kind)]


class InviteForm(_RoleChoiceMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_roles(organisation)


class RoleForm(_RoleChoiceMixin, forms.Form):
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_roles(organisation)


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What will use it, e.g. 'case import script'.")
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"), min_value=1, max_value=settings.API_TOKEN_MAX_DAYS, initial=90
    )


class SwitchOrganisationForm(forms.Form):
    organisation = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)
