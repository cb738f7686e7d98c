"""The receiving hotline opens its own case from an incoming request: the page shows what will
be copied from what was shared, and asks for what a snapshot cannot say (the category)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from homeward.core.forms import add_errors
from homeward.crossborder import access, actions
from homeward.crossborder.forms import OpenCaseForm
from homeward.crossborder.prefill import shared_children
from homeward.organisations.access import current_membership, member_required
from homeward.organisations.roles import Permission


@member_required(Permission.EDIT_CASES)
def request_open_case(request: HttpRequest, request_id: int) -> HttpResponse:
    membership = current_membership(request)
    item = access.access_request_by_id(membership, request_id)
    if access.is_sender(membership, item):
        raise PermissionDenied(_("Only the hotline that received the request can do this."))
    if item.receiver_case_id is not None:
        return redirect("case_detail", item.receiver_case_id)
    snapshot = access.shared_snapshot(membership, item).snapshot  # 404 once revoked; audited
    shared_case = snapshot.data.get("case", {})
    form = OpenCaseForm(request.POST or None, initial={"summary": shared_case.get("summary", "")})
    if request.method == "POST" and form.is_valid():
        try:
            case = actions.open_case_from_request(
                membership=membership,
                request=item,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Case %(case)s opened and linked to %(ref)s.")
                % {"case": case.reference, "ref": item.reference},
            )
            return redirect("case_detail", case.pk)
    return render(
        request,
        "crossborder/request_open_case.html",
        {"item": item, "form": form, "children": shared_children(snapshot)},
    )
