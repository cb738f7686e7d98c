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


def test_a_request_that_never_left_is_not_counted(cast: Cast) -> None:
    _sent(cast, acknowledge_after=None)
    operator, supervisor = cast.member("be_operator"), cast.member("be_supervisor")
    case = make_case(cast)
    never_left = actions.draft_request(
        membership=operator,
        case=case,
        receiver=cast.fr,
        request_type="locate",
        question="Where is he?",
        shared_fields=[f"child.{case.case_children.get().child_id}.given_names"],
    )
    actions.send_request(membership=operator, request=never_left)
    actions.send_back(membership=supervisor, request=never_left, reason="Too much")
    actions.withdraw(membership=operator, request=never_left)
    never_left.refresh_from_db()
    assert never_left.state == "withdrawn" and never_left.sent_at is None

    a = cast.client("coordinator").get("/crossborder/network/").context["a"]
    assert a.total == 1
    assert a.by_pair == [{"sender_country": "BE", "receiver_country": "FR", "n": 1}]
    assert a.by_state == [{"state": "sent", "n": 1}]
    home = cast.client("coordinator").get("/dashboard/").content.decode()
    assert "1 request sent between hotlines." in home


def test_hotline_staff_do_not_see_the_network_view(cast: Cast) -> None:
    assert cast.client("be_supervisor").get("/crossborder/network/").status_code == 403


def test_country_pairs_read_as_country_names_in_the_readers_language(cast: Cast) -> None:
    _sent(cast, acknowledge_after=None)
    client = cast.client("coordinator")
    page = client.get("/crossborder/network/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "<td>Belgique</td><td>France</td><td>1</td>" in page
    page = client.get("/crossborder/network/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "<td>Belgien</td><td>Frankreich</td><td>1</td>" in page
