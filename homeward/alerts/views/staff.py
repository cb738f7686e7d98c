"""The staff pages: the case page's section, assessing, recording the authority's activation,
updating, ending, asking other hotlines to relay, and the organisation's criteria."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from homeward.alerts import access, actions
from homeward.alerts.choices import PublicityRisk
from homeward.alerts.criteria import checklist, configured
from homeward.alerts.forms import (
    ActivationForm,
    AssessForm,
    CriteriaForm,
    EndForm,
    PublicationForm,
    RelayForm,
)
from homeward.cases import access as cases_access
from homeward.core.forms import add_errors
from homeward.crossborder.access import receivers_for
from homeward.organisations.access import current_membership, member_required
from homeward.organisations.roles import Permission


@member_required(Permission.VIEW_CASES)
def case_alerts(request: HttpRequest, case_id: int) -> HttpResponse:
    """The case page's section (an htmx fragment)."""
    membership = current_membership(request)
    case = cases_access.locate_case(membership, case_id)
    found = access.read_case_alerts(membership, case)
    return render(request, "alerts/_case_alerts.html", {
        "case": case, "assessments": found.assessments, "alerts": found.alerts,
        "can_approve": membership.has_perm(Permission.APPROVE),
        "can_end": membership.has_perm(Permission.EDIT_CASES),
    })  # fmt: skip


@member_required(Permission.APPROVE)
def assess(request: HttpRequest, case_id: int) -> HttpResponse:
    membership = current_membership(request)
    case = cases_access.locate_case(membership, case_id)
    form = AssessForm(request.POST or None, criteria=checklist(membership.organisation))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assessment = actions.assess(
                membership=membership, case=case, answers=form.answers(),
                publicity_risks=data["publicity_risks"], risks_note=data["risks_note"],
                recommendation=data["recommendation"], reasoning=data["reasoning"],
            )  # fmt: skip
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Assessment recorded."))
            return redirect("alert_assessment_detail", assessment_id=assessment.pk)
    return render(request, "alerts/assess.html", {"case": case, "form": form})


@member_required(Permission.VIEW_CASES)
def assessment_detail(request: HttpRequest, assessment_id: int) -> HttpResponse:
    membership = current_membership(request)
    assessment = access.read_assessment(membership, assessment_id)
    return render(request, "alerts/assessment_detail.html", {
        "assessment": assessment, "can_approve": membership.has_perm(Permission.APPROVE),
        "active_alert": access.active_alert_of(membership, assessment.case),
        "risk_labels": [PublicityRisk(risk).label for risk in assessment.publicity_risks],
    })  # fmt: skip


@member_required(Permission.APPROVE)
def activate(request: HttpRequest, assessment_id: int) -> HttpResponse:
    membership = current_membership(request)
    assessment = access.locate_assessment(membership, assessment_id)
    org = membership.organisation
    form = ActivationForm(
        request.POST or None, request.FILES or None,
        initial=PublicationForm.initial_for(org, access.hotline_number(org)),
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            alert = actions.record_activation(
                membership=membership, assessment=assessment,
                authority_kind=data["authority_kind"], authority_name=data["authority_name"],
                decided_by=data["decided_by"], decided_at=data["decided_at"],
                grounds=data["grounds"], publication=form.publication(),
                photo=data["photo"], photo_from_case=data["photo_from_case"],
            )  # fmt: skip
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Alert %(ref)s recorded and published.")
                             % {"ref": alert.reference})  # fmt: skip
            return redirect("alert_detail", alert_id=alert.pk)
    return render(request, "alerts/activate.html", {
        "assessment": assessment, "form": form, "can_approve": True,
        "active_alert": access.active_alert_of(membership, assessment.case),
    })  # fmt: skip


@member_required(Permission.VIEW_CASES)
def alert_detail(request: HttpRequest, alert_id: int) -> HttpResponse:
    membership = current_membership(request)
    alert = access.read_alert(membership, alert_id)
    return render(request, "alerts/alert_detail.html", {
        "alert": alert, "live": access.is_live(alert),
        "messages_sent": access.messages_of(membership, alert),
        "can_approve": membership.has_perm(Permission.APPROVE),
        "can_end": membership.has_perm(Permission.EDIT_CASES),
    })  # fmt: skip


@member_required(Permission.APPROVE)
def update(request: HttpRequest, alert_id: int) -> HttpResponse:
    membership = current_membership(request)
    alert = access.locate_alert(membership, alert_id)
    form = PublicationForm(request.POST or None, initial=PublicationForm.initial_of(alert))
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_alert(membership=membership, alert=alert,
                                 publication=form.publication(alert.translations))  # fmt: skip
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Update published."))
            return redirect("alert_detail", alert_id=alert.pk)
    return render(request, "alerts/update.html", {"alert": alert, "form": form})


@member_required(Permission.EDIT_CASES)
def end(request: HttpRequest, alert_id: int) -> HttpResponse:
    membership = current_membership(request)
    alert = access.locate_alert(membership, alert_id)
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.end_alert(membership=membership, alert=alert,
                              reason=form.cleaned_data["reason"])  # fmt: skip
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The alert has ended: its Cancel is published."))
            return redirect("alert_detail", alert_id=alert.pk)
    return render(request, "alerts/end.html", {"alert": alert, "form": form})


@member_required(Permission.APPROVE)
def relay(request: HttpRequest, alert_id: int) -> HttpResponse:
    membership = current_membership(request)
    alert = access.locate_alert(membership, alert_id)
    form = RelayForm(request.POST or None, receivers=receivers_for(membership.organisation))
    if request.method == "POST" and form.is_valid():
        try:
            sent = actions.ask_relay(membership=membership, alert=alert,
                                     receiver=form.cleaned_data["receiver"])  # fmt: skip
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Relay request %(ref)s sent.") % {"ref": sent.reference})
            return redirect("alert_detail", alert_id=alert.pk)
    return render(request, "alerts/relay.html", {"alert": alert, "form": form})


@member_required(Permission.MANAGE_SETTINGS)
def criteria(request: HttpRequest) -> HttpResponse:
    membership = current_membership(request)
    org = membership.organisation
    own = configured(org)
    form = CriteriaForm(
        request.POST or None, initial={"criteria": "\n".join(c.wording for c in own)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.configure_criteria(membership=membership, wordings=form.wordings())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The European criteria apply again.")
                             if form.use_european else _("Criteria saved."))  # fmt: skip
            return redirect("alert_criteria")
    return render(request, "alerts/criteria.html",
                  {"form": form, "checklist": checklist(org), "own": bool(own)})  # fmt: skip
