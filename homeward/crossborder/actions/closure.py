"""When a hotline closes a case, its cross-border work on that case ends with it, in the
closure's transaction (registered with cases.closing): nothing keeps counting afterwards.

- its requests still open or not yet sent are withdrawn, which revokes what they shared; the
  other hotline reads "Case closed" in the conversation, then "Withdrawn" and "Sharing
  revoked", and is told;
- everything it shared on the case's other requests (answered ones) is revoked too (the other
  hotline keeps the shell);
- requests it received and linked to the case, still open, are completed."""

from __future__ import annotations

from homeward.cases.models import Case
from homeward.crossborder.actions.answers import receiver_transition
from homeward.crossborder.actions.common import add_event
from homeward.crossborder.actions.requests import revoke_share, withdraw
from homeward.crossborder.choices import OPEN_STATES, EventKind, State
from homeward.crossborder.models import CooperationRequest
from homeward.organisations.models import Membership


def end_requests_of_closed_case(*, membership: Membership, case: Case) -> None:
    org = membership.organisation
    outgoing = CooperationRequest.objects.filter(case=case, sender=org).order_by("pk")
    for request in outgoing.filter(state__in=[State.DRAFT, State.AWAITING_APPROVAL, *OPEN_STATES]):
        if request.state in OPEN_STATES:
            add_event(request, EventKind.CASE_CLOSED, membership)
        withdraw(membership=membership, request=request)
    shared = outgoing.filter(sent_at__isnull=False, share_revoked_at__isnull=True)
    for request in shared:
        revoke_share(membership=membership, request=request)
    incoming = CooperationRequest.objects.filter(
        receiver_case=case, receiver=org, state__in=OPEN_STATES
    ).order_by("pk")
    for request in incoming:
        add_event(request, EventKind.CASE_CLOSED, membership)
        receiver_transition(membership, request, OPEN_STATES, State.COMPLETED, EventKind.COMPLETED)
