"""A contact logged as a new case whose case is never opened is not lost: it has its own page,
needs attention until it is linked to a case or given another kind."""

from __future__ import annotations

import pytest

from homeward.audit.models import AuditEvent
from homeward.cases import actions
from homeward.cases.models import Contact
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def _new_case_contact(cast: Cast, notes: str = "") -> Contact:
    operator = cast.member("be_operator")
    return actions.log_contact(
        membership=operator,
        channel="phone_116000",
        caller="parent",
        contact_type="new_case",
        notes=notes,
    )


def test_a_contact_without_its_case_needs_attention_until_linked(cast: Cast) -> None:
    contact = _new_case_contact(cast, notes="Mother called about Noor, line dropped")
    client = cast.client("be_operator")
    dashboard = client.get("/dashboard/")
    assert dashboard.context["contacts_without_case"] == [contact]
    assert f'href="/contacts/{contact.pk}/"' in dashboard.content.decode()

    page = client.get(f"/contacts/{contact.pk}/")
    assert page.status_code == 200
    assert "Mother called about Noor" in page.content.decode()
    assert AuditEvent.objects.filter(
        action="cases.contact.read", object_id=str(contact.pk)
    ).exists()

    case = make_case(cast)
    response = client.post(f"/contacts/{contact.pk}/link/", {"reference": case.reference.lower()})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.case == case
    assert case.timeline.filter(contact=contact).exists()
    assert "contacts_without_case" in client.get("/dashboard/").context
    assert client.get("/dashboard/").context["contacts_without_case"] == []


def test_a_contact_without_its_case_can_be_given_another_kind(cast: Cast) -> None:
    contact = _new_case_contact(cast)
    client = cast.client("be_operator")
    response = client.post(f"/contacts/{contact.pk}/type/", {"contact_type": "information"})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.contact_type == "information"
    assert client.get("/dashboard/").context["contacts_without_case"] == []
    assert AuditEvent.objects.filter(
        action="cases.contact.update", fields=["contact_type"]
    ).exists()


def test_linking_to_an_unknown_reference_names_the_field(cast: Cast) -> None:
    contact = _new_case_contact(cast)
    page = cast.client("be_operator").post(
        f"/contacts/{contact.pk}/link/", {"reference": "BE-2026-999999"}
    )
    assert page.status_code == 200
    assert page.context["link_form"].errors["reference"] == [
        "Your hotline has no case with this reference."
    ]
    contact.refresh_from_db()
    assert contact.case is None


def test_the_contact_list_links_each_contact_and_flags_the_missing_case(cast: Cast) -> None:
    contact = _new_case_contact(cast)
    html = cast.client("be_operator").get("/contacts/").content.decode()
    assert f'href="/contacts/{contact.pk}/"' in html
    assert "No case opened" in html


def test_another_hotlines_contact_is_not_found(cast: Cast) -> None:
    contact = _new_case_contact(cast)
    assert cast.client("fr_operator").get(f"/contacts/{contact.pk}/").status_code == 404
