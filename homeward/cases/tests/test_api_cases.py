"""The cases REST API: contacts, cases, risk, timeline, closure, from a client's point of view."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from homeward.audit.models import AuditEvent
from homeward.cases import actions
from homeward.cases.models import Case, Contact
from homeward.organisations import actions as org_actions
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db

API = "/api/v1"


class Api:
    """A client that sends JSON with a bearer token, as another system would."""

    def __init__(self, cast: Cast, name: str) -> None:
        member = cast.member(name)
        self.secret = org_actions.create_api_token(membership=member, name="test", days=1).secret
        self.client = Client()

    def _send(self, method: str, path: str, body: Any = None) -> Any:
        headers = {"Authorization": f"Bearer {self.secret}"}
        if method == "get":
            return self.client.get(f"{API}{path}", headers=headers)
        return getattr(self.client, method)(
            f"{API}{path}", body or {}, content_type="application/json", headers=headers
        )

    def get(self, path: str) -> Any:
        return self._send("get", path)

    def post(self, path: str, body: Any = None) -> Any:
        return self._send("post", path, body)

    def patch(self, path: str, body: Any) -> Any:
        return self._send("patch", path, body)

    def put(self, path: str, body: Any) -> Any:
        return self._send("put", path, body)


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.content
    return response.json()


def _errors(response: Any) -> dict[str, str]:
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "validation_error"
    return {e["field"]: e["message"] for e in body["errors"]}


SIBLINGS = [
    {
        "given_names": "Sara",
        "family_name": "Peeters",
        "sex": "female",
        "birth_precision": "exact",
        "birth_date": "2016-05-02",
        "clothing": "red coat",
    },
    {
        "given_names": "Tom",
        "family_name": "Peeters",
        "sex": "male",
        "birth_precision": "year",
        "birth_year": 2019,
        "other_names": ["Tommy"],
    },
]


def test_a_call_from_contact_to_closure_and_reopening(cast: Cast) -> None:
    operator, supervisor = Api(cast, "be_operator"), Api(cast, "be_supervisor")

    contact = _ok(
        operator.post(
            "/contacts",
            {
                "channel": "phone_116000",
                "caller": "parent",
                "contact_type": "new_case",
                "language": "nl",
                "notes": "Father calls: the children were not collected from school.",
            },
        ),
        201,
    )
    assert contact["case_id"] is None and contact["channel"] == "phone_116000"

    disappeared = (timezone.localdate() - timedelta(days=2)).isoformat()
    case = _ok(
        operator.post(
            "/cases",
            {
                "category": "parental_abduction",
                "subcategory": "international",
                "disappeared_on": disappeared,
                "last_seen_country": "be",
                "last_seen_locality": "Gent",
                "reasons": ["problems_home"],
                "contact_id": contact["id"],
                "children": SIBLINGS,
                "section": {"suspected_destination": "FR", "mediation_considered": True},
            },
        ),
        201,
    )
    assert case["reference"].startswith("BE-") and case["status"] == "open"
    assert case["last_seen_country"] == "BE"
    assert case["assigned_to"]["user_id"] == cast.user("be_operator").pk
    assert [(c["given_names"], c["sex"]) for c in case["children"]] == [
        ("Sara", "female"),
        ("Tom", "male"),
    ]
    assert case["children"][0]["clothing"] == "red coat"
    assert case["children"][1]["other_names"] == ["Tommy"]
    assert isinstance(case["children"][0]["age"], int)
    assert case["section"]["kind"] == "parental_abduction"
    assert case["section"]["suspected_destination"] == "FR"
    assert case["risk"] is None and case["closures"] == []
    case_url = f"/cases/{case['id']}"
    assert _ok(operator.get(f"/contacts/{contact['id']}"))["case_id"] == case["id"]

    risk = _ok(
        operator.post(
            f"{case_url}/risk",
            {
                "grade": "high",
                "rationale": "Young children, taken abroad.",
                "factors": [
                    {"kind": "age", "source": "father, by phone", "detail": "aged 7 and 4"},
                    {
                        "kind": "out_of_character",
                        "source": "school",
                        "observed_at": (timezone.now() - timedelta(hours=3)).isoformat(),
                    },
                ],
            },
        ),
        201,
    )
    assert risk["grade"] == "high" and [f["kind"] for f in risk["factors"]] == [
        "age",
        "out_of_character",
    ]
    _ok(operator.post(f"{case_url}/risk", {"grade": "medium", "rationale": "Located abroad."}), 201)
    history = _ok(operator.get(f"{case_url}/risk"))
    assert [r["grade"] for r in history["items"]] == ["medium", "high"]
    assert history["items"][1]["factors"][0]["source"] == "father, by phone"

    police = _ok(
        operator.post(
            f"{case_url}/timeline", {"kind": "police", "text": "Reported to police, ref PV-1"}
        ),
        201,
    )
    assert police["kind"] == "police" and police["actor"]["full_name"] == "Be Operator"
    _ok(operator.post(f"{case_url}/timeline", {"kind": "note", "text": "Father calls back."}), 201)
    _ok(operator.post(f"{case_url}/status", {"status": "active_search"}))

    handed = _ok(
        operator.post(
            f"{case_url}/assign",
            {"member_id": cast.member("be_supervisor").pk, "handover_note": "Call the father at 8"},
        )
    )
    assert handed["assigned_to"]["user_id"] == cast.user("be_supervisor").pk
    mine = _ok(supervisor.get("/cases?assigned=me"))
    assert [c["id"] for c in mine["items"]] == [case["id"]]
    assert _ok(operator.get("/cases?assigned=me"))["count"] == 0

    closure = _ok(
        operator.post(
            f"{case_url}/closure",
            {
                "outcome": "located_police",
                "found_on": timezone.localdate().isoformat(),
                "found_country": "FR",
                "support_offered": ["return_interview", "mediation"],
            },
        ),
        201,
    )
    assert closure["state"] == "requested" and closure["duration_band"] == "lt_1w"
    assert _ok(operator.get(case_url))["status"] == "closure_requested"
    refused = operator.post(f"/closures/{closure['id']}/decision", {"decision": "approve"})
    assert refused.status_code == 403

    decided = _ok(
        supervisor.post(
            f"/closures/{closure['id']}/decision",
            {"decision": "approve", "decision_note": "Return interview booked."},
        )
    )
    assert decided["state"] == "approved"
    assert decided["decided_by"]["user_id"] == cast.user("be_supervisor").pk
    closed = _ok(operator.get(case_url))
    assert closed["status"] == "closed" and closed["closed_at"] is not None
    assert closed["risk"]["grade"] == "medium"
    assert [c["state"] for c in closed["closures"]] == ["approved"]

    reopened = _ok(operator.post(f"{case_url}/reopen", {"reason": "Taken again at the weekend."}))
    assert reopened["status"] == "open" and reopened["closed_at"] is None

    timeline = _ok(operator.get(f"{case_url}/timeline?page_size=100"))
    kinds = [e["kind"] for e in timeline["items"]]
    assert {"contact", "child", "risk", "police", "note", "handover", "closure", "status"} <= set(
        kinds
    )
    assert timeline["count"] == len(kinds)
    occurred = [e["occurred_at"] for e in timeline["items"]]
    assert occurred == sorted(occurred)


def test_a_case_is_opened_without_a_contact_and_changed(cast: Cast) -> None:
    operator = Api(cast, "be_operator")
    case = _ok(
        operator.post(
            "/cases",
            {"category": "runaway", "children": [{"given_names": "Lena", "family_name": "Test"}]},
        ),
        201,
    )
    changed = _ok(
        operator.patch(
            f"/cases/{case['id']}",
            {
                "subcategory": "from_care",
                "summary": "Left the care home after dinner.",
                "last_seen_latitude": 51.054342,
                "follow_up_due": (timezone.now() + timedelta(hours=4)).isoformat(),
            },
        )
    )
    assert changed["subcategory"] == "from_care" and changed["last_seen_latitude"] == 51.054342
    section = _ok(operator.put(f"/cases/{case['id']}/section", {"left_from": "care_institution"}))
    assert section == {
        "kind": "runaway",
        "left_from": "care_institution",
        "pushed_out": False,
        "previous_episodes": 0,
    }
    added = _ok(
        operator.post(
            f"/cases/{case['id']}/children",
            {"given_names": "Noor", "family_name": "Test", "clothing": "grey hoodie"},
        ),
        201,
    )
    assert added["given_names"] == "Noor" and added["clothing"] == "grey hoodie"
    detail = _ok(operator.get(f"/cases/{case['id']}"))
    assert [c["given_names"] for c in detail["children"]] == ["Lena", "Noor"]
    assert detail["section"]["left_from"] == "care_institution"
    assert AuditEvent.objects.filter(action="cases.case.read", object_id=str(case["id"])).exists()


def test_lists_are_filtered_and_paginated(cast: Cast) -> None:
    runaway = make_case(cast)
    abduction = make_case(cast, category="parental_abduction", subcategory="national")
    make_case(cast, cast.fr)
    operator = Api(cast, "be_operator")
    everything = _ok(operator.get("/cases"))
    assert set(everything) == {"items", "count", "page", "page_size"}
    assert everything["count"] == 2  # never the other hotline's
    assert "children" not in everything["items"][0]
    assert [c["id"] for c in _ok(operator.get("/cases?category=runaway"))["items"]] == [runaway.pk]
    assert _ok(operator.get("/cases?status=closed"))["count"] == 0
    assert _ok(operator.get("/cases?country=be"))["count"] == 2
    # days are the hotline's (Brussels), whatever the server's time zone
    local = timezone.localdate(timezone=ZoneInfo(cast.be.time_zone))
    today = local.isoformat()
    assert _ok(operator.get(f"/cases?reported_from={today}&reported_to={today}"))["count"] == 2
    tomorrow = (local + timedelta(days=1)).isoformat()
    assert _ok(operator.get(f"/cases?reported_from={tomorrow}"))["count"] == 0
    page = _ok(operator.get("/cases?page=2&page_size=1"))
    assert page["count"] == 2 and len(page["items"]) == 1 and page["page"] == 2
    assert operator.get("/cases?risk=extreme").status_code == 422
    assert [c["id"] for c in _ok(operator.get(f"/cases?q={abduction.reference}"))["items"]] == [
        abduction.pk
    ]
    by_name = _ok(operator.get("/cases?q=Lena Test&category=runaway"))
    assert [c["id"] for c in by_name["items"]] == [runaway.pk]
    assert by_name["items"][0]["score"] > 0.9 and by_name["items"][0]["match_reasons"]
    assert _ok(operator.get("/cases?q=Lena Test"))["count"] == 2
    assert _ok(operator.get("/cases?q=Lena Test&assigned=me"))["count"] == 2
    assert _ok(Api(cast, "be_supervisor").get("/cases?q=Lena Test&assigned=me"))["count"] == 0
    assert _ok(operator.get("/cases"))["items"][0]["score"] is None

    member = cast.member("be_operator")
    first = actions.log_contact(
        membership=member,
        case=runaway,
        channel="chat",
        caller="child",
        contact_type="existing_case",
        caller_consent=True,
        caller_name="Lena",
    )
    actions.log_contact(
        membership=member,
        channel="sms",
        caller="public",
        contact_type="information",
        started_at=timezone.now() - timedelta(days=10),
    )
    contacts = _ok(operator.get("/contacts"))
    assert contacts["count"] == 2
    assert "caller_name" not in contacts["items"][0] and "notes" not in contacts["items"][0]
    assert contacts["items"][0]["has_caller_details"] is True
    assert [c["id"] for c in _ok(operator.get(f"/contacts?case_id={runaway.pk}"))["items"]] == [
        first.pk
    ]
    assert _ok(operator.get("/contacts?channel=sms&contact_type=information"))["count"] == 1
    assert [c["id"] for c in _ok(operator.get(f"/contacts?from={today}"))["items"]] == [first.pk]
    earlier = (local - timedelta(days=5)).isoformat()
    assert _ok(operator.get(f"/contacts?to={earlier}"))["count"] == 1
    detail = _ok(operator.get(f"/contacts/{first.pk}"))
    assert detail["caller_name"] == "Lena" and detail["logged_by"]["full_name"] == "Be Operator"
    assert AuditEvent.objects.filter(action="cases.contact.read", object_id=str(first.pk)).exists()


def test_a_contact_can_be_linked_to_an_own_case_only(cast: Cast) -> None:
    own, theirs = make_case(cast), make_case(cast, cast.fr)
    operator = Api(cast, "be_operator")
    body = {"channel": "email", "caller": "police", "contact_type": "existing_case"}
    linked = _ok(operator.post("/contacts", {**body, "case_id": own.pk}), 201)
    assert linked["case_id"] == own.pk
    assert own.timeline.filter(kind="contact", contact_id=linked["id"]).exists()
    assert set(_errors(operator.post("/contacts", {**body, "case_id": theirs.pk}))) == {"case_id"}
    assert Contact.objects.filter(organisation=cast.be).count() == 1


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        # a subcategory of another category
        ("/cases", {"category": "runaway", "subcategory": "international"}, "subcategory"),
        # an unknown field is refused, never silently dropped
        ("/cases", {"category": "runaway", "colour": "blue"}, "colour"),
        ("/cases", {"category": "runaway", "reported_at": "2026-01-05T10:00:00"}, "reported_at"),
        ("/cases", {"category": "kidnapping"}, "category"),
        ("/cases", {"category": "runaway", "children": []}, "children"),
        ("/cases", {"category": "runaway", "last_seen_country": "BEL"}, "last_seen_country"),
        ("/contacts", {"channel": "pigeon", "caller": "child", "contact_type": "other"}, "channel"),
        (
            "/contacts",
            {"channel": "sms", "caller": "child", "contact_type": "other", "caller_name": "X"},
            "caller_name",
        ),
    ],
)
def test_validation_errors_name_the_field(
    cast: Cast, path: str, body: dict[str, Any], field: str
) -> None:
    if path == "/cases":
        body = {"children": [{"given_names": "Lena"}], **body}
    assert field in _errors(Api(cast, "be_operator").post(path, body))
    assert not Case.objects.exists() and not Contact.objects.exists()


def test_business_rules_answer_422_with_the_field(cast: Cast) -> None:
    case = make_case(cast)
    other = make_case(cast, cast.fr)
    operator = Api(cast, "be_operator")
    url = f"/cases/{case.pk}"
    assert set(_errors(operator.post(f"{url}/risk", {"grade": "high"}))) == {"factors"}
    assert "factors.0.source" in _errors(
        operator.post(f"{url}/risk", {"grade": "low", "factors": [{"kind": "age", "source": " "}]})
    )
    assert "factors.0.kind" in _errors(
        operator.post(f"{url}/risk", {"grade": "low", "factors": [{"kind": "luck", "source": "x"}]})
    )
    assert set(_errors(operator.patch(url, {"subcategory": "international"}))) == {"subcategory"}
    assert set(_errors(operator.patch(url, {"reference": "BE-1"}))) == {"reference"}
    assert set(_errors(operator.post(f"{url}/status", {"status": "closed"}))) == {"status"}
    assert set(_errors(operator.post(f"{url}/timeline", {"kind": "status", "text": "x"}))) == {
        "kind"
    }
    assert set(_errors(operator.put(f"{url}/section", {"facility": "Centre"}))) == {"facility"}
    assert set(_errors(operator.post(f"{url}/reopen", {"reason": "again"}))) == {"status"}
    assert set(_errors(operator.post(f"{url}/assign", {"member_id": 0}))) == {"member_id"}
    admin_id = cast.member("be_admin").pk
    assert set(_errors(operator.post(f"{url}/assign", {"member_id": admin_id}))) == {"member_id"}
    fr_id = cast.member("fr_operator").pk
    assert set(_errors(operator.post(f"{url}/assign", {"member_id": fr_id}))) == {"member_id"}
    assert set(_errors(operator.post(f"{url}/closure", {"outcome": "found_safe"}))) == {"found_on"}
    foreign_child = other.case_children.get().child_id
    assert set(_errors(operator.post(f"{url}/children", {"existing_child_id": foreign_child}))) == {
        "existing_child_id"
    }
    own_child = case.case_children.get().child_id
    assert set(
        _errors(
            operator.post(
                "/cases",
                {
                    "category": "runaway",
                    "children": [{"existing_child_id": own_child, "given_names": "Lena"}],
                },
            )
        )
    ) == {"children.0.given_names"}


def test_read_only_and_caseless_roles_are_refused(cast: Cast) -> None:
    case = make_case(cast)
    dpo, admin = Api(cast, "be_dpo"), Api(cast, "be_admin")
    assert dpo.get(f"/cases/{case.pk}").status_code == 200
    assert dpo.post(f"/cases/{case.pk}/timeline", {"kind": "note", "text": "x"}).status_code == 403
    assert dpo.patch(f"/cases/{case.pk}", {"summary": "x"}).status_code == 403
    assert admin.get(f"/cases/{case.pk}").status_code == 403
    assert admin.get("/cases").status_code == 403
    assert Api(cast, "coordinator").get("/contacts").status_code == 403


def test_another_hotline_gets_404_on_every_url(cast: Cast) -> None:
    operator = cast.member("be_operator")
    case = make_case(cast)
    child = case.case_children.get().child
    contact = actions.log_contact(
        membership=operator,
        case=case,
        channel="sms",
        caller="child",
        contact_type="existing_case",
    )
    closure = actions.request_closure(membership=operator, case=case, outcome="still_missing")
    urls = [
        ("get", f"/contacts/{contact.pk}", None),
        ("get", f"/cases/{case.pk}", None),
        ("patch", f"/cases/{case.pk}", {"summary": "x"}),
        ("put", f"/cases/{case.pk}/section", {"left_from": "home"}),
        ("post", f"/cases/{case.pk}/status", {"status": "active_search"}),
        ("post", f"/cases/{case.pk}/assign", {"member_id": cast.member("fr_operator").pk}),
        ("get", f"/cases/{case.pk}/timeline", None),
        ("post", f"/cases/{case.pk}/timeline", {"kind": "note", "text": "x"}),
        ("get", f"/cases/{case.pk}/risk", None),
        ("post", f"/cases/{case.pk}/risk", {"grade": "low"}),
        ("post", f"/cases/{case.pk}/closure", {"outcome": "still_missing"}),
        ("post", f"/cases/{case.pk}/reopen", {"reason": "x"}),
        ("post", f"/cases/{case.pk}/children", {"given_names": "X"}),
        ("post", f"/closures/{closure.pk}/decision", {"decision": "approve"}),
        ("get", f"/children/{child.pk}", None),
        ("patch", f"/children/{child.pk}", {"living_situation": "x"}),
        ("post", f"/children/{child.pk}/names", {"value": "X"}),
        ("put", f"/children/{child.pk}/photo", {}),
        ("get", f"/children/{child.pk}/photo", None),
    ]
    for name in ("fr_operator", "fr_supervisor"):
        client = Api(cast, name)
        for method, url, body in urls:
            response = client._send(method, url, body)
            assert response.status_code == 404, (name, method, url, response.content)
            assert response.json()["code"] == "not_found"
    # nothing was read, so no read is in the trail
    assert not AuditEvent.objects.filter(
        action__endswith="read",
        actor_id__in=[cast.member(name).user_id for name in ("fr_operator", "fr_supervisor")],
    ).exists()
    # and the other hotline's lists do not show them
    assert _ok(Api(cast, "fr_operator").get("/cases"))["count"] == 0
    assert _ok(Api(cast, "fr_operator").get("/contacts"))["count"] == 0


def _queries(call: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


def test_a_case_and_the_list_take_as_many_queries_whatever_their_size(
    cast: Cast, django_assert_max_num_queries: Any
) -> None:
    operator, supervisor = cast.member("be_operator"), cast.member("be_supervisor")
    client = Api(cast, "be_operator")
    small = make_case(cast)
    actions.assess_risk(membership=operator, case=small, grade="low")
    _ok(client.get("/cases"))  # the token's first use
    one_child = _queries(lambda: _ok(client.get(f"/cases/{small.pk}")))
    one_row = _queries(lambda: _ok(client.get("/cases")))

    big = make_case(
        cast,
        category="parental_abduction",
        subcategory="national",
        section={"suspected_destination": "FR"},
        children=[
            {"given_names": f"Child {i}", "family_name": "Test", "other_names": ["One", "Two"]}
            for i in range(5)
        ],
    )
    actions.assess_risk(
        membership=operator,
        case=big,
        grade="high",
        factors=[{"kind": "age", "source": f"source {i}"} for i in range(3)],
    )
    for _ in range(2):
        closure = actions.request_closure(membership=operator, case=big, outcome="still_missing")
        actions.decide_closure(
            membership=supervisor,
            closure=closure,
            approve=False,
            note="Not yet.",
        )
    for _ in range(5):
        make_case(cast)

    with django_assert_max_num_queries(one_child):
        case = _ok(client.get(f"/cases/{big.pk}"))
    assert [child["other_names"] for child in case["children"]] == [["One", "Two"]] * 5
    assert case["section"]["suspected_destination"] == "FR"
    assert len(case["risk"]["factors"]) == 3 and len(case["closures"]) == 2
    with django_assert_max_num_queries(one_row):
        assert len(_ok(client.get("/cases"))["items"]) == 7


def test_the_list_names_the_assignee_as_the_case_does(cast: Cast) -> None:
    """By the full name, else the e-mail; null when nobody is assigned (with `q` too)."""
    unassigned, nameless = make_case(cast), make_case(cast)
    assignee = cast.user("be_supervisor")
    assignee.full_name = ""
    assignee.save()
    Case.objects.filter(pk=unassigned.pk).update(assigned_to=None)
    Case.objects.filter(pk=nameless.pk).update(assigned_to=assignee)
    client = Api(cast, "be_operator")
    expected = {
        unassigned.pk: None,
        nameless.pk: {"user_id": assignee.pk, "full_name": assignee.email},
    }
    for path in ("/cases", "/cases?q=Lena Test"):
        items = _ok(client.get(path))["items"]
        assert {item["id"]: item["assigned_to"] for item in items} == expected
    for case in (unassigned, nameless):
        assert _ok(client.get(f"/cases/{case.pk}"))["assigned_to"] == expected[case.pk]


def test_a_patch_from_an_old_copy_is_refused_with_412_and_writes_nothing(cast: Cast) -> None:
    case = make_case(cast, summary="Not collected from school", last_seen_locality="Gent")
    operator, supervisor = Api(cast, "be_operator"), Api(cast, "be_supervisor")
    operators_copy = operator.get(f"/cases/{case.pk}")
    supervisors_copy = supervisor.get(f"/cases/{case.pk}")
    assert operators_copy["ETag"] == supervisors_copy["ETag"]

    def patch(api: Api, copy: Any, body: dict[str, Any]) -> Any:
        return api.client.patch(
            f"{API}/cases/{case.pk}",
            body,
            content_type="application/json",
            headers={"Authorization": f"Bearer {api.secret}", "If-Match": copy["ETag"]},
        )

    saved = patch(operator, operators_copy, {"summary": "Police confirmed a sighting"})
    assert saved.status_code == 200 and saved["ETag"] != operators_copy["ETag"]
    refused = patch(supervisor, supervisors_copy, {"summary": "Seen at a friend's flat"})
    assert refused.status_code == 412 and refused.json()["code"] == "precondition_failed"
    case.refresh_from_db()
    assert case.summary == "Police confirmed a sighting"
    assert patch(supervisor, saved, {"last_seen_locality": "Brugge"}).status_code == 200

    # without If-Match, as before: only the fields sent are written
    _ok(operator.patch(f"/cases/{case.pk}", {"reporter_name": "An Peeters"}))
    case.refresh_from_db()
    assert (case.summary, case.last_seen_locality, case.reporter_name) == (
        "Police confirmed a sighting",
        "Brugge",
        "An Peeters",
    )
    child = case.case_children.get().child
    copy = operator.get(f"/children/{child.pk}")
    _ok(operator.patch(f"/children/{child.pk}", {"living_situation": "With her aunt"}))
    stale = operator.client.patch(
        f"{API}/children/{child.pk}",
        {"living_situation": "With her mother"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {operator.secret}", "If-Match": copy["ETag"]},
    )
    assert stale.status_code == 412
    child.refresh_from_db()
    assert child.living_situation == "With her aunt"
