"""A profile's life: written by the mediator, published by the manager, re-confirmed every
year (a reminder at 12 months, hidden after the grace period), gone from every public place
once unpublished or not re-confirmed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from homeward.audit.models import AuditEvent
from homeward.mediators import actions
from homeward.mediators.models import Mediator
from homeward.testing.cast import Cast
from homeward.testing.mediators import manager, mediator_account, profile

pytestmark = pytest.mark.django_db


def _public_everywhere(mediator: Mediator) -> dict[str, bool]:
    client = Client()
    search = client.get("/mediators/", {"country": "BE"}).content.decode()
    api = client.get("/api/v1/public/mediators", {"country": "BE"}).json()
    return {
        "page": client.get(f"/mediators/{mediator.public_id}/").status_code == 200,
        "search": mediator.full_name in search,
        "api list": any(m["id"] == mediator.public_id for m in api["results"]),
        "api item": client.get(f"/api/v1/public/mediators/{mediator.public_id}").status_code == 200,
    }


def test_a_draft_is_nowhere_public_until_the_manager_publishes_it(cast: Cast) -> None:
    membership = mediator_account(cast)
    mediator = Mediator.objects.get(user=membership.user)
    assert all(_public_everywhere(mediator).values())
    actions.unpublish_profile(membership=manager(cast), mediator=mediator)
    assert not any(_public_everywhere(mediator).values())
    with pytest.raises(ValidationError) as refused:
        actions.reconfirm_profile(membership=membership)
    assert "state" in refused.value.message_dict
    actions.submit_profile(membership=membership)
    actions.publish_profile(membership=manager(cast), mediator=mediator)
    assert all(_public_everywhere(mediator).values())


def test_publishing_needs_fifty_hours_of_training(cast: Cast) -> None:
    membership = cast.join("short@cast.test", manager(cast).organisation, "mediator")
    actions.save_profile(membership=membership, data=profile(training_hours=20))
    actions.submit_profile(membership=membership)
    mediator = Mediator.objects.get(user=membership.user)
    with pytest.raises(ValidationError) as refused:
        actions.publish_profile(membership=manager(cast), mediator=mediator)
    assert "training_hours" in refused.value.message_dict
    assert Mediator.objects.get(pk=mediator.pk).state == "submitted"


def test_a_hotline_operator_cannot_publish(cast: Cast) -> None:
    mediator = Mediator.objects.get(user=mediator_account(cast).user)
    with pytest.raises(PermissionDenied):
        actions.unpublish_profile(membership=cast.member("be_operator"), mediator=mediator)


def test_reminded_after_a_year_hidden_after_the_grace_period_back_once_reconfirmed(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    membership = mediator_account(cast)
    mediator = Mediator.objects.get(user=membership.user)
    start = timezone.now()
    grace = timedelta(days=settings.MEDIATOR_RECONFIRM_GRACE_DAYS)
    mail.outbox.clear()

    assert actions.sweep_reconfirmations(start + timedelta(days=364)) == (0, 0)
    with_clock = start + timedelta(days=366)
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.sweep_reconfirmations(with_clock) == (1, 0)
    assert [m.to for m in mail.outbox] == [[mediator.email]]
    assert actions.sweep_reconfirmations(with_clock + timedelta(days=1)) == (0, 0)
    assert all(_public_everywhere(mediator).values())  # still within the grace period

    assert actions.sweep_reconfirmations(with_clock + grace + timedelta(minutes=1)) == (0, 1)
    assert Mediator.objects.get(pk=mediator.pk).get_state_display() == "Not re-confirmed"
    assert not any(_public_everywhere(mediator).values())
    assert AuditEvent.objects.filter(action="mediators.profile.lapse").count() == 1

    actions.reconfirm_profile(membership=membership, now=with_clock + grace + timedelta(days=2))
    assert all(_public_everywhere(mediator).values())
    later = with_clock + grace + timedelta(days=300)
    assert actions.sweep_reconfirmations(later) == (0, 0)


def test_the_mediator_edits_her_own_profile_only(cast: Cast) -> None:
    membership = mediator_account(cast, full_name="Test Anna Mediator")
    actions.save_profile(
        membership=membership,
        data=profile(
            full_name="Test Anna Mediator", languages=[("nl", "native"), ("pl", "fluent")]
        ),
    )
    mediator = Mediator.objects.get(user=membership.user)
    assert sorted(r.language for r in mediator.languages.all()) == ["nl", "pl"]
    with pytest.raises(ValidationError) as refused:
        actions.save_profile(membership=membership, data=profile(languages=[("dutch!", "native")]))
    assert "languages" in refused.value.message_dict
    assert sorted(r.language for r in mediator.languages.all()) == ["nl", "pl"]


def test_editing_a_published_profile_sends_it_back_for_verification(cast: Cast) -> None:
    membership = mediator_account(cast, full_name="Test Ewa Mediator")
    mediator = Mediator.objects.get(user=membership.user)
    actions.save_profile(
        membership=membership, data=profile(full_name="Test Ewa Mediator", fees="Free (test)")
    )
    assert Mediator.objects.get(pk=mediator.pk).state == "submitted"
    assert not any(_public_everywhere(mediator).values())
    edit = AuditEvent.objects.filter(action="mediators.profile.edit").latest("pk")
    assert "state" in edit.fields
    actions.publish_profile(membership=manager(cast), mediator=mediator)
    assert all(_public_everywhere(mediator).values())
