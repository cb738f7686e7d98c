"""Demo publicity appeals: a few published ones on open runaway and missing cases, each with a
generated picture (a drawn silhouette with the initial, never a face) and its consents, one
ended with its takedown record, and one registered widget site with a known key for trying the
404 widget locally (docs/appeals.md). Made through the real actions; no new personal data."""

from __future__ import annotations

import io
import random
from datetime import UTC, datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from homeward.appeals import actions
from homeward.appeals.models import Appeal
from homeward.cases.models import Case
from homeward.organisations.models import Membership

# the hotlines with an appeal; the last one made ends at once (to show a takedown)
SCENARIOS = ("BE", "FR", "NL", "DE")
CATEGORIES = ("runaway", "otherwise_missing", "lost")
DEMO_WIDGET_KEY = "demo-widget-key"
DEMO_WIDGET_ORIGIN = "http://localhost:8001"
COLOURS = ((46, 94, 140), (120, 70, 120), (40, 110, 90), (150, 90, 40))


def silhouette(initial: str, colour: tuple[int, int, int]) -> SimpleUploadedFile:
    """A drawn head-and-shoulders outline with the initial: clearly not a photo of anyone."""
    image = Image.new("RGB", (240, 240), (235, 238, 242))
    draw = ImageDraw.Draw(image)
    draw.ellipse((80, 40, 160, 120), fill=colour)
    draw.pieslice((40, 120, 200, 300), 180, 360, fill=colour)
    draw.text((112, 72), initial[:1].upper(), fill=(255, 255, 255))
    data = io.BytesIO()
    image.save(data, format="JPEG")
    return SimpleUploadedFile("silhouette.jpg", data.getvalue(), content_type="image/jpeg")


def _member(country: str, role: str) -> Membership | None:
    return (
        Membership.objects.filter(
            organisation__kind="hotline", organisation__country=country, role=role,
            is_active=True,
        )
        .select_related("organisation", "user")
        .first()
    )  # fmt: skip


def seed_appeals(seed: int) -> int:
    rng = random.Random(f"appeals-{seed}")
    made: list[tuple[Membership, Appeal]] = []
    for index, country in enumerate(SCENARIOS):
        operator, supervisor = _member(country, "operator"), _member(country, "supervisor")
        if operator is None or supervisor is None:
            continue
        cases = list(
            Case.objects.filter(
                organisation=operator.organisation, status__in=["open", "active_search"],
                category__in=CATEGORIES,
            ).order_by("pk")[:20]
        )  # fmt: skip
        if not cases:
            continue
        case = rng.choice(cases)
        child = case.case_children.select_related("child").first()
        if child is None:
            continue
        appeal = actions.create_draft(membership=operator, case=case, child=child.child)
        appeal = actions.edit_draft(
            membership=operator, appeal=appeal,
            upload=silhouette(appeal.first_name or "?", COLOURS[index % len(COLOURS)]),
        )  # fmt: skip
        when = datetime.now(UTC)
        for party, name, capacity in (
            ("guardian", "Demo Parent", "parent"),
            ("police", "Demo Officer", "officer in charge"),
            ("child", appeal.first_name, "the child"),
        ):
            actions.record_consent(
                membership=operator, appeal=appeal, party=party, answer="given", name=name,
                capacity=capacity, how="phone", given_at=when,
            )  # fmt: skip
        made.append((operator, actions.publish(membership=supervisor, appeal=appeal)))
    if len(made) > 1:
        operator, appeal = made[-1]
        actions.end_appeal(membership=operator, appeal=appeal)
    actions.register_site(
        name="Demo website", origin=DEMO_WIDGET_ORIGIN, contact_email="webmaster@demo.test",
        country="BE", key=DEMO_WIDGET_KEY,
    )  # fmt: skip
    return len(made)
