"""The case workflow through its actions: what an operator does during and after a call."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from homeward.audit.models import AuditEvent
from homeward.cases import actions
from homeward.cases.models import Case, Child, Closure, Contact, NameKey, TimelineEvent
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def _op(cast: Cast) -> dict[str, Any]:
    member = cast.member("be_operator")
    return {"membership": member}


def _sup(cast: Cast) -> dict[str, Any]:
    member = cast.member("be_supervisor")
    return {"membership": member}


def test_a_contact_is_logged_in_one_step_and_audited(cast: Cast) -> None:
    contact = actions.log_contact(
        **_op(cast),
        channel="phone_116000",
        caller="parent",
        contact_type="new_case",
        language="nl",
        notes="Mother calls: daughter did not come home.",
    )
    assert contact.organisation == cast.be and contact.logged_by == cast.user("be_operator")
    event = AuditEvent.objects.get(action="cases.contact.create")
    assert "notes" in event.fields and event.object_id == str(contact.pk)


def test_caller_details_need_consent(cast: Cast) -> None:
    with pytest.raises(ValidationError) as raised:
        actions.log_contact(
            **_op(cast),
            channel="sms",
            caller="public",
            contact_type="information",
            caller_name="Someone",
            caller_phone="+32 000",
        )
    assert set(raised.value.message_dict) == {"caller_name", "caller_phone"}
    assert not Contact.objects.exists()


def test_opening_a_case_with_two_siblings(cast: Cast) -> None:
    contact = actions.log_contact(
        **_op(cast), channel="phone_116000", caller="parent", contact_type="new_case"
    )
    case = actions.open_case(
        **_op(cast),
        contact=contact,
        category="parental_abduction",
        subcategory="international",
        disappeared_on=date(2026, 11, 20),
        last_seen_country="BE",
        last_seen_locality="Gent",
        children=[
            {
                "given_names": "Sara",
                "family_name": "Peeters",
                "sex": "female",
                "birth_precision": "exact",
                "birth_date": date(2019, 5, 2),
                "clothing": "red coat",
            },
            {
                "given_names": "Tom",
                "family_name": "Peeters",
                "sex": "male",
                "birth_precision": "year",
                "birth_year": 2021,
                "other_names": ["Tommy"],
            },
        ],
        section={"suspected_destination": "FR", "mediation_considered": True},
    )
    year = case.reported_at.year
    assert case.reference == f"BE-{year}-000001"
    assert [cc.child.given_names for cc in case.case_children.all()] == ["Sara", "Tom"]
    assert case.parental_abduction.suspected_destination == "FR"
    contact.refresh_from_db()
    assert contact.case == case
    assert NameKey.objects.filter(child__given_names="Tom", key="tommy").exists()
    kinds = list(case.timeline.values_list("kind", flat=True))
    assert kinds.count("child") == 2 and "contact" in kinds and "status" in kinds
    assert AuditEvent.objects.filter(action="cases.case.create", object_id=str(case.pk)).exists()
    second = make_case(cast)
    assert second.reference == f"BE-{year}-000002"


def test_references_are_per_organisation(cast: Cast) -> None:
    be, fr = make_case(cast, cast.be), make_case(cast, cast.fr)
    assert be.reference.startswith("BE-") and fr.reference.startswith("FR-")
    assert be.reference.split("-")[2] == fr.reference.split("-")[2] == "000001"


def test_bad_case_input_names_the_field_and_writes_nothing(cast: Cast) -> None:
    with pytest.raises(ValidationError) as raised:
        actions.open_case(
            **_op(cast),
            category="runaway",
            subcategory="international",
            children=[{"given_names": "A"}],
        )
    assert "subcategory" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        actions.open_case(**_op(cast), category="runaway", children=[])
    assert "children" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        actions.open_case(
            **_op(cast),
            category="runaway",
            children=[{"given_names": "A", "birth_precision": "estimated", "estimated_age": 12}],
        )
    assert "age_estimated_on" in raised.value.message_dict
    assert not Case.objects.exists() and not Child.objects.exists()


def test_a_repeat_episode_links_the_same_child(cast: Cast) -> None:
    first = make_case(cast)
    child = first.case_children.get().child
    second = actions.open_case(
        **_op(cast), category="runaway", children=[{"existing_child": child}]
    )
    assert set(child.episodes.values_list("case_id", flat=True)) == {first.pk, second.pk}
    with pytest.raises(ValidationError):
        actions.open_case(
            membership=cast.member("fr_operator"),
            category="runaway",
            children=[{"existing_child": child}],
        )


def test_risk_is_assessed_with_sourced_factors_and_reassessed(cast: Cast) -> None:
    case = make_case(cast)
    with pytest.raises(ValidationError) as raised:
        actions.assess_risk(**_op(cast), case=case, grade="high")
    assert "factors" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        actions.assess_risk(
            **_op(cast), case=case, grade="high", factors=[{"kind": "self_harm", "source": ""}]
        )
    assert "factors.0.source" in raised.value.message_dict
    actions.assess_risk(
        **_op(cast),
        case=case,
        grade="high",
        factors=[
            {"kind": "self_harm", "source": "mother, by phone", "detail": "messages last night"},
            {
                "kind": "weather_place",
                "source": "operator",
                "observed_at": timezone.now() - timedelta(hours=1),
            },
        ],
    )
    case.refresh_from_db()
    assert case.is_high_risk
    actions.assess_risk(**_op(cast), case=case, grade="medium", rationale="found her phone")
    case.refresh_from_db()
    assert case.risk_grade == "medium"
    assert [a.grade for a in case.risk_assessments.all()] == ["medium", "high"]
    latest = case.timeline.filter(kind="risk").last()
    assert latest is not None and latest.shown_text == "Risk: High → Medium"


def test_workflow_and_supervisor_approved_closure(cast: Cast) -> None:
    case = make_case(cast, disappeared_on=timezone.localdate() - timedelta(days=3))
    actions.change_status(**_op(cast), case=case, status="active_search")
    with pytest.raises(ValidationError) as raised:
        actions.change_status(**_op(cast), case=case, status="closed")
    assert "status" in raised.value.message_dict
    actions.record_timeline(
        **_op(cast), case=case, kind="police", text="Reported to local police, ref 123"
    )
    actions.assign_case(
        **_op(cast),
        case=case,
        assignee=cast.member("be_supervisor"),
        handover_note="Mother calls back at 8",
    )
    closure = actions.request_closure(
        **_op(cast),
        case=case,
        outcome="returned",
        found_on=timezone.localdate(),
        support_offered=["return_interview"],
    )
    case.refresh_from_db()
    assert case.status == "closure_requested"
    with pytest.raises(PermissionDenied):
        actions.decide_closure(**_op(cast), closure=closure, approve=True)
    with pytest.raises(ValidationError):
        actions.decide_closure(**_sup(cast), closure=closure, approve=False)
    actions.decide_closure(**_sup(cast), closure=closure, approve=True, note="ok")
    case.refresh_from_db()
    assert case.status == "closed" and case.closed_at is not None
    assert Closure.objects.get().state == "approved"
    actions.reopen_case(**_op(cast), case=case, reason="ran again the same night")
    case.refresh_from_db()
    assert case.status == "open"
    kinds = list(TimelineEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert {"police", "handover", "closure", "status"} <= set(kinds)


def test_a_closure_sent_back_returns_to_the_search(cast: Cast) -> None:
    case = make_case(cast)
    closure = actions.request_closure(**_op(cast), case=case, outcome="still_missing")
    actions.decide_closure(
        **_sup(cast), closure=closure, approve=False, note="call the school first"
    )
    case.refresh_from_db()
    assert case.status == "active_search"


def test_found_outcomes_need_a_date_not_in_the_future(cast: Cast) -> None:
    case = make_case(cast)
    with pytest.raises(ValidationError) as raised:
        actions.request_closure(**_op(cast), case=case, outcome="found_safe")
    assert "found_on" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        actions.request_closure(
            **_op(cast),
            case=case,
            outcome="found_safe",
            found_on=timezone.localdate() + timedelta(days=2),
        )
    assert "found_on" in raised.value.message_dict


def test_roles_without_case_access_cannot_write(cast: Cast) -> None:
    admin = cast.member("be_admin")
    with pytest.raises(PermissionDenied):
        actions.log_contact(
            membership=admin,
            channel="sms",
            caller="public",
            contact_type="information",
        )
    dpo = cast.member("be_dpo")
    with pytest.raises(PermissionDenied):
        make_case(cast).pk and actions.record_timeline(
            membership=dpo, case=Case.objects.get(), kind="note", text="x"
        )


def test_medical_fields_need_the_medical_permission(cast: Cast) -> None:
    case = make_case(cast)
    child = case.case_children.get().child
    with pytest.raises(PermissionDenied):
        actions.update_child(**_op(cast), child=child, changes={"medical_notes": "insulin"})
    actions.update_child(
        **_sup(cast),
        child=child,
        changes={"medical_notes": "insulin", "vulnerabilities": ["diabetes"]},
    )
    child.refresh_from_db()
    assert child.medical_notes == "insulin"
    event = AuditEvent.objects.filter(action="cases.child.update").get()
    assert event.fields == ["medical_notes", "vulnerabilities"]


def _child(**birth: Any) -> dict[str, Any]:
    return {"given_names": "Mila", "family_name": "Test", "sex": "female", **birth}


@pytest.mark.parametrize(
    ("case_fields", "child", "field"),
    [
        ({"disappeared_on": date(2099, 1, 1)}, _child(), "disappeared_on"),
        (
            {"disappeared_on": date(2020, 5, 1)},
            _child(birth_precision="exact", birth_date=date(2021, 2, 3)),
            "birth_date",
        ),
        ({}, _child(birth_precision="year", birth_year=1980), "birth_year"),
        ({}, _child(birth_precision="exact", birth_date=date(1990, 1, 1)), "birth_date"),
        (  # "year only" with a day and month: the year is all the hotline knows
            {},
            _child(birth_precision="year", birth_year=2015, birth_date=date(2015, 6, 1)),
            "birth_date",
        ),
        ({"police_reported_on": date(2099, 1, 1)}, _child(), "police_reported_on"),
        (
            {"disappeared_on": date(2026, 5, 10), "interpol_notice_requested_on": date(2026, 5, 2)},
            _child(),
            "interpol_notice_requested_on",
        ),
        ({"reported_at": timezone.now() + timedelta(days=2)}, _child(), "reported_at"),
    ],
)
def test_impossible_dates_of_a_case_and_its_child_are_refused_by_field(
    cast: Cast, case_fields: dict[str, Any], child: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        make_case(cast, children=[child], **case_fields)
    assert list(refused.value.message_dict) == [field]
    assert not Case.objects.exists()


def test_a_child_of_seventeen_by_year_an_estimated_adult_or_an_approximate_day_pass(
    cast: Cast,
) -> None:
    year = timezone.localdate().year
    make_case(cast, children=[_child(birth_precision="year", birth_year=year - 18)])
    estimated = _child(
        birth_precision="estimated", estimated_age=19, age_estimated_on=timezone.localdate()
    )
    make_case(cast, children=[estimated])  # an age assessment is exactly what is in doubt
    make_case(  # an approximate disappearance may be later than the day the police were told
        cast,
        disappeared_on=date(2026, 5, 10),
        disappeared_approximate=True,
        police_reported_on=date(2026, 5, 8),
    )
    assert Case.objects.count() == 3


def test_a_contact_in_the_future_or_about_no_case_is_refused_by_field(cast: Cast) -> None:
    call: dict[str, Any] = {"channel": "sms", "caller": "child", "contact_type": "information"}
    with pytest.raises(ValidationError) as future:
        actions.log_contact(**_op(cast), **call, started_at=timezone.now() + timedelta(days=365))
    assert list(future.value.message_dict) == ["started_at"]
    with pytest.raises(ValidationError) as no_case:
        actions.log_contact(**_op(cast), **{**call, "contact_type": "existing_case"})
    assert list(no_case.value.message_dict) == ["contact_type"]
    assert not Contact.objects.exists()
