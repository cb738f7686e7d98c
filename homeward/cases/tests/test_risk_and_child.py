"""Risk takes as many factors as the case needs; the case page gives the child's age beside the
date of birth, and the photo to those who may see it."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from homeward.cases import actions
from homeward.cases.models import Case
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def _rows(count: int) -> dict[str, str]:
    data = {"factor-TOTAL_FORMS": str(count), "factor-INITIAL_FORMS": "0"}
    kinds = ["age", "grooming", "violence_at_home", "first_episode", "self_harm", "other"]
    for i in range(count):
        data[f"factor-{i}-kind"] = kinds[i % len(kinds)]
        data[f"factor-{i}-source"] = f"Source {i}"
    return data


def test_add_a_factor_keeps_what_was_typed_and_gives_one_more_row(cast: Cast) -> None:
    case = make_case(cast)
    client = cast.client("be_operator")
    page = client.post(
        f"/cases/{case.pk}/risk/", {**_rows(4), "grade": "high", "rationale": "Noor, 9",
                                    "add_factor": "1"},
    )  # fmt: skip
    assert page.status_code == 200
    factors = page.context["factors"]
    assert factors.total_form_count() == 5
    assert factors.forms[3].initial["source"] == "Source 3"
    html = page.content.decode()
    assert 'value="Source 3"' in html and 'name="factor-4-kind"' in html
    assert "Noor, 9" in html and "This field is required" not in html
    Case.objects.get(pk=case.pk, risk_grade="")  # nothing saved yet


def test_the_case_page_gives_the_age_beside_the_date_of_birth(cast: Cast) -> None:
    today = timezone.localdate()
    born = date(today.year - 14, 1, 1)
    noor = {"given_names": "Noor", "sex": "female", "birth_precision": "exact", "birth_date": born}
    exact = make_case(cast, children=[noor])
    estimated = make_case(
        cast,
        children=[{"given_names": "Samir", "sex": "male", "birth_precision": "estimated",
                   "estimated_age": 15, "age_estimated_on": today - timedelta(days=400)}],
    )  # fmt: skip
    client = cast.client("be_operator")
    assert "(14 years)" in client.get(f"/cases/{exact.pk}/").content.decode()
    assert "(about 16 years, estimated)" in client.get(f"/cases/{estimated.pk}/").content.decode()


def test_the_case_page_shows_the_photo_to_those_allowed(
    cast: Cast, settings: Any, tmp_path: Path
) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    case = make_case(cast)
    child = case.case_children.get().child
    data = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(data, format="JPEG")
    operator = cast.member("be_operator")
    actions.set_child_photo(
        membership=operator, child=child,
        upload=SimpleUploadedFile("p.jpg", data.getvalue(), content_type="image/jpeg"),
    )  # fmt: skip
    photo = f'src="/children/{child.pk}/photo/"'
    assert photo in cast.client("be_operator").get(f"/cases/{case.pk}/").content.decode()
    assert photo not in cast.client("be_dpo").get(f"/cases/{case.pk}/").content.decode()
