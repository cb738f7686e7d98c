"""Builders for appeals in tests: a case whose child has a (generated) photo, and an appeal of
it brought to a state through the real actions."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from homeward.appeals import actions
from homeward.appeals.models import Appeal, WidgetSite
from homeward.cases import actions as case_actions
from homeward.cases.models import Case
from homeward.organisations.models import Organisation
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

_PREFIX = {"BE": "be", "FR": "fr"}


def jpeg(colour: str = "teal", size: tuple[int, int] = (40, 40)) -> SimpleUploadedFile:
    data = io.BytesIO()
    Image.new("RGB", size, colour).save(data, format="JPEG")
    return SimpleUploadedFile("p.jpg", data.getvalue(), content_type="image/jpeg")


def case_with_photo(cast: Cast, organisation: Organisation | None = None) -> Case:
    organisation = organisation or cast.be
    case = make_case(cast, organisation, last_seen_locality="Testville")
    operator = cast.member(f"{_PREFIX[organisation.country]}_operator")
    case_actions.set_child_photo(
        membership=operator, child=case.case_children.get().child, upload=jpeg()
    )
    return case


def record_all_consents(cast: Cast, appeal: Appeal) -> None:
    operator = cast.member(f"{_PREFIX[appeal.organisation.country]}_operator")
    when = datetime(2024, 1, 1, 12, tzinfo=UTC)
    for party in ("guardian", "police", "child"):
        actions.record_consent(
            membership=operator, appeal=appeal, party=party, answer="given",
            name=f"Test {party}", how="phone", given_at=when,
        )  # fmt: skip


def make_appeal(
    cast: Cast, organisation: Organisation | None = None, *, state: str = "published"
) -> Appeal:
    """An appeal of a new case of `organisation` (BE by default) with a photo, in `state`
    (draft, consented: a draft with every consent, published, ended)."""
    organisation = organisation or cast.be
    prefix = _PREFIX[organisation.country]
    case = case_with_photo(cast, organisation)
    appeal = actions.create_draft(
        membership=cast.member(f"{prefix}_operator"), case=case,
        child=case.case_children.get().child,
    )  # fmt: skip
    if state == "draft":
        return appeal
    record_all_consents(cast, appeal)
    if state == "consented":
        return appeal
    appeal = actions.publish(membership=cast.member(f"{prefix}_supervisor"), appeal=appeal)
    if state == "ended":
        appeal = actions.end_appeal(membership=cast.member(f"{prefix}_operator"), appeal=appeal)
    return appeal


def make_site(country: str = "BE", origin: str = "https://www.example.test") -> WidgetSite:
    return actions.register_site(
        name="Example site", origin=origin, contact_email="owner@example.test", country=country
    )
