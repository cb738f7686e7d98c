"""Another hotline's records do not exist for an action, however the caller came by them: the
same 404 the access layer gives a read, from the action itself, the pages and the API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import Client

from homeward.audit.models import AuditEvent
from homeward.cases import actions
from homeward.cases.models import Case, Child, ChildName, Contact, ImportJob
from homeward.cases.transfer import importing
from homeward.organisations.actions import create_api_token
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def _belgian(cast: Cast) -> dict[str, Any]:
    """A Belgian case with its child, a contact without a case, a requested closure and a
    checked import, each made by the Belgian hotline."""
    be = cast.member("be_operator")
    case = make_case(cast)
    closed = make_case(cast)
    closure = actions.request_closure(membership=be, case=closed, outcome="still_missing")
    contact = actions.log_contact(
        membership=be, channel="sms", caller="parent", contact_type="new_case"
    )
    job = ImportJob.objects.create(
        organisation=cast.be, created_by=be.user, kind="cases", file_name="a.csv"
    )
    return {
        "case": case,
        "child": case.case_children.get().child,
        "contact": contact,
        "closure": closure,
        "job": job,
    }


ACTIONS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "update_case": lambda a: actions.update_case(
        case=a["case"], changes={"summary": "x"}, **a["by"]
    ),
    "update_section": lambda a: actions.update_section(case=a["case"], changes={}, **a["by"]),
    "change_status": lambda a: actions.change_status(
        case=a["case"], status="active_search", **a["by"]
    ),
    "assign_case": lambda a: actions.assign_case(case=a["case"], assignee=a["me"], **a["by"]),
    "record_timeline": lambda a: actions.record_timeline(
        case=a["case"], kind="note", text="seen", **a["by"]
    ),
    "assess_risk": lambda a: actions.assess_risk(case=a["case"], grade="low", **a["by"]),
    "request_closure": lambda a: actions.request_closure(
        case=a["case"], outcome="still_missing", **a["by"]
    ),
    "reopen_case": lambda a: actions.reopen_case(case=a["case"], reason="new sighting", **a["by"]),
    "add_child_to_case": lambda a: actions.add_child_to_case(
        case=a["case"], data={"given_names": "Tom"}, **a["by"]
    ),
    "update_child": lambda a: actions.update_child(
        child=a["child"], changes={"given_names": "Lea"}, **a["by"]
    ),
    "add_child_name": lambda a: actions.add_child_name(child=a["child"], value="Lenna", **a["by"]),
    "set_child_photo": lambda a: actions.set_child_photo(
        child=a["child"], upload=SimpleUploadedFile("p.jpg", b"not read"), **a["by"]
    ),
    "log_contact": lambda a: actions.log_contact(
        case=a["case"], channel="sms", caller="parent", **a["by"]
    ),
    "link_contact": lambda a: actions.link_contact(contact=a["contact"], case=a["mine"], **a["by"]),
    "retype_contact": lambda a: actions.retype_contact(
        contact=a["contact"], contact_type="information", **a["by"]
    ),
    "open_case from their contact": lambda a: make_case(
        a["cast"], a["cast"].fr, contact=a["contact"]
    ),
    "decide_closure": lambda a: actions.decide_closure(
        closure=a["closure"], approve=True, membership=a["cast"].member("fr_supervisor")
    ),
    "start_import": lambda a: importing.start_import(job=a["job"], **a["by"]),
}


def test_every_case_action_is_tried_here() -> None:
    tried = {name.split()[0] for name in ACTIONS}
    # add_timeline writes inside another app's action, which checked its own membership first
    assert set(actions.__all__) - {"EditConflict", "add_timeline"} == tried - {"start_import"}


@pytest.mark.parametrize("name", ACTIONS)
def test_every_action_answers_another_hotlines_record_with_the_access_layers_404(
    cast: Cast, name: str
) -> None:
    belgian = _belgian(cast)
    fr = cast.member("fr_operator")
    mine = make_case(cast, cast.fr)
    written = AuditEvent.objects.count()
    with pytest.raises(Http404):
        ACTIONS[name]({**belgian, "cast": cast, "me": fr, "mine": mine, "by": {"membership": fr}})
    assert AuditEvent.objects.count() == written


def test_a_name_is_never_added_to_another_hotlines_child(cast: Cast) -> None:
    child = make_case(cast).case_children.get().child
    with pytest.raises(Http404):
        actions.add_child_name(membership=cast.member("fr_operator"), child=child, value="Lenna")
    assert not ChildName.objects.filter(child=child).exists()


def test_changing_a_child_that_is_gone_is_a_404_not_a_server_error(cast: Cast) -> None:
    gone = Child(pk=Child.objects.order_by("-pk").values_list("pk", flat=True).first() or 1)
    gone.pk += 1000
    gone.organisation = cast.be
    with pytest.raises(Http404):
        actions.update_child(
            membership=cast.member("be_operator"), child=gone, changes={"given_names": "Lea"}
        )


def _api(cast: Cast, name: str) -> Client:
    secret = create_api_token(membership=cast.member(name), name="tenancy", days=1).secret
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_through_the_api_writing_another_hotlines_case_is_the_404_of_reading_it(
    cast: Cast,
) -> None:
    case = make_case(cast)
    child = case.case_children.get().child
    api = _api(cast, "fr_operator")
    read = api.get(f"/api/v1/cases/{case.pk}")
    writes = [
        api.patch(f"/api/v1/cases/{case.pk}", {"summary": "x"}, content_type="application/json"),
        api.post(
            f"/api/v1/cases/{case.pk}/status",
            {"status": "active_search"},
            content_type="application/json",
        ),
        api.patch(
            f"/api/v1/children/{child.pk}", {"given_names": "Lea"}, content_type="application/json"
        ),
        api.post(
            f"/api/v1/children/{child.pk}/names",
            {"value": "Lenna"},
            content_type="application/json",
        ),
    ]
    assert read.status_code == 404
    for answer in writes:
        assert (answer.status_code, answer.json()["code"]) == (404, read.json()["code"])
    assert Case.objects.get(pk=case.pk).summary == case.summary
    assert not ChildName.objects.filter(child=child).exists()


def test_through_the_pages_writing_another_hotlines_case_is_the_404_of_reading_it(
    cast: Cast,
) -> None:
    case = make_case(cast)
    contact = actions.log_contact(
        membership=cast.member("be_operator"),
        channel="sms",
        caller="parent",
        contact_type="new_case",
    )
    page = cast.client("fr_operator")
    assert page.get(f"/cases/{case.pk}/").status_code == 404
    assert page.post(f"/cases/{case.pk}/status/", {"status": "active_search"}).status_code == 404
    assert (
        page.post(f"/contacts/{contact.pk}/type/", {"contact_type": "information"}).status_code
        == 404
    )
    assert Contact.objects.get(pk=contact.pk).contact_type == contact.contact_type
