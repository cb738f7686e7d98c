"""The procedure's buttons, each a POST that calls one action and returns to the request's
page. The actions decide which side may act in which state: the wrong side gets 403, the
wrong state a message. A form with errors re-renders the request's page with them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from homeward.cases import access as cases_access
from homeward.core.forms import add_errors, flash_errors
from homeward.crossborder import access, actions
from homeward.crossborder.choices import State
from homeward.crossborder.forms import (
    CompleteForm,
    DecisionForm,
    DeclineForm,
    LinkCaseForm,
    LocatedForm,
    SendBackForm,
    SharingForm,
    WithdrawForm,
    share_groups,
)
from homeward.crossborder.models import CooperationRequest
from homeward.crossborder.sharing import needs_approval
from homeward.crossborder.views.common import render_detail
from homeward.organisations.access import current_membership, member_required
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission

Perform = Callable[[Membership, CooperationRequest, dict[str, Any]], object]


def _button(
    request: HttpRequest, request_id: int, action: Callable[..., object], success: str
) -> HttpResponse:
    membership = current_membership(request)
    item = access.access_request_by_id(membership, request_id)
    try:
        action(membership=membership, request=item)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, success)
    return redirect("xb_request_detail", request_id=item.pk)


def _with_form(
    request: HttpRequest,
    request_id: int,
    form_class: type[Form],
    form_name: str,
    perform: Perform,
    success: str,
) -> HttpResponse:
    membership = current_membership(request)
    item = access.access_request_by_id(membership, request_id)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            perform(membership, item, form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("xb_request_detail", request_id=item.pk)
    return render_detail(request, membership, item, **{form_name: form})


# --- the sender ---------------------------------------------------------------------------------


@require_POST
@member_required(Permission.EDIT_CASES)
def request_send(request: HttpRequest, request_id: int) -> HttpResponse:
    membership = current_membership(request)
    item = access.access_request_by_id(membership, request_id)
    try:
        item = actions.send_request(membership=membership, request=item)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        if item.state == "awaiting_approval":
            messages.success(request, _("Waiting for a supervisor's approval."))
        else:
            messages.success(request, _("Request sent."))
    return redirect("xb_request_detail", request_id=item.pk)


@require_POST
@member_required(Permission.APPROVE)
def request_approve(request: HttpRequest, request_id: int) -> HttpResponse:
    return _button(request, request_id, actions.approve_request, _("Approved and sent."))


@require_POST
@member_required(Permission.APPROVE)
def request_send_back(request: HttpRequest, request_id: int) -> HttpResponse:
    def perform(m: Membership, item: CooperationRequest, data: dict[str, Any]) -> object:
        return actions.send_back(membership=m, request=item, reason=data["reason"])

    return _with_form(
        request,
        request_id,
        SendBackForm,
        "send_back_form",
        perform,
        _("Sent back to its author with your reason."),
    )


@require_POST
@member_required(Permission.EDIT_CASES)
def request_push(request: HttpRequest, request_id: int) -> HttpResponse:
    return _button(
        request, request_id, actions.push_update, _("The receiving hotline has the update.")
    )


@require_POST
@member_required(Permission.EDIT_CASES)
def request_revoke(request: HttpRequest, request_id: int) -> HttpResponse:
    return _button(
        request,
        request_id,
        actions.revoke_share,
        _("Sharing revoked: the receiving hotline no longer sees what you shared."),
    )


@require_POST
@member_required(Permission.EDIT_CASES)
def request_withdraw(request: HttpRequest, request_id: int) -> HttpResponse:
    def perform(m: Membership, item: CooperationRequest, data: dict[str, Any]) -> object:
        return actions.withdraw(membership=m, request=item, reason=data["reason"])

    return _with_form(
        request, request_id, WithdrawForm, "withdraw_form", perform, _("Request withdrawn.")
    )


@member_required(Permission.EDIT_CASES)
def request_sharing(request: HttpRequest, request_id: int) -> HttpResponse:
    """Change what is shared: re-tick, and the receiver gets a new version. Adding personal
    data takes a supervisor when the hotline requires approval."""
    membership = current_membership(request)
    item = access.access_request_by_id(membership, request_id)
    if not access.is_sender(membership, item):
        raise PermissionDenied(_("Only the sending hotline chooses what is shared."))
    form = SharingForm(
        request.POST or None, case=item.case, initial={"shared_fields": item.shared_fields}
    )
    draft = item.state == State.DRAFT
    if request.method == "POST" and form.is_valid():
        try:
            if draft:  # nothing has left yet: the draft changes, and is sent as usual
                actions.amend_draft(
                    membership=membership,
                    request=item,
                    shared_fields=form.cleaned_data["shared_fields"],
                )
            else:
                actions.push_update(
                    membership=membership,
                    request=item,
                    shared_fields=form.cleaned_data["shared_fields"],
                )
        except ValidationError as error:
            add_errors(form, error)
        except PermissionDenied as denied:
            form.add_error(None, str(denied) or _("A supervisor must make this change."))
        else:
            if draft:
                messages.success(request, _("Draft changed. Send it when it is ready."))
            else:
                messages.success(request, _("The receiving hotline has the new version."))
            return redirect("xb_request_detail", request_id=item.pk)
    return render(
        request,
        "crossborder/request_sharing.html",
        {
            "item": item,
            "draft": draft,
            "form": form,
            "groups": share_groups(item.case, form.chosen()),
            "additions_need_approval": not draft
            and needs_approval(membership.organisation, ["case.summary"])
            and not membership.has_perm(Permission.APPROVE),
        },
    )


# --- the receiver -------------------------------------------------------------------------------


@require_POST
@member_required(Permission.EDIT_CASES)
def request_acknowledge(request: HttpRequest, request_id: int) -> HttpResponse:
    return _button(request, request_id, actions.acknowledge, _("Acknowledged."))


@require_POST
@member_required(Permission.EDIT_CASES)
def request_start(request: HttpRequest, request_id: int) -> HttpResponse:
    return _button(request, request_id, actions.start_work, _("Work started."))


@require_POST
@member_required(Permission.EDIT_CASES)
def request_located(request: HttpRequest, request_id: int) -> HttpResponse:
    def perform(m: Membership, item: CooperationRequest, data: dict[str, Any]) -> object:
        return actions.report_located(membership=m, request=item, note=data["note"])

    return _with_form(
        request,
        request_id,
        LocatedForm,
        "located_form",
        perform,
        _("The sending hotline is told now; its 12-hour decision clock runs."),
    )


# --- either side ----------------------------------------------------------------------------------


@require_POST
@member_required(Permission.EDIT_CASES)
def request_decision(request: HttpRequest, request_id: int) -> HttpResponse:
    def perform(m: Membership, item: CooperationRequest, data: dict[str, Any]) -> object:
        return actions.record_decision(
            membership=m,
            request=item,
            decision=data["decision"],
            authority=data["decision_authority"],
            decided_at=data["decided_at"],
        )

    return _with_form(
        request,
        request_id,
        DecisionForm,
        "decision_form",
        perform,
        _("Decision recorded: the 12-hour clock has stopped, and both hotlines see it."),
    )


@require_POST
@member_required(Permission.EDIT_CASES)
def request_complete(request: HttpRequest, request_id: int) -> HttpResponse:
    def perform(m: Membership, item: CooperationRequest, data: dict[str, Any]) -> object:
        return actions.complete(membership=m, request=item, summary=data["summary"])

    return _with_form(
        request, request_id, CompleteForm, "complete_form", perform, _("Request completed.")
    )


@require_POST
@member_required(Permission.EDIT_CASES)
def request_decline(request: HttpRequest, request_id: int) -> HttpResponse:
    def perform(m: Membership, item: CooperationRequest, data: dict[str, Any]) -> object:
        return actions.decline(membership=m, request=item, reason=data["reason"])

    return _with_form(
        request, request_id, DeclineForm, "decline_form", perform, _("Request declined.")
    )


@require_POST
@member_required(Permission.EDIT_CASES)
def request_link_case(request: HttpRequest, request_id: int) -> HttpResponse:
    def perform(m: Membership, item: CooperationRequest, data: dict[str, Any]) -> object:
        try:
            case = cases_access.access_case_by_reference(m, data["reference"])
        except Http404:
            raise ValidationError(
                {"reference": _("Your hotline has no case with this reference.")}
            ) from None
        return actions.link_receiver_case(membership=m, request=item, case=case)

    return _with_form(
        request,
        request_id,
        LinkCaseForm,
        "link_form",
        perform,
        _("Linked: each hotline now sees whether the other's case is open or closed."),
    )
