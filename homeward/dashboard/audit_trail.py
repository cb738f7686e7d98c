"""The DPO's page: their own organisation's audit events, filtered, and the same events as a
CSV file."""

from __future__ import annotations

import csv
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from homeward.audit.access import events_of_organisation
from homeward.audit.actions import record_read
from homeward.audit.models import AuditEvent
from homeward.audit.objects import names_of
from homeward.audit.wording import action_label
from homeward.dashboard.audit_words import fields_label, object_type_label
from homeward.dashboard.forms import EventFilterForm
from homeward.organisations.access import (
    current_membership,
    member_required,
    staff_emails,
    staff_id_by_email,
)
from homeward.organisations.roles import Permission

EXPORT_LIMIT = 100_000


def _filtered(
    request: HttpRequest, membership: Any
) -> tuple[EventFilterForm, QuerySet[AuditEvent]]:
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
    return form, events


@member_required(Permission.VIEW_AUDIT)
def event_list(request: HttpRequest) -> HttpResponse:
    membership = current_membership(request)
    form, events = _filtered(request, membership)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    actors = staff_emails({e.actor_id for e in page if e.actor_id is not None})
    objects = names_of(membership, page)
    rows = [
        (event, actors.get(event.actor_id or 0, ""), action_label(event.action),
         objects.get((event.object_type, event.object_id)),
         object_type_label(event.object_type), fields_label(event.object_type, event.fields))
        for event in page
    ]  # fmt: skip
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "dashboard/audit_trail.html",
        {"form": form, "page": page, "rows": rows, "query": query.urlencode()},
    )


@member_required(Permission.VIEW_AUDIT)
def event_export(request: HttpRequest) -> HttpResponse:
    """The filtered events as CSV, times in the hotline's time zone; the export is itself
    recorded in the trail."""
    membership = current_membership(request)
    form, events = _filtered(request, membership)
    if request.GET and not form.is_valid():
        return render(request, "dashboard/audit_trail.html", {"form": form, "rows": []}, status=400)
    record_read(
        actor=membership.user,
        organisation=membership.organisation,
        action="audit.export",
        object_type="audit.auditevent",
        fields=sorted(name for name, value in form.cleaned_data.items() if value)
        if form.is_bound
        else [],
    )
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="audit-trail.csv"'
    _write_csv(response, membership, list(events[:EXPORT_LIMIT]))
    return response


def _write_csv(out: HttpResponse, membership: Any, events: list[AuditEvent]) -> None:
    writer = csv.writer(out)
    actors = staff_emails({e.actor_id for e in events if e.actor_id is not None})
    objects = names_of(membership, events)
    writer.writerow(
        ["seq", "time", "actor", "action", "action_name", "object_type", "object_id",
         "object", "fields", "request_id", "client_address"]
    )  # fmt: skip
    for event in events:
        name = objects.get((event.object_type, event.object_id))
        writer.writerow(
            [
                event.seq,
                timezone.localtime(event.occurred_at).isoformat(),
                actors.get(event.actor_id or 0, ""),
                event.action,
                action_label(event.action),
                event.object_type,
                event.object_id,
                name.label if name else "",
                ";".join(event.fields),
                event.request_id,
                event.client_address or "",
            ]
        )
