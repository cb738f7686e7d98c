"""What Homeward writes in a timeline reads in the reader's language, whoever wrote it; what a
person wrote stays as written."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from homeward.cases import actions, timeline
from homeward.cases.models import Case
from homeward.core import wording
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast


def shown(case: Case) -> list[str]:
    return [event.shown_text for event in case.timeline.order_by("occurred_at", "pk")]


@pytest.mark.django_db
def test_entries_written_in_french_read_in_german_and_in_english(cast: Cast) -> None:
    operator = cast.member("be_operator")
    by: dict[str, Any] = {"membership": operator}
    with translation.override("fr"):
        case = make_case(cast)
        factor = {"kind": "medical", "detail": "insuline", "source": "mère"}
        actions.assess_risk(**by, case=case, grade="high", factors=[factor])
        actions.assess_risk(**by, case=case, grade="medium")
        actions.change_status(**by, case=case, status="active_search", note="Police prévenue.")
        actions.assign_case(
            **by, case=case, assignee=cast.member("be_supervisor"), handover_note="Rappeler."
        )
    with translation.override("de"):
        german = shown(case)
    with translation.override("en"):
        english = shown(case)
    assert german[:2] == ["Lena Test", "Offen"]  # the child added: a name, as written
    assert "Risiko: Hoch → Mittel" in german
    assert "Aktive Suche — Police prévenue." in german  # the note as the operator wrote it
    assert english[1] == "Open"
    assert "Risk: High → Medium" in english
    assert "Active search — Police prévenue." in english
    assignment = [text for text in english if text.startswith("Assigned to ")]
    assert assignment == ["Assigned to Be Supervisor — Rappeler."]


@pytest.mark.django_db
def test_the_api_answers_in_the_readers_language(cast: Cast) -> None:
    case = make_case(cast)
    operator = cast.member("be_operator")
    actions.assess_risk(membership=operator, case=case, grade="low")
    client = cast.client("be_operator")
    url = f"/api/v1/cases/{case.pk}/timeline"
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").json()["items"]
    german = client.get(url, HTTP_ACCEPT_LANGUAGE="de").json()["items"]
    assert [e["message"] for e in french] == ["", "status", "risk"]  # a child added: a name
    assert [e["text"] for e in french] == ["Lena Test", "Ouvert", "Risque\u00a0: Faible"]
    assert [e["text"] for e in german] == ["Lena Test", "Offen", "Risiko: Gering"]


def test_an_unknown_message_or_a_missing_parameter_is_refused_when_written() -> None:
    with pytest.raises(ValueError, match="unknown message"):
        wording.check(timeline.MESSAGES, "status_changed", {})
    with pytest.raises(KeyError):
        wording.check(timeline.MESSAGES, "closure_requested", {})  # its template needs the outcome
    assert wording.render(timeline.MESSAGES, "", {}, "Written before messages existed.") == (
        "Written before messages existed."
    )


def test_an_app_cannot_register_a_message_code_another_app_took() -> None:
    with pytest.raises(ValueError, match="risk"):
        timeline.register({"risk": wording.Message()})
    with translation.override("en"):
        assert wording.words(timeline.MESSAGES["risk"], {"grade": "low"}) == "Risk: Low"
