"""Two people editing one record: each save writes only what its editor changed, and a field
both changed is shown with both values instead of being overwritten (issue 12, item 2)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from homeward.cases.models import Case
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def _opened(client: Client, url: str) -> dict[str, Any]:
    """What a browser sends back for the form as it opened: every field, and beside it the
    hidden value it showed."""
    form = client.get(url).context["form"]
    data: dict[str, Any] = {}
    for field in form:
        value = field.value()
        if field.field.show_hidden_initial:
            data[field.html_initial_name] = "" if value is None else value
        if value not in (None, False):
            data[field.html_name] = value
    for field in form.hidden_fields():
        data[field.html_name] = field.value()
    return data


def test_a_later_save_of_another_field_keeps_a_colleagues_new_summary(cast: Cast) -> None:
    case = make_case(cast, summary="Left home after an argument", last_seen_locality="Gent")
    url = f"/cases/{case.pk}/edit/"
    operator, supervisor = cast.client("be_operator"), cast.client("be_supervisor")
    operators_form, supervisors_form = _opened(operator, url), _opened(supervisor, url)

    operators_form["summary"] = "Police confirmed a sighting at the station"
    assert operator.post(url, operators_form).status_code == 302
    supervisors_form["last_seen_locality"] = "Brugge"
    assert supervisor.post(url, supervisors_form).status_code == 302

    case.refresh_from_db()
    assert case.summary == "Police confirmed a sighting at the station"
    assert case.last_seen_locality == "Brugge"


def test_a_field_both_changed_shows_both_values_and_writes_nothing(cast: Cast) -> None:
    case = make_case(cast, summary="Left home after an argument", last_seen_locality="Gent")
    url = f"/cases/{case.pk}/edit/"
    operator, supervisor = cast.client("be_operator"), cast.client("be_supervisor")
    operators_form, supervisors_form = _opened(operator, url), _opened(supervisor, url)
    operators_form["summary"] = "Police confirmed a sighting at the station"
    operator.post(url, operators_form)

    supervisors_form["summary"] = "Seen at a friend's flat"
    supervisors_form["last_seen_locality"] = "Brugge"
    page = supervisor.post(url, supervisors_form)

    assert page.status_code == 200
    form = page.context["form"]
    assert "Police confirmed a sighting at the station" in form.errors["summary"][0]
    assert form["summary"].value() == "Seen at a friend's flat"
    case.refresh_from_db()
    assert case.summary == "Police confirmed a sighting at the station"
    assert case.last_seen_locality == "Gent"  # nothing half-written

    # saving the page again is a deliberate choice: the supervisor's words replace theirs
    resubmitted = {
        key: [str(v) for v in value] if isinstance(value, list) else value
        for key, value in page.context["form"].data.lists()
    }
    assert supervisor.post(url, resubmitted).status_code == 302
    case.refresh_from_db()
    assert (case.summary, case.last_seen_locality) == ("Seen at a friend's flat", "Brugge")


def test_two_editors_of_a_childs_record(cast: Cast) -> None:
    child = make_case(cast).case_children.get().child
    url = f"/children/{child.pk}/edit/"
    operator, supervisor = cast.client("be_operator"), cast.client("be_supervisor")
    operators_form, supervisors_form = _opened(operator, url), _opened(supervisor, url)
    operators_form["living_situation"] = "Lives with her grandmother since May"
    operators_form["languages"] = "nl, uk"
    assert operator.post(url, operators_form).status_code == 302

    supervisors_form["medical_notes"] = "Inhaler in her school bag"
    assert supervisor.post(url, supervisors_form).status_code == 302
    child.refresh_from_db()
    assert child.living_situation == "Lives with her grandmother since May"
    assert child.languages == ["nl", "uk"] and child.medical_notes == "Inhaler in her school bag"

    supervisors_form = _opened(supervisor, url)
    operators_form = _opened(operator, url)
    supervisors_form["languages"] = "nl, fr"
    supervisor.post(url, supervisors_form)
    operators_form["languages"] = "nl, uk, ru"
    page = operator.post(url, operators_form)
    assert page.status_code == 200 and "nl, fr" in page.context["form"].errors["languages"][0]
    child.refresh_from_db()
    assert child.languages == ["nl", "fr"]


def test_two_editors_of_a_parental_abduction_section(cast: Cast) -> None:
    case = make_case(cast, category="parental_abduction", subcategory="international")
    url = f"/cases/{case.pk}/section/"
    operator, supervisor = cast.client("be_operator"), cast.client("be_supervisor")
    operators_form, supervisors_form = _opened(operator, url), _opened(supervisor, url)
    operators_form["custody_situation"] = "Joint custody; court hearing on 14 January"
    assert operator.post(url, operators_form).status_code == 302
    supervisors_form["suspected_destination"] = "FR"
    assert supervisor.post(url, supervisors_form).status_code == 302
    section = Case.objects.get(pk=case.pk).parental_abduction
    assert section.custody_situation == "Joint custody; court hearing on 14 January"
    assert section.suspected_destination == "FR"

    operators_form, supervisors_form = _opened(operator, url), _opened(supervisor, url)
    operators_form["suspected_destination"] = "DE"
    operator.post(url, operators_form)
    supervisors_form["suspected_destination"] = "ES"
    page = supervisor.post(url, supervisors_form)
    assert (
        page.status_code == 200
        and "Germany" in page.context["form"].errors["suspected_destination"][0]
    )
    assert Case.objects.get(pk=case.pk).parental_abduction.suspected_destination == "DE"
