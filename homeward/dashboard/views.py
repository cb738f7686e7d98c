"""The signed-in home page and the public front page. Each capability contributes a panel for
the roles that can use it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from homeward.audit import access as audit_access
from homeward.audit import objects as audit_objects
from homeward.audit.models import AuditEvent
from homeward.audit.wording import action_label
from homeward.cases import access as cases_access
from homeward.cases.choices import Status
from homeward.crossborder import access as xb_access
from homeward.crossborder.clocks import rows as xb_rows
from homeward.crossborder.network import network_aggregates
from homeward.organisations.access import (
    current_membership,
    failed_sign_ins,
    member_required,
    staff_emails,
)
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission
from homeward.statistics.report.panel import network_panel

PANEL_SIZE = 8


def _case_panels(membership: Membership) -> dict[str, Any]:
    """The desk: for those who work cases (a DPO may read cases, but works none)."""
    if not membership.has_perm(Permission.EDIT_CASES):
        return {}
    mine = cases_access.my_cases(membership).prefetch_related("case_children__child")
    attention = cases_access.cases_needing_attention(membership).prefetch_related(
        "case_children__child"
    )
    panels: dict[str, Any] = {
        "my_cases": list(mine[:PANEL_SIZE]),
        "my_case_count": mine.count(),
        "attention": list(attention[:PANEL_SIZE]),
        "attention_count": attention.count(),
    }
    if membership.has_perm(Permission.EDIT_CASES):
        without_case = cases_access.contacts_without_their_case(membership)
        panels["contacts_without_case"] = list(without_case[:PANEL_SIZE])
        panels["attention_count"] += without_case.count()
    waiting = xb_access.waiting_for(membership).select_related("sender", "receiver")
    panels["waiting"] = xb_rows(waiting[:50], membership)[:PANEL_SIZE]
    panels["waiting_count"] = waiting.count()
    if membership.has_perm(Permission.APPROVE):
        panels["closures"] = list(
            cases_access.cases_of(membership)
            .filter(status=Status.CLOSURE_REQUESTED)
            .prefetch_related("case_children__child")
            .order_by("updated_at")[:PANEL_SIZE]
        )
    cases_access.record_list_read(
        membership, "dashboard", panels["my_cases"], panels["attention"], panels.get("closures", [])
    )
    return panels


def _audit_panels(membership: Membership) -> dict[str, Any]:
    """What a data protection officer acts on: reads of personal data, exports, refused
    sign-ins of the organisation's members."""
    if not membership.has_perm(Permission.VIEW_AUDIT):
        return {}
    organisation_id = membership.organisation_id
    reads = audit_access.recent_reads(organisation_id, PANEL_SIZE)
    exports = audit_access.recent_exports(organisation_id, PANEL_SIZE)
    actors = staff_emails({e.actor_id for e in [*reads, *exports] if e.actor_id is not None})
    names = audit_objects.names_of(membership, [*reads, *exports])

    def rows(events: list[AuditEvent]) -> list[tuple[AuditEvent, str, str, Any]]:
        return [
            (e, actors.get(e.actor_id or 0, ""), action_label(e.action),
             names.get((e.object_type, e.object_id)))
            for e in events
        ]  # fmt: skip

    return {
        "recent_reads": rows(reads),
        "recent_exports": rows(exports),
        "failed_sign_ins": failed_sign_ins(membership, PANEL_SIZE),
    }


def _network_panels(membership: Membership) -> dict[str, Any]:
    """The network office: the network's figures (this year's returns, the headline shares of
    the latest report, the trend), and cross-border activity; aggregates only, each figure
    through disclosure control."""
    if not membership.has_perm(Permission.VIEW_NETWORK_STATISTICS):
        return {}
    aggregates = network_aggregates(membership)
    return {
        "network": aggregates,
        "network_pairs": aggregates.by_pair[:PANEL_SIZE],
        "network_figures": network_panel(),
    }


@member_required()
def dashboard(request: HttpRequest) -> HttpResponse:
    membership = current_membership(request)
    context = {
        "current": membership,
        **_case_panels(membership),
        **_audit_panels(membership),
        **_network_panels(membership),
    }
    return render(request, "dashboard/dashboard.html", context)


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    return render(request, "dashboard/home.html")
