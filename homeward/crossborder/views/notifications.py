"""In-app notices: a reference and what happened, never personal data."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from homeward.core.api_types import parse_id
from homeward.crossborder import access, actions
from homeward.organisations.access import current_membership, member_required
from homeward.organisations.roles import Permission

NOTICE_LIMIT = 200


@member_required(Permission.VIEW_CASES)
def notification_list(request: HttpRequest) -> HttpResponse:
    membership = current_membership(request)
    notices = access.notifications_of(membership).select_related("request")
    return render(
        request,
        "crossborder/notifications.html",
        {
            "notices": notices[:NOTICE_LIMIT],
            "unread": notices.filter(read_at__isnull=True).count(),
        },
    )


@require_POST
@member_required(Permission.VIEW_CASES)
def notifications_read(request: HttpRequest) -> HttpResponse:
    """Marks one notice (`notification`) or all of the member's unread notices as read."""
    membership = current_membership(request)
    notice_id = parse_id(request.POST.get("notification"))
    actions.mark_notifications_read(
        membership=membership,
        ids=[notice_id] if notice_id is not None else None,
    )
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("xb_notifications")
