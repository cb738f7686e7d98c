"""Every way an appeal ends leaves a takedown record and removes it everywhere at once: the
page, the feed, the widget and the public API; the photo URL answers 410 and the file is gone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from homeward.appeals import actions
from homeward.appeals.choices import EndReason, State
from homeward.appeals.models import Appeal, Takedown
from homeward.appeals.tasks import take_down_expired_appeals
from homeward.cases import actions as case_actions
from homeward.testing.appeals import make_appeal, make_site
from homeward.testing.cast import Cast


def _everywhere(client: Client, appeal: Appeal, key: str) -> dict[str, object]:
    """Where the public can see the appeal: each place's answer."""
    return {
        "page": appeal.public_id in client.get("/appeals/").content.decode(),
        "feed": appeal.public_id in client.get("/appeals/feed.json").content.decode(),
        "api": appeal.public_id in client.get("/api/v1/public/appeals").content.decode(),
        "widget": appeal.public_id
        in client.get(f"/widget/404/?key={key}&country=BE").content.decode(),
        "detail": client.get(f"/appeals/{appeal.public_id}/").status_code,
        "photo": client.get(f"/appeals/{appeal.public_id}/photo.jpg").status_code,
    }


SHOWN = {"page": True, "feed": True, "api": True, "widget": True, "detail": 200, "photo": 200}
GONE = {"page": False, "feed": False, "api": False, "widget": False, "detail": 410, "photo": 410}


def _found_status(cast: Cast, appeal: Appeal) -> None:
    case_actions.change_status(membership=cast.member("be_operator"), case=appeal.case,
                               status="found")  # fmt: skip


def _found_closure(cast: Cast, appeal: Appeal) -> None:
    case_actions.request_closure(membership=cast.member("be_operator"), case=appeal.case,
                                 outcome="found_safe", found_on=timezone.localdate())  # fmt: skip


def _case_closed(cast: Cast, appeal: Appeal) -> None:
    closure = case_actions.request_closure(
        membership=cast.member("be_operator"), case=appeal.case, outcome="still_missing"
    )
    case_actions.decide_closure(membership=cast.member("be_supervisor"), closure=closure,
                                approve=True)  # fmt: skip


def _consent_withdrawn(cast: Cast, appeal: Appeal) -> None:
    actions.record_consent(
        membership=cast.member("be_operator"), appeal=appeal, party="guardian",
        answer="withdrawn", name="Test guardian", how="phone",
        given_at=datetime(2024, 2, 1, tzinfo=UTC),
    )  # fmt: skip


def _expired(cast: Cast, appeal: Appeal) -> None:
    Appeal.objects.filter(pk=appeal.pk).update(visible_until=timezone.now() - timedelta(seconds=1))
    take_down_expired_appeals.call()


def _by_hand(cast: Cast, appeal: Appeal) -> None:
    actions.end_appeal(membership=cast.member("be_operator"), appeal=appeal)


@pytest.mark.parametrize(
    ("end", "reason"),
    [
        (_found_status, EndReason.CHILD_FOUND),
        (_found_closure, EndReason.CHILD_FOUND),
        (_case_closed, EndReason.CASE_CLOSED),
        (_consent_withdrawn, EndReason.CONSENT_WITHDRAWN),
        (_expired, EndReason.EXPIRED),
        (_by_hand, EndReason.BY_HOTLINE),
    ],
)
def test_each_end_takes_the_appeal_down_everywhere(
    cast: Cast,
    django_capture_on_commit_callbacks,
    end: Callable[[Cast, Appeal], None],
    reason: str,
) -> None:
    appeal = make_appeal(cast)
    key = make_site().key
    client = Client()
    assert _everywhere(client, appeal, key) == SHOWN
    photo = Path(settings.PUBLIC_MEDIA_ROOT) / appeal.photo.name
    assert photo.exists()
    with django_capture_on_commit_callbacks(execute=True):
        end(cast, appeal)
    appeal.refresh_from_db()
    assert appeal.state == State.ENDED
    assert appeal.end_reason == reason
    takedown = Takedown.objects.get(appeal=appeal)
    assert takedown.reason == reason
    assert takedown.photo_deleted_at is not None
    assert {i.kind for i in takedown.items.all()} >= {"shares", "press", "search", "posters"}
    assert not photo.exists()
    assert _everywhere(client, appeal, key) == GONE
    ended = client.get(f"/appeals/{appeal.public_id}/").content.decode()
    assert "This appeal has ended" in ended
    assert "Lena" not in ended


def test_an_expired_appeal_is_gone_before_the_task_runs(cast: Cast) -> None:
    appeal = make_appeal(cast)
    Appeal.objects.filter(pk=appeal.pk).update(visible_until=timezone.now())
    client = Client()
    assert client.get(f"/appeals/{appeal.public_id}/").status_code == 410
    assert appeal.public_id not in client.get("/appeals/feed.json").content.decode()


def test_the_checklist_is_ticked_by_name(cast: Cast) -> None:
    appeal = make_appeal(cast, state="ended")
    item = Takedown.objects.get(appeal=appeal).items.first()
    assert item is not None
    client = cast.client("be_operator")
    response = client.post(f"/appeals/desk/{appeal.pk}/checklist/{item.pk}/", {"done": "1"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.done_by == cast.user("be_operator")
    assert item.done_at is not None


def test_a_draft_of_a_found_child_is_discarded_without_takedown(cast: Cast) -> None:
    appeal = make_appeal(cast, state="draft")
    _found_status(cast, appeal)
    appeal.refresh_from_db()
    assert appeal.state == State.ENDED
    assert not Takedown.objects.filter(appeal=appeal).exists()
