"""A request does not exist for a hotline that is not a party to it, nor for the receiver while
it is a draft: every action answers them with the access layer's 404. The other party, who
sees the request, is refused what is not its side's to do (403)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client
from django.utils import timezone

from homeward.audit.models import AuditEvent
from homeward.crossborder import actions
from homeward.crossborder.models import CooperationRequest
from homeward.organisations import actions as org_actions
from homeward.organisations.models import Membership
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def _draft(cast: Cast) -> CooperationRequest:
    return actions.draft_request(
        membership=cast.member("be_operator"),
        case=make_case(cast, category="parental_abduction", subcategory="international"),
        receiver=cast.fr,
        request_type="locate",
        urgency="urgent",
        question="Please check whether the child is with the mother in Lille.",
        shared_fields=[],
    )


def _italian(cast: Cast) -> Membership:
    italy = org_actions.create_organisation(
        acting_user=None, name="Test Hotline Italy", slug="test-it", kind="hotline", country="IT"
    )
    return cast.join("it_supervisor@cast.test", italy, "supervisor")


ACTIONS: dict[str, Callable[[Membership, CooperationRequest], Any]] = {
    "send_request": lambda m, r: actions.send_request(membership=m, request=r),
    "approve_request": lambda m, r: actions.approve_request(membership=m, request=r),
    "send_back": lambda m, r: actions.send_back(membership=m, request=r, reason="say more"),
    "amend_draft": lambda m, r: actions.amend_draft(membership=m, request=r, shared_fields=[]),
    "push_update": lambda m, r: actions.push_update(membership=m, request=r),
    "revoke_share": lambda m, r: actions.revoke_share(membership=m, request=r),
    "withdraw": lambda m, r: actions.withdraw(membership=m, request=r),
    "acknowledge": lambda m, r: actions.acknowledge(membership=m, request=r),
    "start_work": lambda m, r: actions.start_work(membership=m, request=r),
    "complete": lambda m, r: actions.complete(membership=m, request=r, summary="safe"),
    "decline": lambda m, r: actions.decline(membership=m, request=r, reason="not ours"),
    "report_located": lambda m, r: actions.report_located(membership=m, request=r),
    "post_message": lambda m, r: actions.post_message(membership=m, request=r, body="hello"),
    "record_decision": lambda m, r: actions.record_decision(
        membership=m, request=r, decision="return", authority="court", decided_at=timezone.now()
    ),
    "open_case_from_request": lambda m, r: actions.open_case_from_request(
        membership=m, request=r, category="runaway"
    ),
    "link_receiver_case": lambda m, r: actions.link_receiver_case(
        membership=m, request=r, case=r.case
    ),
}
NO_REQUEST_IN_HAND = {
    "draft_request": "makes the request; the case it names is a field (“No such case.”)",
    "check_deadlines": "the clock, for every hotline",
    "end_requests_of_closed_case": "the hotline's own requests of its own closed case",
    "mark_notifications_read": "the member's own notices, by their ids",
}


def test_every_action_on_a_request_is_tried_here() -> None:
    assert set(actions.__all__) == set(ACTIONS) | set(NO_REQUEST_IN_HAND)


@pytest.mark.parametrize("name", ACTIONS)
def test_a_third_hotline_acting_on_a_request_gets_the_404_of_reading_it(
    cast: Cast, name: str
) -> None:
    request = _draft(cast)
    actions.send_request(membership=cast.member("be_supervisor"), request=request)
    third = _italian(cast)
    written = AuditEvent.objects.count()
    with pytest.raises(Http404):
        ACTIONS[name](third, request)
    assert AuditEvent.objects.count() == written


@pytest.mark.parametrize("name", ["acknowledge", "post_message", "decline", "report_located"])
def test_the_receiver_of_a_draft_gets_a_404_not_a_state_error(cast: Cast, name: str) -> None:
    with pytest.raises(Http404):
        ACTIONS[name](cast.member("fr_operator"), _draft(cast))


def test_the_other_party_is_refused_what_is_not_its_side_to_do(cast: Cast) -> None:
    request = _draft(cast)
    actions.send_request(membership=cast.member("be_supervisor"), request=request)
    with pytest.raises(PermissionDenied):
        actions.acknowledge(membership=cast.member("be_operator"), request=request)
    with pytest.raises(PermissionDenied):
        actions.withdraw(membership=cast.member("fr_operator"), request=request)


def test_through_the_api_a_third_hotline_writing_gets_the_404_of_reading(cast: Cast) -> None:
    request = _draft(cast)
    actions.send_request(membership=cast.member("be_supervisor"), request=request)
    third = _italian(cast)
    secret = org_actions.create_api_token(membership=third, name="tenancy", days=1).secret
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    base = f"/api/v1/crossborder/requests/{request.pk}"
    read = api.get(base)
    wrote = api.post(f"{base}/acknowledge")
    assert (read.status_code, wrote.status_code) == (404, 404)
    assert wrote.json()["code"] == read.json()["code"] == "not_found"
