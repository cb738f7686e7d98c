"""Risk, handover and closure: the supervisor-facing parts of working a case."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from homeward.cases import access, actions
from homeward.cases.forms import (
    MAX_RISK_FACTORS,
    AssignForm,
    ClosureForm,
    DecisionForm,
    ReasonForm,
    RiskFactorFormSet,
    RiskForm,
    more_risk_factors,
)
from homeward.core.forms import add_errors, flash_errors
from homeward.organisations.access import current_membership, member_required
from homeward.organisations.roles import Permission


@member_required(Permission.EDIT_CASES)
def risk_assess(request: HttpRequest, case_id: int) -> HttpResponse:
    membership = current_membership(request)
    case = access.locate_case(membership, case_id)
    if "add_factor" in request.POST:  # one more row; nothing is saved or refused yet
        grade = request.POST.get("grade") or case.risk_grade or None
        typed = {"grade": grade, "rationale": request.POST.get("rationale", "")}
        form = RiskForm(initial=typed)
        factors = more_risk_factors(request.POST, "factor")
    else:
        form = RiskForm(request.POST or None, initial={"grade": case.risk_grade or None})
        factors = RiskFactorFormSet(request.POST or None, prefix="factor")
    if request.method == "POST" and form.is_bound and form.is_valid() and factors.is_valid():
        try:
            actions.assess_risk(
                membership=membership,
                case=case,
                factors=factors.cleaned_data,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_errors(form, error, rows={"factors": factors})
        else:
            messages.success(request, _("Risk recorded."))
            return redirect("case_detail", case_id=case.pk)
    history = case.risk_assessments.prefetch_related("factors").select_related("assessed_by")
    return render(
        request,
        "cases/risk_assess.html",
        {
            "case": case,
            "form": form,
            "factors": factors,
            "max_factors": MAX_RISK_FACTORS,
            "history": history,
        },
    )


@member_required(Permission.EDIT_CASES)
def case_assign(request: HttpRequest, case_id: int) -> HttpResponse:
    membership = current_membership(request)
    case = access.locate_case(membership, case_id)
    colleagues = access.case_workers_of(membership)
    form = AssignForm(request.POST or None, colleagues=colleagues)
    if request.method == "POST" and form.is_valid():
        try:
            actions.assign_case(membership=membership, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Case handed over."))
            return redirect("case_detail", case_id=case.pk)
    return render(request, "cases/case_assign.html", {"case": case, "form": form})


@member_required(Permission.EDIT_CASES)
def closure_request(request: HttpRequest, case_id: int) -> HttpResponse:
    membership = current_membership(request)
    case = access.locate_case(membership, case_id)
    form = ClosureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.request_closure(membership=membership, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Closure sent to a supervisor for approval."))
            return redirect("case_detail", case_id=case.pk)
    return render(request, "cases/closure_request.html", {"case": case, "form": form})


@require_POST
@member_required(Permission.APPROVE)
def closure_decide(request: HttpRequest, closure_id: int) -> HttpResponse:
    membership = current_membership(request)
    closure = access.access_closure_by_id(membership, closure_id)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            actions.decide_closure(
                membership=membership,
                closure=closure,
                approve=form.cleaned_data["approve"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("Decision recorded."))
    return redirect("case_detail", case_id=closure.case_id)


@require_POST
@member_required(Permission.EDIT_CASES)
def case_reopen(request: HttpRequest, case_id: int) -> HttpResponse:
    membership = current_membership(request)
    case = access.locate_case(membership, case_id)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            actions.reopen_case(
                membership=membership,
                case=case,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            flash_errors(request, error)
    else:
        messages.error(request, _("Say why the case is reopened."))
    return redirect("case_detail", case_id=case.pk)
