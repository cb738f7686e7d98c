"""The hotline's pages: the case page's "Appeals" panel, a draft's content, consent,
publication, the end, and the takedown checklist."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from homeward.appeals import access, actions
from homeward.appeals.choices import State
from homeward.appeals.forms import ConsentForm, DraftForm
from homeward.appeals.models import Appeal
from homeward.appeals.rules import child_view_needed, what_is_missing
from homeward.cases import access as cases_access
from homeward.core.forms import add_errors
from homeward.organisations.access import current_membership, member_required
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission


def _refused(request: HttpRequest, error: ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


@member_required(Permission.VIEW_CASES)
def case_appeals(request: HttpRequest, case_id: int) -> HttpResponse:
    """The case page's panel (an htmx fragment): the case's appeals, and a new draft."""
    membership = current_membership(request)
    case = cases_access.locate_case(membership, case_id)
    appeals = access.appeals_of_case(membership, case)
    busy = {a.child_id for a in appeals if a.state in (State.DRAFT, State.PUBLISHED)}
    children = [cc.child for cc in case.case_children.select_related("child")]
    return render(
        request,
        "appeals/_case_appeals.html",
        {
            "case": case,
            "appeals": appeals,
            # a child with a draft or published appeal gets no second one: the list links to it
            "children": [child for child in children if child.pk not in busy],
            "can_edit": membership.has_perm(Permission.EDIT_CASES),
        },
    )


@require_POST
@member_required(Permission.EDIT_CASES)
def appeal_create(request: HttpRequest, case_id: int) -> HttpResponse:
    membership = current_membership(request)
    case = cases_access.locate_case(membership, case_id)
    child = next(
        (cc.child for cc in case.case_children.select_related("child")
         if str(cc.child_id) == request.POST.get("child", "")),
        None,
    )  # fmt: skip
    if child is None:
        messages.error(request, _("Choose a child of this case."))
        return redirect("case_detail", case.pk)
    try:
        appeal = actions.create_draft(membership=membership, case=case, child=child)
    except ValidationError as error:
        _refused(request, error)
        current = access.appeals_of_case(membership, case).filter(
            child=child, state__in=[State.DRAFT, State.PUBLISHED]
        )
        if current:
            return redirect("appeal_detail", current[0].pk)
        return redirect("case_detail", case.pk)
    return redirect("appeal_edit", appeal.pk)


def _detail_context(membership: Membership, appeal: Appeal) -> dict[str, object]:
    policy = access.policy_of(appeal.organisation)
    return {
        "appeal": appeal,
        "consents": appeal.consents.select_related("recorded_by"),
        "missing": what_is_missing(appeal, policy) if appeal.state == State.DRAFT else [],
        "child_view_needed": child_view_needed(appeal, policy),
        "policy": policy,
        "takedown": access.takedown_of(appeal),
        "can_edit": membership.has_perm(Permission.EDIT_CASES),
        "can_approve": membership.has_perm(Permission.APPROVE),
    }


@member_required(Permission.VIEW_CASES)
def appeal_detail(request: HttpRequest, appeal_id: int) -> HttpResponse:
    membership = current_membership(request)
    appeal = access.read_appeal(membership, appeal_id)
    return render(request, "appeals/appeal_detail.html", _detail_context(membership, appeal))


@member_required(Permission.EDIT_CASES)
def appeal_edit(request: HttpRequest, appeal_id: int) -> HttpResponse:
    membership = current_membership(request)
    appeal = access.read_appeal(membership, appeal_id)
    if appeal.state != State.DRAFT:
        return redirect("appeal_detail", appeal.pk)
    form = DraftForm.for_appeal(appeal, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.edit_draft(
                membership=membership, appeal=appeal, upload=form.cleaned_data.get("photo"),
                **form.changes(),
            )  # fmt: skip
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The draft is saved."))
            return redirect("appeal_detail", appeal.pk)
    return render(request, "appeals/appeal_edit.html", {"appeal": appeal, "form": form})


@member_required(Permission.EDIT_CASES)
def appeal_consent(request: HttpRequest, appeal_id: int) -> HttpResponse:
    membership = current_membership(request)
    appeal = access.read_appeal(membership, appeal_id)
    if appeal.state == State.ENDED:
        return redirect("appeal_detail", appeal.pk)
    form = ConsentForm(request.POST or None, initial={"party": request.GET.get("party", "")})
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_consent(membership=membership, appeal=appeal, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The answer is recorded."))
            return redirect("appeal_detail", appeal.pk)
    return render(request, "appeals/appeal_consent.html", {"appeal": appeal, "form": form})


@require_POST
@member_required(Permission.APPROVE)
def appeal_publish(request: HttpRequest, appeal_id: int) -> HttpResponse:
    membership = current_membership(request)
    appeal = access.locate_appeal(membership, appeal_id)
    try:
        actions.publish(membership=membership, appeal=appeal)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The appeal is published."))
    return redirect("appeal_detail", appeal.pk)


@require_POST
@member_required(Permission.EDIT_CASES)
def appeal_end(request: HttpRequest, appeal_id: int) -> HttpResponse:
    membership = current_membership(request)
    appeal = access.locate_appeal(membership, appeal_id)
    try:
        actions.end_appeal(membership=membership, appeal=appeal)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The appeal has ended: it is no longer public."))
    return redirect("appeal_detail", appeal.pk)


@require_POST
@member_required(Permission.EDIT_CASES)
def appeal_item_tick(request: HttpRequest, appeal_id: int, item_id: int) -> HttpResponse:
    membership = current_membership(request)
    appeal = access.locate_appeal(membership, appeal_id)
    item = access.checklist_item(appeal, item_id)
    actions.tick_item(membership=membership, item=item, done=request.POST.get("done") == "1")
    return redirect("appeal_detail", appeal.pk)
