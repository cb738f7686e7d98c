"""Prevention pages: one per country, language and audience, the reader's language or English
with a note, the language of each version marked; verified by the network office, and the
yearly reminder with a moving clock."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from homeward.directories import actions
from homeward.directories.models import PreventionEntry
from homeward.testing.cast import Cast
from homeward.testing.directories import facts, make_entry


def test_the_readers_language_or_english_with_a_visible_note(cast: Cast) -> None:
    make_entry(cast, "BE", "en")
    french = facts("BE", "fr")
    french.what_you_can_do = "Demandez au juge une interdiction de sortie du territoire."
    actions.save_entry(membership=cast.member("coordinator"), facts=french)
    client = Client()

    in_french = client.get("/prevention/BE/", headers={"accept-language": "fr"}).content.decode()
    assert '<article lang="fr">' in in_french
    assert "interdiction de sortie" in in_french
    assert "Demo central authority" in in_french

    in_german = client.get("/prevention/BE/", headers={"accept-language": "de"}).content.decode()
    assert '<article lang="en">' in in_german
    assert 'role="note"' in in_german
    assert 'hreflang="fr"' in in_german


def test_parents_and_young_people_have_their_own_pages(cast: Cast) -> None:
    make_entry(cast, "FR", "en", "parents")
    young = facts("FR", "en", "young")
    young.what_you_can_do = "You can talk to someone you trust, or call 116 000."
    actions.save_entry(membership=cast.member("coordinator"), facts=young)
    page = Client().get("/prevention/FR/?for=young").content.decode()
    assert "someone you trust" in page
    assert "Central authority" not in page
    assert Client().get("/prevention/DE/").status_code == 404


def test_only_the_network_office_writes_prevention_pages(cast: Cast) -> None:
    with pytest.raises(PermissionDenied):
        actions.save_entry(membership=cast.member("be_admin"), facts=facts("BE"))
    make_entry(cast, "BE", "en")
    with pytest.raises(ValidationError) as error:
        actions.save_entry(membership=cast.member("coordinator"), facts=facts("BE", "en"))
    assert "language" in error.value.message_dict
    assert PreventionEntry.objects.count() == 1


def test_staff_are_reminded_once_when_a_page_is_a_year_old(cast: Cast) -> None:
    entry = make_entry(cast, "BE", "en", verified_on=date(2025, 3, 1))
    day_before = date(2026, 2, 28)
    assert actions.remind_due(day_before) == 0
    mail.outbox.clear()

    assert actions.remind_due(date(2026, 3, 1)) == 1
    assert actions.remind_due(date(2026, 3, 2)) == 0  # once, not every minute

    actions.verify_entry(membership=cast.member("coordinator"), entry_id=entry.pk)
    entry.refresh_from_db()
    assert entry.verified_on > date(2026, 3, 1)
    assert actions.remind_due(entry.verified_on + timedelta(days=364)) == 0
    assert actions.remind_due(entry.verified_on + timedelta(days=365)) == 1


def test_the_reminder_is_mailed_to_the_network_office(
    cast: Cast, django_capture_on_commit_callbacks: object
) -> None:
    make_entry(cast, "FR", "en", verified_on=date(2024, 1, 1))
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        actions.remind_due(date(2025, 6, 1))
    [message] = mail.outbox
    assert message.to == [cast.user("coordinator").email]
    assert "FR" in message.body


def test_the_api_gives_every_version_of_a_countrys_pages(cast: Cast) -> None:
    make_entry(cast, "BE", "en", "parents")
    make_entry(cast, "BE", "fr", "young")
    body = Client().get("/api/v1/public/prevention/be").json()
    assert {(v["language"], v["audience"]) for v in body} == {("en", "parents"), ("fr", "young")}
    assert body[0]["verified_by"].startswith("Coordinator")
    assert Client().get("/api/v1/public/prevention/DE").status_code == 404
