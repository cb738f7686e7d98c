from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from homeward.crossborder.choices import RequestType, State
from homeward.crossborder.network import network_aggregates
from homeward.organisations.access import current_membership, member_required
from homeward.organisations.roles import Permission


@member_required(Permission.VIEW_NETWORK_STATISTICS)
def network_overview(request: HttpRequest) -> HttpResponse:
    aggregates = network_aggregates(current_membership(request))
    return render(
        request,
        "crossborder/network.html",
        {
            "a": aggregates,
            "type_labels": dict(RequestType.choices),
            "state_labels": dict(State.choices),
        },
    )
