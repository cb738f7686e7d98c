"""The network office sees aggregates of cross-border work, never its content, and no count
from 1 to the disclosure threshold − 1, nor one that could be worked out from the others."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from homeward.crossborder import actions
from homeward.crossborder.models import CooperationRequest
from homeward.crossborder.network import disclose
from homeward.organisations import actions as organisation_actions
from homeward.organisations.models import Organisation
from homeward.organisations.roles import OrganisationKind
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def _sent(
    cast: Cast, *, acknowledge_after: timedelta | None, receiver: Organisation | None = None
) -> CooperationRequest:
    operator = cast.member("be_operator")
    case = make_case(cast)
    request = actions.draft_request(
        membership=operator,
        case=case,
        receiver=receiver or cast.fr,
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
    with override_settings(HOMEWARD_DISCLOSURE_THRESHOLD=2):
        page = cast.client("coordinator").get("/crossborder/network/")
    assert page.status_code == 200
    a = page.context["a"]
    assert a.total == 3
    assert a.by_pair.rows == [{"sender_country": "BE", "receiver_country": "FR", "n": 3}]
    # one in time and one late: "50 % of 2" would give each of them back
    assert a.acknowledged is None and a.share_in_time is None
    assert a.median_hours_to_acknowledge == pytest.approx(2.8, abs=0.1)
    content = page.content.decode()
    assert "Lena" not in content and "Where is she?" not in content


def test_too_few_requests_show_only_the_total(cast: Cast) -> None:
    _sent(cast, acknowledge_after=timedelta(minutes=30))
    _sent(cast, acknowledge_after=timedelta(hours=5))
    _sent(cast, acknowledge_after=None)
    page = cast.client("coordinator").get("/crossborder/network/", HTTP_ACCEPT_LANGUAGE="en")
    a = page.context["a"]
    assert a.total == 3
    assert a.by_pair.rows == [] and a.by_pair.other is None
    assert a.by_type.rows == [] and a.by_state.rows == []
    assert a.share_in_time is None and a.acknowledged is None
    assert a.median_hours_to_acknowledge is None and a.median_hours_to_complete is None
    content = page.content.decode()
    assert "<td>Belgium</td><td>France</td>" not in content
    assert content.count("Too few requests to show.") == 3
    home = cast.client("coordinator").get("/dashboard/", HTTP_ACCEPT_LANGUAGE="en")
    text = home.content.decode()
    assert "3 requests sent between hotlines." in text
    assert "Acknowledged within the deadline: too few requests to show." in text
    assert "Belgium → France" not in text


def _germany() -> Organisation:
    return organisation_actions.create_organisation(
        acting_user=None,
        name="Test Hotline Germany",
        slug="test-de",
        kind=OrganisationKind.NATIONAL_HOTLINE,
        country="DE",
        languages=["de"],
    )


def test_a_pair_with_one_request_cannot_be_seen_or_worked_out(cast: Cast) -> None:
    germany = _germany()
    for _ in range(7):
        _sent(cast, acknowledge_after=None)
    for _ in range(5):
        _sent(cast, acknowledge_after=None, receiver=germany)
    lone = _sent(cast, acknowledge_after=None)
    CooperationRequest.objects.filter(pk=lone.pk).update(receiver=cast.be, sender=cast.fr)

    client = cast.client("coordinator")
    page = client.get("/crossborder/network/", HTTP_ACCEPT_LANGUAGE="en")
    a = page.context["a"]
    assert a.total == 13
    # the lone France → Belgium request is hidden, and with it the next smallest pair (5), so
    # the total less the rows shown is 6, not 1
    assert a.by_pair.rows == [{"sender_country": "BE", "receiver_country": "FR", "n": 7}]
    assert a.by_pair.other == 6
    assert a.total - sum(row["n"] for row in a.by_pair.rows) == 6
    content = page.content.decode()
    assert "<td>Belgium</td><td>France</td><td>7</td>" in content
    assert "<td>France</td><td>Belgium</td>" not in content
    assert "<td>Belgium</td><td>Germany</td>" not in content
    assert '<td colspan="2">Other, including every count under 5</td><td>6</td>' in content
    home = client.get("/dashboard/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Belgium → France: 7" in home and "France → Belgium" not in home
    assert "Other, including every count under 5: 6" in home
    # 13 requests of one type in one state: shown as they are
    assert a.by_type.rows == [{"request_type": "locate", "n": 13}]
    assert a.by_state.rows == [{"state": "sent", "n": 13}]

    with override_settings(HOMEWARD_DISCLOSURE_THRESHOLD=8):
        a = client.get("/crossborder/network/").context["a"]
    assert a.by_pair.rows == [] and a.by_pair.other is None and a.total == 13


def test_the_share_in_time_needs_enough_requests_on_each_side(cast: Cast) -> None:
    for _ in range(5):
        _sent(cast, acknowledge_after=timedelta(minutes=30))
    client = cast.client("coordinator")
    a = client.get("/crossborder/network/").context["a"]
    assert a.share_in_time == 100 and a.acknowledged == 5
    assert a.median_hours_to_acknowledge == pytest.approx(0.5)
    home = client.get("/dashboard/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "100% of 5 acknowledged requests were acknowledged within the deadline." in home
    # one late among six: 83 % of 6 would give the one late request back
    _sent(cast, acknowledge_after=timedelta(days=30))
    a = client.get("/crossborder/network/").context["a"]
    assert a.share_in_time is None and a.acknowledged is None
    assert a.median_hours_to_acknowledge == pytest.approx(0.5)


@given(
    counts=st.lists(st.integers(min_value=1, max_value=40), max_size=12),
    threshold=st.integers(min_value=2, max_value=10),
)
def test_no_published_row_is_small_and_no_hidden_row_stands_alone(
    counts: list[int], threshold: int
) -> None:
    rows: list[dict[str, object]] = [{"key": i, "n": n} for i, n in enumerate(counts)]
    published = disclose(rows, threshold)
    shown = [row for row in rows if row in published.rows]
    assert published.rows == shown, "rows are shown exactly as counted, in their order"
    assert all(int(str(row["n"])) >= threshold for row in shown)
    small = [row for row in rows if int(str(row["n"])) < threshold]
    large_hidden = [row for row in rows if int(str(row["n"])) >= threshold and row not in shown]
    if len(small) == 1 and shown:
        smallest = min(int(str(row["n"])) for row in rows if int(str(row["n"])) >= threshold)
        assert [int(str(row["n"])) for row in large_hidden] == [smallest]
    elif shown:
        assert large_hidden == []
    hidden = [row for row in rows if row not in shown]
    assert len(hidden) != 1 or not shown, (
        "a single hidden row would be the total less the rows shown"
    )
    if published.other is not None:
        assert published.other == sum(int(str(row["n"])) for row in hidden)
    else:
        assert not hidden or not shown


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
    assert a.by_pair.rows == [] and a.by_state.rows == []  # a count of one: only the total
    home = cast.client("coordinator").get("/dashboard/").content.decode()
    assert "1 request sent between hotlines." in home


def test_hotline_staff_do_not_see_the_network_view(cast: Cast) -> None:
    assert cast.client("be_supervisor").get("/crossborder/network/").status_code == 403


@override_settings(HOMEWARD_DISCLOSURE_THRESHOLD=2)
def test_country_pairs_read_as_country_names_in_the_readers_language(cast: Cast) -> None:
    _sent(cast, acknowledge_after=None)
    _sent(cast, acknowledge_after=None)
    client = cast.client("coordinator")
    page = client.get("/crossborder/network/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "<td>Belgique</td><td>France</td><td>2</td>" in page
    page = client.get("/crossborder/network/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "<td>Belgien</td><td>Frankreich</td><td>2</td>" in page
