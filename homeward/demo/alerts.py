"""Demo child alerts: one active alert (Belgium, with a relay request to the Dutch hotline) and
one ended alert (France, its child found), each on a new demo criminal-abduction case, through
the real actions, so the Atom and CAP feeds show both. The photo is a drawn silhouette, never a
face. With HOMEWARD_DEMO the CAP messages are `Exercise`, not `Actual`."""

from __future__ import annotations

import io
import random
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from homeward.alerts import actions
from homeward.alerts.models import Alert
from homeward.cases import actions as case_actions
from homeward.cases.models import Case
from homeward.demo.network import COUNTRIES, full_name
from homeward.organisations.models import Membership, Organisation

# country, authority kind, authority, official, broadcast hours (DOMAIN.md, "Child alerts"),
# region, whether it has ended
SCENARIOS = (
    ("BE", "judge", "Demo public prosecutor's office, Brussels", "Demo duty magistrate",
     24, "BE-BRU", False),
    ("FR", "prosecutor", "Demo public prosecutor, Lyon", "Demo deputy prosecutor",
     3, "FR-ARA", True),
)  # fmt: skip


def silhouette(size: int = 240) -> bytes:
    """A drawn head-and-shoulders silhouette as a JPEG: a stand-in photo, never a face."""
    image = Image.new("RGB", (size, size), "#dde3ea")
    draw = ImageDraw.Draw(image)
    draw.ellipse((size * 0.35, size * 0.15, size * 0.65, size * 0.5), fill="#5b6b7c")
    draw.ellipse((size * 0.2, size * 0.55, size * 0.8, size * 1.2), fill="#5b6b7c")
    data = io.BytesIO()
    image.save(data, format="JPEG")
    return data.getvalue()


def _member(organisation: Organisation, role: str) -> Membership | None:
    return (
        Membership.objects.filter(organisation=organisation, role=role, is_active=True)
        .select_related("user", "organisation")
        .first()
    )


def _case(rng: random.Random, operator: Membership, country: str) -> Case:
    """A new criminal-abduction case of the hotline, its child named from the demo's lists
    (the demo's other cases are mostly closed, and criminal abductions are rare)."""
    languages = next(c.languages for c in COUNTRIES if c.code == country)
    given, _, family = full_name(rng, languages).partition(" ")
    return case_actions.open_case(
        membership=operator, category="criminal_abduction", subcategory="",
        disappeared_on=timezone.localdate(), last_seen_country=country,
        summary="Seen taken into a small grey van near the station (demo).",
        children=[{"given_names": given, "family_name": family, "sex": "unknown",
                   "birth_precision": "estimated", "estimated_age": 8,
                   "age_estimated_on": timezone.localdate()}],
    )  # fmt: skip


def seed_alerts(seed: int) -> int:
    rng = random.Random(f"alerts-{seed}")
    made = 0
    for country, kind, authority, official, hours, region, ended in SCENARIOS:
        organisation = Organisation.objects.filter(kind="hotline", country=country).first()
        if organisation is None:
            continue
        supervisor, operator = (
            _member(organisation, "supervisor"),
            _member(organisation, "operator"),
        )
        if supervisor is None or operator is None:
            continue
        with transaction.atomic():
            case = _case(rng, operator, country)
            alert = _activate(supervisor, case, kind, authority, official, hours, region)
            if ended:  # the child is found: the case's status ends the alert (a Cancel)
                case_actions.change_status(membership=operator, case=case, status="found")
            else:
                _relay(supervisor, alert)
        made += 1
    return made


def _activate(
    supervisor: Membership, case: Case, kind: str, authority: str, official: str, hours: int,
    region: str,
) -> Alert:  # fmt: skip
    assessment = actions.assess(
        membership=supervisor, case=case,
        answers={"under_18": ("met", ""), "abduction": ("met", "Seen taken by an adult."),
                 "high_risk": ("met", ""), "information": ("met", "Vehicle described."),
                 "no_added_risk": ("unknown", "No sign of a risk at home.")},
        publicity_risks=["digital_footprint"],
        risks_note="The alert ends, and the photo with it, when the child is found.",
        recommendation="ask_for_alert",
        reasoning="A witnessed abduction, a young child, a described vehicle: every hour counts.",
    )  # fmt: skip
    country = case.organisation.country
    return actions.record_activation(
        membership=supervisor, assessment=assessment, authority_kind=kind,
        authority_name=authority, decided_by=official,
        decided_at=timezone.now() - timedelta(minutes=20),
        grounds="Abduction clearly indicated; the child's life is at risk; a vehicle is known.",
        publication=actions.Publication(
            countries=[country], regions=[region], duration_hours=hours,
            headline="Child alert (exercise): a child of 8 missing, taken in a grey van",
            description="A child of about 8, 1.30 m, short dark hair, yellow raincoat; last seen "
            "near the station, leaving in a small grey van.",
            instruction="Do not approach. Call the number below at once, or 112.",
            hotline_number="116 000",
        ),
        photo=SimpleUploadedFile("silhouette.jpg", silhouette(), content_type="image/jpeg"),
    )  # fmt: skip


def _relay(supervisor: Membership, alert: Alert) -> None:
    neighbour = Organisation.objects.filter(kind="hotline", country="NL").first()
    if neighbour is not None:
        actions.ask_relay(membership=supervisor, alert=alert, receiver=neighbour)
