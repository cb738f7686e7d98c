"""What every action of the procedure shares: which side may act, the locked request in an allowed
state, the conversation's entries and the audit record."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from homeward.audit.actions import record_event
from homeward.crossborder.access import sees
from homeward.crossborder.models import (
    CooperationRequest,
    RequestEvent,
)
from homeward.organisations.access import require_permission
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission


def require_side(membership: Membership, request: CooperationRequest, side: str) -> None:
    """`side` is "sender", "receiver" or "either" (a party to the request). A hotline the
    request does not exist for (a third one, or the receiver of a draft) gets the access
    layer's 404; the other party, who sees the request, is refused (403)."""
    require_permission(membership, Permission.EDIT_CASES)
    if not sees(membership, request):
        raise Http404("no such request")
    org = membership.organisation_id
    if side == "sender" and request.sender_id != org:
        raise PermissionDenied(_("Only the hotline that sent the request can do this."))
    if side == "receiver" and request.receiver_id != org:
        raise PermissionDenied(_("Only the hotline that received the request can do this."))


def locked(request: CooperationRequest, allowed: Iterable[str]) -> CooperationRequest:
    row = CooperationRequest.objects.select_for_update().get(pk=request.pk)
    if row.state not in allowed:
        raise ValidationError(
            {
                "state": _("Not possible while the request is “%(state)s”.")
                % {"state": row.get_state_display()}
            }
        )
    return row


def add_event(
    request: CooperationRequest,
    kind: str,
    membership: Membership | None,
    body: str = "",
    **extra: object,
) -> RequestEvent:
    return RequestEvent.objects.create(
        request=request,
        kind=kind,
        body=body,
        organisation=membership.organisation if membership else None,
        author=membership.user if membership else None,
        **extra,
    )


def audit(
    membership: Membership, action: str, request: CooperationRequest, fields: list[str]
) -> None:
    record_event(
        actor=membership.user,
        organisation=membership.organisation,
        action=f"crossborder.{action}",
        target=request,
        fields=fields,
    )
