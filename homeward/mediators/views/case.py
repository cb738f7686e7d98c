"""The case page's "Mediation" section (an htmx fragment): the hotline's referrals of this
case with their outcome, and the referral form, which carries only what the hotline types."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from homeward.cases import access as cases_access
from homeward.core.forms import add_errors
from homeward.mediators import access, actions
from homeward.mediators.forms import ReferForm, split
from homeward.organisations.access import current_membership, member_required
from homeward.organisations.roles import Permission


@member_required(Permission.VIEW_CASES)
def case_mediation(request: HttpRequest, case_id: int) -> HttpResponse:
    membership = current_membership(request)
    case = cases_access.locate_case(membership, case_id)
    initial = {"situation": "taken_abroad", "country_a": membership.organisation.country}
    return render(
        request,
        "mediators/_case_mediation.html",
        {
            "case": case,
            "referrals": access.referrals_of_case(membership, case),
            "form": ReferForm(initial=initial, auto_id="refer_%s"),
            "can_edit": membership.has_perm(Permission.EDIT_CASES),
        },
    )


@require_POST
@member_required(Permission.EDIT_CASES)
def mediation_refer(request: HttpRequest, case_id: int) -> HttpResponse:
    membership = current_membership(request)
    case = cases_access.locate_case(membership, case_id)
    form = ReferForm(request.POST, auto_id="refer_%s")
    network = access.request_network()
    if network is None:
        form.add_error(None, _("No mediator network receives referrals at the moment."))
    elif form.is_valid():
        data = form.cleaned_data
        try:
            actions.refer_from_case(
                membership=membership,
                case=case,
                network=network,
                data=actions.RequestData(
                    situation=data["situation"],
                    country_a=data["country_a"],
                    country_b=data["country_b"],
                    languages_a=split(data["languages_a"]),
                    languages_b=split(data["languages_b"]),
                    contact_name=data["contact_name"],
                    contact_email=data["contact_email"],
                    contact_phone=data["contact_phone"],
                    note=data["note"],
                ),
            )
            messages.success(request, _("The parents are referred to the mediator network."))
            return redirect("case_detail", case.pk)
        except ValidationError as error:
            add_errors(form, error)
    return render(request, "mediators/refer.html", {"case": case, "form": form}, status=422)
