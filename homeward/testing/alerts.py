"""Builders for child-alert tests: an assessment and an alert on a criminal-abduction case of a
cast hotline, made through the real actions, with a generated photo (never a real one)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from homeward.alerts import actions
from homeward.alerts.models import Alert, AlertAssessment
from homeward.cases.models import Case
from homeward.demo.alerts import silhouette as silhouette  # re-exported for the app's tests
from homeward.organisations.models import Organisation
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

_SUPERVISOR_OF = {"BE": "be_supervisor", "FR": "fr_supervisor"}


def photo_upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("photo.jpg", silhouette(), content_type="image/jpeg")


def abduction_case(cast: Cast, organisation: Organisation | None = None) -> Case:
    return make_case(cast, organisation, category="criminal_abduction", subcategory="")


def make_assessment(cast: Cast, case: Case) -> AlertAssessment:
    return actions.assess(
        membership=cast.member(_SUPERVISOR_OF[case.organisation.country]),
        case=case,
        answers={"under_18": ("met", ""), "abduction": ("met", "Seen taken into a van.")},
        publicity_risks=["digital_footprint"],
        recommendation="ask_for_alert",
        reasoning="A stranger took the child; every hour counts.",
    )


def publication(**changes: Any) -> actions.Publication:
    values: dict[str, Any] = {
        "countries": ["BE"], "regions": ["BE-BRU"], "duration_hours": 6,
        "headline": "Child alert: Lena, 11, missing in Brussels",
        "description": "Lena, 11, 1.45 m, long brown hair, red coat; last seen near the park.",
        "instruction": "Do not approach. Call the number below at once.",
        "hotline_number": "116 000",
    }  # fmt: skip
    values.update(changes)
    return actions.Publication(**values)


def make_alert(
    cast: Cast, organisation: Organisation | None = None, *, photo: bool = True, **changes: Any
) -> Alert:
    case = abduction_case(cast, organisation)
    assessment = make_assessment(cast, case)
    return actions.record_activation(
        membership=cast.member(_SUPERVISOR_OF[case.organisation.country]),
        assessment=assessment,
        authority_kind="judge",
        authority_name="Brussels public prosecutor's office",
        decided_by="A. Example, duty magistrate",
        decided_at=timezone.now() - timedelta(minutes=10),
        grounds="Abduction by a third person witnessed; life at risk.",
        publication=publication(**changes),
        photo=photo_upload() if photo else None,
    )
