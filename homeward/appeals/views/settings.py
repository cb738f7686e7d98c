"""The admin's pages: the hotline's appeal policy, and the widget sites of its countries (to
block one that misuses the widget)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from homeward.appeals import access, actions
from homeward.appeals.forms import BlockForm, PolicyForm
from homeward.core.forms import add_errors
from homeward.organisations.access import current_membership, member_required
from homeward.organisations.roles import Permission


@member_required(Permission.MANAGE_SETTINGS)
def appeal_policy(request: HttpRequest) -> HttpResponse:
    membership = current_membership(request)
    policy = access.policy_of(membership.organisation)
    initial = {
        "default_days": policy.default_days,
        "maximum_days": policy.maximum_days,
        "police_consent_required": policy.police_consent_required,
        "child_view_from_age": policy.child_view_from_age,
    }
    form = PolicyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.edit_policy(membership=membership, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The appeal policy is saved."))
            return redirect("appeal_policy")
    return render(request, "appeals/policy.html", {"form": form})


@member_required(Permission.MANAGE_SETTINGS)
def site_list(request: HttpRequest) -> HttpResponse:
    membership = current_membership(request)
    return render(
        request,
        "appeals/site_list.html",
        {"sites": access.sites_of(membership)},
    )


@require_POST
@member_required(Permission.MANAGE_SETTINGS)
def site_block(request: HttpRequest, site_id: int) -> HttpResponse:
    membership = current_membership(request)
    site = access.locate_site(membership, site_id)
    form = BlockForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"reason": _("Say why (at most 300 characters).")})
        actions.block_site(membership=membership, site_id=site.pk, **form.cleaned_data)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(
            request, _("%(site)s is blocked: its widget shows nothing.") % {"site": site.name}
        )
    return redirect("appeal_sites")


@require_POST
@member_required(Permission.MANAGE_SETTINGS)
def site_unblock(request: HttpRequest, site_id: int) -> HttpResponse:
    membership = current_membership(request)
    site = access.locate_site(membership, site_id)
    actions.unblock_site(membership=membership, site_id=site.pk)
    messages.success(request, _("%(site)s is unblocked.") % {"site": site.name})
    return redirect("appeal_sites")
