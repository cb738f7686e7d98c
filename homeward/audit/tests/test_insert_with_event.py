"""A new row and the event of its creation are written together or not at all, and the row is
the one the ORM's own save would have written."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.db.models.signals import post_save, pre_save

from homeward.audit.actions import insert_with_event
from homeward.audit.models import AuditEvent
from homeward.organisations.models import Membership, Organisation, User

pytestmark = pytest.mark.django_db


def _new(slug: str) -> Organisation:
    return Organisation(name="Demo Hotline Testland", slug=slug, kind="hotline", country="BE")


def test_the_row_and_its_event_are_written_as_a_save_would() -> None:
    by_save = _new("by-save")
    by_save.save()
    organisation = _new("with-event")

    event = insert_with_event(
        organisation, actor=None, organisation=None, action="test.create", fields=["slug", "name"]
    )

    stored = Organisation.objects.get(pk=organisation.pk)
    assert organisation.created_at is not None and stored.created_at == organisation.created_at
    assert (stored.languages, stored.time_zone, stored.is_active) == ([], "Europe/Brussels", True)
    assert (stored.languages, stored.time_zone, stored.is_active) == (
        by_save.languages,
        by_save.time_zone,
        by_save.is_active,
    )
    assert not organisation._state.adding
    recorded = AuditEvent.objects.get(pk=event.pk)
    assert (recorded.action, recorded.object_type, recorded.object_id) == (
        "test.create",
        "organisations.organisation",
        str(organisation.pk),
    )
    assert recorded.fields == ["name", "slug"]
    assert recorded.hash == event.hash and recorded.seq == event.seq


def test_a_refused_row_writes_no_event() -> None:
    Organisation.objects.create(name="First", slug="taken", kind="hotline")
    events = AuditEvent.objects.count()

    with pytest.raises(IntegrityError), transaction.atomic():
        insert_with_event(_new("taken"), actor=None, organisation=None, action="test.create")

    assert AuditEvent.objects.count() == events
    assert Organisation.objects.filter(slug="taken").count() == 1


def test_save_signals_are_sent_as_for_a_save() -> None:
    seen: list[tuple[str, bool]] = []

    def before(instance: Organisation, **kwargs: object) -> None:
        seen.append(("pre_save", instance.pk is None))

    def after(instance: Organisation, created: bool, **kwargs: object) -> None:
        seen.append(("post_save", created and instance.pk is not None))

    pre_save.connect(before, sender=Organisation, weak=False)
    post_save.connect(after, sender=Organisation, weak=False)
    try:
        insert_with_event(_new("signalled"), actor=None, organisation=None, action="test.create")
    finally:
        pre_save.disconnect(before, sender=Organisation)
        post_save.disconnect(after, sender=Organisation)

    assert seen == [("pre_save", True), ("post_save", True)]


def test_only_new_rows() -> None:
    organisation = Organisation.objects.create(name="Saved", slug="saved", kind="hotline")

    with pytest.raises(ValueError, match="inserts new rows only"):
        insert_with_event(organisation, actor=None, organisation=None, action="test.create")


def test_an_unsaved_related_row_is_refused_as_by_a_save() -> None:
    unsaved = Organisation(name="Unsaved", slug="unsaved", kind="hotline")
    membership = Membership(
        user=User.objects.create_user(email="x@example.test"), organisation=unsaved
    )
    events = AuditEvent.objects.count()

    with pytest.raises(ValueError, match="unsaved related object"):
        insert_with_event(membership, actor=None, organisation=None, action="test.create")

    assert AuditEvent.objects.count() == events
