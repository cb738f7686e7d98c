from __future__ import annotations

import html
from datetime import UTC, datetime
from unittest import mock

import pytest
from django.db import transaction
from django.utils import timezone

from homeward.audit.actions import record_event
from homeward.audit.models import AuditEvent
from homeward.organisations import actions
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def test_the_dpo_sees_their_own_organisations_events_only(cast: Cast) -> None:
    actions.change_role(
        membership=cast.member("be_admin"), member=cast.member("be_operator"), role="supervisor"
    )
    actions.change_role(
        membership=cast.member("fr_admin"), member=cast.member("fr_operator"), role="supervisor"
    )
    response = cast.client("be_dpo").get("/audit/?action=organisations.member.change_role")
    assert response.status_code == 200
    rows = list(response.context["page"])
    assert [e.organisation_id for e in rows] == [cast.be.pk]
    assert b"be_admin@cast.test" in response.content
    assert b"fr_admin@cast.test" not in response.content


def test_filters_by_actor_and_dates(cast: Cast) -> None:
    client = cast.client("be_dpo")
    response = client.get("/audit/", {"actor": "be_admin@cast.test"})
    assert all(e.actor_id == cast.user("be_admin").pk for e in response.context["page"])
    response = client.get("/audit/", {"actor": "nobody@cast.test"})
    assert list(response.context["page"]) == []
    response = client.get("/audit/", {"since": "2030-01-02", "until": "2030-01-01"})
    assert "until" in response.context["form"].errors


def test_dates_are_the_hotlines_days(cast: Cast) -> None:
    # 00:30 in Brussels on 2 July is still 1 July in UTC: the hotline's day is the 2nd
    just_after_midnight = datetime(2026, 7, 1, 22, 30, tzinfo=UTC)
    with (
        mock.patch.object(timezone, "now", return_value=just_after_midnight),
        transaction.atomic(),
    ):
        record_event(actor=None, organisation=cast.be, action="cases.search")
    client = cast.client("be_dpo")

    def shown(since: str, until: str) -> list[str]:
        query = {"action": "cases.search", "since": since, "until": until}
        return [e.action for e in client.get("/audit/", query).context["page"]]

    assert shown("2026-07-02", "2026-07-02") == ["cases.search"]
    assert shown("2026-07-01", "2026-07-01") == []
    assert shown("2026-07-01", "2026-07-02") == ["cases.search"]


def test_an_operator_may_not_read_the_trail(cast: Cast) -> None:
    assert cast.client("be_operator").get("/audit/").status_code == 403


def test_the_page_shows_field_names_never_values(cast: Cast) -> None:
    actions.change_role(
        membership=cast.member("be_admin"), member=cast.member("be_operator"), role="supervisor"
    )
    event = AuditEvent.objects.filter(action="organisations.member.change_role").get()
    assert event.fields == ["role"]
    content = cast.client("be_dpo").get("/audit/").content.decode()
    assert "organisations.member.change_role" in content


def test_actions_read_as_words_without_their_codes(cast: Cast) -> None:
    actions.change_role(
        membership=cast.member("be_admin"), member=cast.member("be_operator"), role="supervisor"
    )
    client = cast.client("be_dpo")
    for language, label in (("en", "Member's role changed"), ("fr", "Rôle du membre modifié")):
        content = client.get(
            "/audit/", {"action": "organisations.member.change_role"}, HTTP_ACCEPT_LANGUAGE=language
        ).content.decode()
        rows = content[content.index("<tbody>") : content.index("</tbody>")]
        assert html.unescape(label) in html.unescape(rows), language
        assert "organisations.member.change_role" not in rows, language
