"""Builders for the directories in tests: a service submitted through the public action and
brought to a state by a moderator of its country, and a prevention page."""

from __future__ import annotations

from datetime import date

from homeward.directories import actions
from homeward.directories.actions import Facts, Submission
from homeward.directories.choices import State
from homeward.directories.models import PreventionEntry, Service
from homeward.testing.cast import Cast

_ADMIN = {"BE": "be_admin", "FR": "fr_admin"}


def submission(country: str = "BE", **changes: object) -> Submission:
    values: dict[str, object] = {
        "organization": "Demo Welcome Association",
        "name": "Demo night shelter",
        "description": "Beds, a hot meal and a shower for young people on the move.",
        "language": "en",
        "kinds": ["shelter", "food"],
        "languages": ["en", "ar"],
        "country": country,
        "city": "Brussels" if country == "BE" else "Paris",
        "submitter_email": "submitter@example.test",
        "phone": "+32 000 00 00",
        "minimum_age": 12,
        "maximum_age": 18,
        "schedule": "Every day 18:00-09:00",
    }
    values.update(changes)
    return Submission(**values)  # type: ignore[arg-type]


def make_service(
    cast: Cast, country: str = "BE", state: str = State.PUBLISHED, **changes: object
) -> Service:
    service = actions.submit_service(submission(country, **changes))
    admin = cast.member(_ADMIN[country])
    if state in (State.PUBLISHED, State.WITHDRAWN):
        service = actions.publish_service(membership=admin, service_id=service.pk)
    if state == State.WITHDRAWN:
        service = actions.withdraw_service(membership=admin, service_id=service.pk, reason="closed")
    if state == State.REJECTED:
        service = actions.reject_service(membership=admin, service_id=service.pk, reason="unknown")
    return service


def facts(country: str = "BE", language: str = "en", audience: str = "parents") -> Facts:
    return Facts(
        country=country, language=language, audience=audience,
        what_you_can_do="Ask the court for an order forbidding travel without consent.",
        hague_in_force=True, hague_partners="Since 1999, with the other contracting states.",
        brussels_iib=True, authority_name="Demo central authority",
        authority_phone="+32 0 000 00 00", authority_email="central-authority@example.test",
    )  # fmt: skip


def make_entry(
    cast: Cast, country: str = "BE", language: str = "en", audience: str = "parents",
    verified_on: date | None = None,
) -> PreventionEntry:  # fmt: skip
    entry = PreventionEntry.objects.filter(
        country=country, language=language, audience=audience
    ).first() or actions.save_entry(
        membership=cast.member("coordinator"), facts=facts(country, language, audience)
    )
    if verified_on is not None:
        PreventionEntry.objects.filter(pk=entry.pk).update(verified_on=verified_on)
        entry.refresh_from_db()
    return entry
