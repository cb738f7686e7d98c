"""The alert's whole course through the API: assess, record the authority's activation, read,
update, end; the refusals name their field."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from homeward.alerts.models import Alert
from homeward.testing.alerts import abduction_case, make_alert, make_assessment
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db

PUBLICATION = {
    "countries": ["be"], "regions": ["be-bru"], "duration_hours": 6,
    "headline": "Child alert", "description": "Lena, 11, red coat.",
    "instruction": "Call at once.", "hotline_number": "116 000",
}  # fmt: skip


def _client(cast: Cast, name: str) -> Client:
    client = Client()
    client.force_login(cast.user(name))
    return client


def test_assess_activate_update_and_end(cast: Cast) -> None:
    case = abduction_case(cast)
    supervisor = _client(cast, "be_supervisor")
    assessed = supervisor.post("/api/v1/alerts/assessments", {
        "case_id": case.pk, "criteria": [{"key": "abduction", "answer": "met"}],
        "publicity_risks": ["parental_conflict"], "recommendation": "ask_for_alert",
        "reasoning": "Taken by a stranger.",
    }, content_type="application/json")  # fmt: skip
    assert assessed.status_code == 201, assessed.json()
    criteria = {row["key"]: row["answer"] for row in assessed.json()["criteria"]}
    assert criteria["abduction"] == "met" and criteria["under_18"] == "unknown"
    decision = {
        **PUBLICATION, "assessment_id": assessed.json()["id"], "authority_kind": "judge",
        "authority_name": "Parquet", "decided_by": "A. Example", "grounds": "Witnessed.",
        "decided_at": "2020-01-01T10:00:00Z",
    }  # fmt: skip
    too_old = supervisor.post("/api/v1/alerts", decision, content_type="application/json")
    assert too_old.status_code == 422
    assert too_old.json()["errors"][0]["field"] == "decided_at"
    decision["decided_at"] = timezone.now().isoformat()
    created = supervisor.post("/api/v1/alerts", decision, content_type="application/json")
    assert created.status_code == 201, created.json()
    alert = created.json()
    assert alert["countries"] == ["BE"] and alert["regions"] == ["BE-BRU"]
    updated = supervisor.post(f"/api/v1/alerts/{alert['id']}/update",
                              {**PUBLICATION, "duration_hours": 12},
                              content_type="application/json")  # fmt: skip
    assert updated.status_code == 200 and updated.json()["duration_hours"] == 12
    ended = _client(cast, "be_operator").post(f"/api/v1/alerts/{alert['id']}/end",
                                              {"reason": "child_found"},
                                              content_type="application/json")  # fmt: skip
    assert ended.status_code == 200 and ended.json()["state"] == "ended"
    messages = supervisor.get(f"/api/v1/alerts/{alert['id']}/messages").json()
    assert [m["msg_type"] for m in messages] == ["Alert", "Update", "Cancel"]
    assert messages[0]["identifier"] in messages[2]["references"]


def test_another_hotlines_case_is_refused_on_its_field(cast: Cast) -> None:
    case = abduction_case(cast, cast.fr)
    response = _client(cast, "be_supervisor").post("/api/v1/alerts/assessments", {
        "case_id": case.pk, "recommendation": "do_not", "reasoning": "x",
    }, content_type="application/json")  # fmt: skip
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "case_id"


def _decision(cast: Cast, **changes: object) -> dict[str, object]:
    assessment = make_assessment(cast, abduction_case(cast))
    return {
        **PUBLICATION, "assessment_id": assessment.pk, "authority_kind": "prosecutor",
        "authority_name": "Parquet", "decided_by": "A. Example", "grounds": "Witnessed.",
        "decided_at": timezone.now().isoformat(), **changes,
    }  # fmt: skip


def _refused_on(response: Any) -> list[str]:
    assert response.status_code == 422, response.content
    return [error["field"] for error in response.json()["errors"]]


CONTROL = "Lena, red coat.\u0001\u000b\ufffe"


def test_characters_xml_cannot_carry_are_refused_on_their_field(cast: Cast) -> None:
    supervisor = _client(cast, "be_supervisor")
    for name in ("headline", "description", "instruction", "hotline_number", "authority_name",
                 "decided_by", "grounds"):  # fmt: skip
        response = supervisor.post("/api/v1/alerts", _decision(cast, **{name: CONTROL}),
                                   content_type="application/json")  # fmt: skip
        assert _refused_on(response) == [name]
    french = {"fr": {"headline": "Alerte", "description": CONTROL}}
    response = supervisor.post("/api/v1/alerts", _decision(cast, translations=french),
                               content_type="application/json")  # fmt: skip
    assert _refused_on(response) == ["translations"]
    assert not Alert.objects.exists()
    alert = make_alert(cast)
    response = supervisor.post(f"/api/v1/alerts/{alert.pk}/update",
                               {**PUBLICATION, "description": CONTROL},
                               content_type="application/json")  # fmt: skip
    assert _refused_on(response) == ["description"]
    page = supervisor.post(reverse("alert_update", args=[alert.pk]), {
        **PUBLICATION, "countries": "BE", "regions": "BE-BRU", "urgency": "Immediate",
        "severity": "Severe", "certainty": "Likely", "description": CONTROL,
    })  # fmt: skip
    assert page.status_code == 200
    assert "U+0001" in page.context["form"].errors["description"][0]
    assert alert.messages.count() == 1


def test_the_number_to_call_holds_only_digits_and_separators(cast: Cast) -> None:
    supervisor = _client(cast, "be_supervisor")
    for number in ("116 000 <a>", "javascript:alert(1)", "call us", "---"):
        response = supervisor.post("/api/v1/alerts", _decision(cast, hotline_number=number),
                                   content_type="application/json")  # fmt: skip
        assert _refused_on(response) == ["hotline_number"]
    accepted = supervisor.post("/api/v1/alerts",
                               _decision(cast, hotline_number="+32 (0)2-000 00 00"),
                               content_type="application/json")  # fmt: skip
    assert accepted.status_code == 201, accepted.json()


def test_the_alerts_list_filters_by_case(cast: Cast) -> None:
    first, second = make_alert(cast, photo=False), make_alert(cast, photo=False)
    supervisor = _client(cast, "be_supervisor")
    listed = supervisor.get("/api/v1/alerts", {"case_id": second.case_id}).json()["items"]
    assert [row["reference"] for row in listed] == [second.reference]
    everything = supervisor.get("/api/v1/alerts").json()["items"]
    assert {row["reference"] for row in everything} == {first.reference, second.reference}
    schema = supervisor.get("/api/v1/openapi.json").json()
    names = [p["name"] for p in schema["paths"]["/api/v1/alerts"]["get"]["parameters"]]
    assert "case_id" in names
