"""The DPO's page: their own organisation's audit events, filtered."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from homeward.audit.access import events_of_organisation
from homeward.audit.forms import EventFilterForm
from homeward.organisations.access import (
    current_membership,
    member_required,
    staff_emails,
    staff_id_by_email,
)
from homeward.organisations.roles import Permission


@member_required(Permission.VIEW_AUDIT)
def event_list(request: HttpRequest) -> HttpResponse:
    membership = current_membership(request)
    form = EventFilterForm(request.GET or None)
    events = events_of_organisation(membership.organisation_id)
    if form.is_valid():
        data = form.cleaned_data
        actor_id = None
        if data["actor"]:
            found = staff_id_by_email(data["actor"])
            actor_id = found if found is not None else -1
        since, until = membership.organisation.days(data["since"], data["until"])
        events = events_of_organisation(
            membership.organisation_id,
            action=data["action"],
            actor_id=actor_id,
            object_type=data["object_type"],
            occurred_from=since,
            occurred_before=until,
        )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    actor_ids = {e.actor_id for e in page if e.actor_id is not None}
    actors = staff_emails(actor_ids)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/event_list.html",
        {"form": form, "page": page, "actors": actors, "query": query.urlencode()},
    )
