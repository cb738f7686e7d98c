"""The organisation admin's criteria page: saving makes the list exactly what was typed, a
criterion typed twice and an empty list are refused with a message, "Use the European criteria"
returns to the defaults, and assessments already made keep their wording."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from homeward.alerts import actions
from homeward.alerts.criteria import checklist
from homeward.testing.alerts import abduction_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def _admin(cast: Cast) -> Client:
    client = Client()
    client.force_login(cast.user("be_admin"))
    return client


def _wordings(cast: Cast) -> list[str]:
    return [wording for _key, wording in checklist(cast.be)]


def test_saving_replaces_the_list_with_what_was_typed(cast: Cast) -> None:
    client = _admin(cast)
    twice = client.post("/alerts/criteria/", {"criteria": "Same\nSame"})
    assert twice.status_code == 200 and "is there twice" in twice.content.decode()
    assert client.post("/alerts/criteria/", {"criteria": "Same\nOther"}).status_code == 302
    assert client.post("/alerts/criteria/", {"criteria": "Alpha\nBeta"}).status_code == 302
    assert _wordings(cast) == ["Alpha", "Beta"]
    page = client.get("/alerts/criteria/").content.decode()
    assert "Same" not in page and "Use the European criteria" in page


def test_an_empty_list_is_refused_and_the_button_returns_to_the_european_criteria(
    cast: Cast,
) -> None:
    client = _admin(cast)
    client.post("/alerts/criteria/", {"criteria": "Alpha\nBeta"})
    earlier = actions.assess(
        membership=cast.member("be_supervisor"), case=abduction_case(cast), answers={},
        recommendation="more_information", reasoning="We need the police report.",
    )  # fmt: skip
    empty = client.post("/alerts/criteria/", {"criteria": "  \n"})
    assert empty.status_code == 200 and "Type the criteria" in empty.content.decode()
    assert _wordings(cast) == ["Alpha", "Beta"]
    reset = client.post("/alerts/criteria/", {"criteria": "", "use_european": "1"})
    assert reset.status_code == 302
    assert _wordings(cast)[0] == "The child is under 18."
    earlier.refresh_from_db()
    assert [row["wording"] for row in earlier.criteria] == ["Alpha", "Beta"]


def test_a_criterion_with_a_control_character_is_refused_on_its_field(cast: Cast) -> None:
    with pytest.raises(ValidationError) as refused:
        actions.configure_criteria(membership=cast.member("be_admin"), wordings=["Under 18\x00"])
    assert "criteria" in refused.value.message_dict
