"""The request pages: the list (incoming and outgoing), a new request from a case, a request's
page (either side), and the panel on the case page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from homeward.cases import access as cases_access
from homeward.core.api_types import parse_id
from homeward.core.forms import add_errors, flash_errors
from homeward.crossborder import access, actions
from homeward.crossborder.choices import FINAL_STATES, State
from homeward.crossborder.clocks import rows
from homeward.crossborder.forms import NewRequestForm
from homeward.crossborder.sharing import needs_approval
from homeward.crossborder.views.common import render_detail
from homeward.organisations.access import current_membership, member_required
from homeward.organisations.roles import Permission

LIST_LIMIT = 100


@member_required(Permission.VIEW_CASES)
def request_list(request: HttpRequest) -> HttpResponse:
    membership = current_membership(request)
    org = membership.organisation
    show_all = request.GET.get("show") == "all"
    requests = access.requests_of(membership)
    if not show_all:
        requests = requests.exclude(state__in=FINAL_STATES)
    unread = access.notifications_of(membership).filter(read_at__isnull=True).count()
    return render(
        request,
        "crossborder/request_list.html",
        {
            "incoming": rows(requests.filter(receiver=org)[:LIST_LIMIT], membership),
            "outgoing": rows(requests.filter(sender=org)[:LIST_LIMIT], membership),
            "show_all": show_all,
            "unread": unread,
        },
    )


@member_required(Permission.EDIT_CASES)
def request_new(request: HttpRequest) -> HttpResponse:
    """A request from one of our cases (`?case=<id>`). Nothing is ticked to begin with."""
    membership = current_membership(request)
    case_id = parse_id(request.GET.get("case") or request.POST.get("case"))
    if case_id is None:
        raise Http404("no case given")
    case = cases_access.locate_case(membership, case_id)
    org = membership.organisation
    form = NewRequestForm(
        request.POST or None,
        case=case,
        receivers=access.receivers_for(org),
        languages=list(org.languages or []),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = actions.draft_request(
                membership=membership,
                case=case,
                receiver=data["receiver"],
                request_type=data["request_type"],
                urgency=data["urgency"],
                question=data["question"],
                languages=data["languages"],
                shared_fields=data["shared_fields"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if "send" not in request.POST:
                messages.success(request, _("Draft %(ref)s saved.") % {"ref": item.reference})
                return redirect("xb_request_detail", request_id=item.pk)
            try:
                item = actions.send_request(membership=membership, request=item)
            except ValidationError as error:
                flash_errors(request, error)
            else:
                messages.success(request, _sent_message(item.state, item.reference))
            return redirect("xb_request_detail", request_id=item.pk)
    policy_requires = needs_approval(org, ["case.summary"])
    return render(
        request,
        "crossborder/request_new.html",
        {
            "case": case,
            "form": form,
            "groups": form.groups(),
            "policy_requires_approval": policy_requires,
            "can_approve": membership.has_perm(Permission.APPROVE),
        },
    )


def _sent_message(state: str, reference: str) -> str:
    if state == State.AWAITING_APPROVAL:
        return _("%(ref)s waits for a supervisor's approval before it is sent.") % {
            "ref": reference
        }
    return _("%(ref)s sent.") % {"ref": reference}


@member_required(Permission.VIEW_CASES)
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    membership = current_membership(request)
    item = access.access_request_by_id(membership, request_id)
    return render_detail(request, membership, item)


@member_required(Permission.VIEW_CASES)
def case_requests(request: HttpRequest, case_id: int) -> HttpResponse:
    """The case page's panel (an htmx fragment): requests made from this case, and incoming
    requests our hotline linked to it."""
    membership = current_membership(request)
    case = cases_access.locate_case(membership, case_id)
    requests = access.requests_of(membership).filter(Q(case=case) | Q(receiver_case=case))
    return render(
        request,
        "crossborder/_case_requests.html",
        {"rows": rows(requests, membership), "case": case},
    )
