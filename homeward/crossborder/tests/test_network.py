"""The network office sees aggregates of cross-border work, never its content."""

from __future__ import annotations

from datetime import timedelta

import pytest

from homeward.crossborder import actions
from homeward.crossborder.models import CooperationRequest
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def _sent(cast: Cast, *, acknowledge_after: timedelta | None) -> CooperationRequest:
    operator = cast.member("be_operator")
    case = make_case(cast)
    request = actions.draft_request(
        membership=operator,
        case=case,
        receiver=cast.fr,
        request_type="locate",
        urgency="urgent",
        question="Where is she?",
        shared_fields=[f"child.{case.case_children.get().child_id}.given_names"],
    )
    supervisor = cast.member("be_supervisor")
    actions.send_request(membership=supervisor, request=request)
    if acknowledge_after is not None:
        fr = cast.member("fr_operator")
        actions.acknowledge(membership=fr, request=request)
        request.refresh_from_db()
        assert request.sent_at is not None
        CooperationRequest.objects.filter(pk=request.pk).update(
            acknowledged_at=request.sent_at + acknowledge_after
        )
    return request


def test_the_coordinator_sees_counts_timings_and_share_in_time(cast: Cast) -> None:
    _sent(cast, acknowledge_after=timedelta(minutes=30))
    _sent(cast, acknowledge_after=timedelta(hours=5))
    _sent(cast, acknowledge_after=None)
    page = cast.client("coordinator").get("/crossborder/network/")
    assert page.status_code == 200
    a = page.context["a"]
    assert a.total == 3
    assert a.by_pair == [{"sender_country": "BE", "receiver_country": "FR", "n": 3}]
    assert a.acknowledged == 2 and a.acknowledged_in_time == 1
    assert a.median_hours_to_acknowledge == pytest.approx(2.8, abs=0.1)
    content = page.content.decode()
    assert "Lena" not in content and "Where is she?" not in content


def test_hotline_staff_do_not_see_the_network_view(cast: Cast) -> None:
    assert cast.client("be_supervisor").get("/crossborder/network/").status_code == 403
