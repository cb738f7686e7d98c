"""Staff pages: the moderation queue of the hotline admins (their countries' services), and the
network office's prevention pages with the ones due for verification first."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from homeward.core.forms import add_errors, flash_errors
from homeward.directories import access, actions
from homeward.directories.choices import State
from homeward.directories.forms import PreventionForm, ReasonForm
from homeward.directories.models import Service
from homeward.organisations.access import current_membership, member_required
from homeward.organisations.roles import Permission


@member_required(Permission.MANAGE_SETTINGS)
def moderation(request: HttpRequest) -> HttpResponse:
    membership = current_membership(request)
    state = request.GET.get("state", State.SUBMITTED)
    state = state if state in State.values else State.SUBMITTED
    services = access.services_to_moderate(membership).filter(state=state).order_by("-submitted_at")
    return render(
        request,
        "directories/moderation.html",
        {"services": services[:200], "state": state, "states": State.choices},
    )


@member_required(Permission.MANAGE_SETTINGS)
def service_review(request: HttpRequest, service_id: int) -> HttpResponse:
    service = access.locate_service(current_membership(request), service_id)
    return render(request, "directories/service_review.html", {"service": service})


def _moderate(
    request: HttpRequest, service_id: int, act: Callable[..., Service], done: str, reason: bool
) -> HttpResponse:
    membership = current_membership(request)
    service = access.locate_service(membership, service_id)
    try:
        if reason:
            form = ReasonForm(request.POST)
            if not form.is_valid():
                raise ValidationError({"reason": _("Say why (at most 300 characters).")})
            act(membership=membership, service_id=service.pk, **form.cleaned_data)
        else:
            act(membership=membership, service_id=service.pk)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, done % {"name": service.name})
    return redirect("directory_service_review", service_id=service.pk)


@require_POST
@member_required(Permission.MANAGE_SETTINGS)
def service_publish(request: HttpRequest, service_id: int) -> HttpResponse:
    return _moderate(request, service_id, actions.publish_service,
                     _("%(name)s is published."), reason=False)  # fmt: skip


@require_POST
@member_required(Permission.MANAGE_SETTINGS)
def service_reject(request: HttpRequest, service_id: int) -> HttpResponse:
    return _moderate(request, service_id, actions.reject_service,
                     _("%(name)s is rejected."), reason=True)  # fmt: skip


@require_POST
@member_required(Permission.MANAGE_SETTINGS)
def service_withdraw(request: HttpRequest, service_id: int) -> HttpResponse:
    return _moderate(request, service_id, actions.withdraw_service,
                     _("%(name)s is withdrawn from the directory."), reason=True)  # fmt: skip


@member_required(Permission.MANAGE_NETWORK)
def prevention_manage(request: HttpRequest) -> HttpResponse:
    entries = access.entries_for_staff(current_membership(request)).order_by("verified_on")
    return render(request, "directories/prevention_manage.html",
                  {"entries": entries, "due_before": access.due_before()})  # fmt: skip


@member_required(Permission.MANAGE_NETWORK)
def prevention_edit(request: HttpRequest, entry_id: int | None = None) -> HttpResponse:
    membership = current_membership(request)
    entry = access.locate_entry(membership, entry_id) if entry_id else None
    initial = {f: getattr(entry, f) for f in PreventionForm.base_fields} if entry else {}
    form = PreventionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.save_entry(membership=membership, facts=form.facts(), entry_id=entry_id)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The prevention page is saved and marked verified today."))
            return redirect("directory_prevention_edit", entry_id=saved.pk)
    return render(request, "directories/prevention_edit.html", {"form": form, "entry": entry})


@require_POST
@member_required(Permission.MANAGE_NETWORK)
def prevention_verify(request: HttpRequest, entry_id: int) -> HttpResponse:
    membership = current_membership(request)
    entry = access.locate_entry(membership, entry_id)
    actions.verify_entry(membership=membership, entry_id=entry.pk)
    messages.success(request, _("Marked verified today."))
    return redirect("directory_prevention_manage")
