"""The one-statement load of a case's detail (detail.py) gives the instances the ORM gives, on
both databases, and reads nothing more afterwards."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db.models import Model
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from homeward.cases import actions
from homeward.cases.detail import LoadedCase, load_case_detail
from homeward.cases.models import CHILD_SUMMARY_FIELDS, Case, Child, ParentalAbductionDetails
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast


def columns(instance: Model | None, names: tuple[str, ...] | None = None) -> dict[str, Any]:
    if instance is None:
        return {}
    fields = [instance._meta.get_field(n) for n in names] if names else instance._meta.fields
    return {f.attname: getattr(instance, f.attname) for f in fields}  # type: ignore[union-attr]


def person(user: Model | None) -> dict[str, Any]:
    return columns(user, ("id", "full_name", "email"))


@pytest.fixture
def rich_case(cast: Cast) -> Case:
    """Everything a detail shows: a section, siblings with other names in several scripts, an
    assignee, two risk assessments (the newer with a medical factor), a returned closure and a
    pending one, coordinates, reasons."""
    operator, supervisor = cast.member("be_operator"), cast.member("be_supervisor")
    case = make_case(
        cast,
        category="parental_abduction",
        subcategory="",
        reasons=["conflict_at_home"],
        summary='Quotes " and \\ backslashes, new\nlines.',
        last_seen_latitude=Decimal("50.850346"),
        last_seen_longitude=Decimal("-4.351721"),
        section={"taking_parent_relationship": "father", "mediation_considered": True},
        children=[
            {
                "given_names": "Олександр",
                "family_name": "Коваленко",
                "sex": "male",
                "birth_precision": "year",
                "birth_year": 2016,
                "other_names": ["Oleksandr", "Sasha"],
                "clothing": "blue coat",
            },
            {
                "given_names": "Mia",
                "family_name": "Müller",
                "sex": "female",
                "birth_precision": "exact",
                "birth_date": date(2019, 2, 28),
            },
        ],
    )
    actions.assign_case(
        acting_user=operator.user, membership=operator, case=case, assignee=supervisor
    )
    earlier = timezone.now() - timedelta(hours=3)
    actions.assess_risk(
        acting_user=operator.user,
        membership=operator,
        case=case,
        grade="low",
        factors=[{"kind": "first_episode", "source": "mother", "observed_at": earlier}],
    )
    actions.assess_risk(
        acting_user=operator.user,
        membership=operator,
        case=case,
        grade="high",
        rationale="Needs insulin.",
        factors=[
            {"kind": "medical", "detail": "diabetic", "source": "mother"},
            {"kind": "age", "source": "file"},
        ],
    )
    returned = actions.request_closure(
        acting_user=operator.user,
        membership=operator,
        case=case,
        outcome="found_safe",
        found_on=timezone.localdate(),
        support_offered=["return_interview"],
    )
    actions.decide_closure(
        acting_user=supervisor.user,
        membership=supervisor,
        closure=returned,
        approve=False,
        note="Not yet.",
    )
    actions.request_closure(
        acting_user=operator.user,
        membership=operator,
        case=case,
        outcome="returned",
        found_on=timezone.localdate(),
    )
    return case


@pytest.mark.django_db
def test_the_statement_loads_what_the_orm_loads(
    rich_case: Case, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_num_queries(1):
        loaded = load_case_detail(rich_case.pk, rich_case.organisation_id)
    assert loaded is not None
    case = Case.objects.select_related("assigned_to", "parental_abduction").get(pk=rich_case.pk)

    with django_assert_num_queries(0):  # every relation the detail reads is in the load
        assert columns(loaded.case) == columns(case)
        assert person(loaded.case.assigned_to) == person(case.assigned_to)
        assert columns(loaded.case.parental_abduction) == columns(case.parental_abduction)
        assert isinstance(loaded.case.parental_abduction, ParentalAbductionDetails)
        with pytest.raises(Case.runaway.RelatedObjectDoesNotExist):
            loaded.case.runaway  # noqa: B018
        factors = [columns(f) for f in loaded.risk.factors.all()] if loaded.risk else []
        risk_by = person(loaded.risk.assessed_by) if loaded.risk else {}
        closures = [
            (columns(c), person(c.requested_by), person(c.decided_by), c.case.disappeared_on)
            for c in loaded.closures
        ]
        children = [
            (columns(c.link), columns(c.child, CHILD_SUMMARY_FIELDS), c.other_names)
            for c in loaded.children
        ]

    risk = case.risk_assessments.select_related("assessed_by").first()
    assert risk is not None and risk.grade == "high"
    assert columns(loaded.risk) == columns(risk)
    assert risk_by == person(risk.assessed_by)
    assert factors == [columns(f) for f in risk.factors.all()]
    assert [f["kind"] for f in factors] == ["medical", "age"]
    assert closures == [
        (columns(c), person(c.requested_by), person(c.decided_by), case.disappeared_on)
        for c in case.closures.select_related("requested_by", "decided_by")
    ]
    assert [c[0]["state"] for c in closures] == ["requested", "returned"]
    links = case.case_children.select_related("child").order_by("added_at", "pk")
    assert children == [
        (
            columns(link),
            columns(link.child, CHILD_SUMMARY_FIELDS),
            list(link.child.other_names.values_list("value", flat=True)),
        )
        for link in links
    ]
    assert [c[1]["given_names"] for c in children] == ["Олександр", "Mia"]
    assert children[0][2] == ["Oleksandr", "Sasha"]


@pytest.mark.django_db
def test_a_bare_case_and_a_case_of_another_hotline(cast: Cast) -> None:
    case = make_case(cast)
    loaded = load_case_detail(case.pk, case.organisation_id)
    assert isinstance(loaded, LoadedCase)
    assert (loaded.risk, loaded.closures) == (None, [])
    assert loaded.case.assigned_to == case.assigned_to  # the operator who opened it
    assert [c.other_names for c in loaded.children] == [[]]
    assert load_case_detail(case.pk, cast.fr.pk) is None
    assert load_case_detail(case.pk + 1000, case.organisation_id) is None


@pytest.mark.django_db
def test_no_restricted_field_of_a_child_is_read(cast: Cast) -> None:
    restricted = {"medical_notes", "vulnerabilities", "photo", "physical_description"}
    assert not restricted & set(CHILD_SUMMARY_FIELDS)
    assert set(CHILD_SUMMARY_FIELDS) <= {f.name for f in Child._meta.concrete_fields}
