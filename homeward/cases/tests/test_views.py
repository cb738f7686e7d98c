"""The hotline pages: logging a contact, opening a case, working it, closing it."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from homeward.audit.models import AuditEvent
from homeward.cases import actions
from homeward.cases.models import Case, Contact
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def _photo_with_gps() -> SimpleUploadedFile:
    image = Image.new("RGB", (40, 30), "orange")
    exif = Image.Exif()
    exif[0x010F] = "Synthetic camera"
    exif.get_ifd(0x8825)[2] = (50.0, 51.0, 0.0)  # GPS latitude
    data = io.BytesIO()
    image.save(data, format="JPEG", exif=exif)
    return SimpleUploadedFile("photo.jpg", data.getvalue(), content_type="image/jpeg")


def test_a_contact_that_is_not_a_case_saves_and_clears(cast: Cast) -> None:
    client = cast.client("be_operator")
    page = client.get("/contacts/new/")
    assert page.status_code == 200 and page.context["form"].initial["language"] == "nl"
    response = client.post(
        "/contacts/new/",
        {
            "channel": "chat",
            "caller": "child",
            "contact_type": "support",
            "notes": "Worried about a friend",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/contacts/new/"
    assert Contact.objects.get().contact_type == "support"


def test_a_new_case_contact_continues_to_the_case_form(cast: Cast) -> None:
    client = cast.client("be_operator")
    response = client.post(
        "/contacts/new/",
        {"channel": "phone_116000", "caller": "parent", "contact_type": "new_case"},
    )
    contact = Contact.objects.get()
    assert response["Location"] == f"/cases/new/?contact={contact.pk}"
    response = client.post(
        f"/cases/new/?contact={contact.pk}",
        {
            "contact": contact.pk,
            "category": "runaway",
            "subcategory": "from_care",
            "last_seen_country": "BE",
            "last_seen_locality": "Antwerpen",
            "child0-given_names": "Noor",
            "child0-family_name": "Jacobs",
            "child0-sex": "female",
            "child0-birth_precision": "year",
            "child0-birth_year": "2011",
            "child1-given_names": "Milan",
            "child1-family_name": "Jacobs",
            "child1-sex": "male",
            "child1-birth_precision": "exact",
            "child1-birth_date": "2013-02-01",
            "child2-birth_precision": "exact",
            "child2-sex": "unknown",
        },
    )
    case = Case.objects.get()
    assert response["Location"] == f"/cases/{case.pk}/"
    assert [link.child.given_names for link in case.case_children.all()] == ["Noor", "Milan"]
    contact.refresh_from_db()
    assert contact.case == case


def test_the_search_before_create_panel_links_the_childs_earlier_cases(cast: Cast) -> None:
    case = make_case(cast)
    child = case.case_children.get().child
    panel = cast.client("be_operator").get(
        "/cases/new/likely/",
        {"child0-given_names": "Lena", "child0-family_name": "Test", "child0-birth_year": "2011"},
    )
    assert panel.status_code == 200
    html = panel.content.decode()
    assert f'name="existing_child" value="{child.pk}"' in html
    assert f'<a href="/cases/{case.pk}/"' in html and case.reference in html
    assert f"— {case.get_status_display()}, " in html


def test_an_invalid_case_form_names_the_field(cast: Cast) -> None:
    response = cast.client("be_operator").post(
        "/cases/new/",
        {
            "category": "runaway",
            "subcategory": "international",
            "child0-given_names": "Noor",
            "child0-birth_precision": "exact",
            "child0-sex": "female",
            "child1-birth_precision": "exact",
            "child1-sex": "unknown",
            "child2-birth_precision": "exact",
            "child2-sex": "unknown",
        },
    )
    assert response.status_code == 200
    assert "subcategory" in response.context["form"].errors
    assert not Case.objects.exists()


def test_the_case_page_logs_each_childs_read_and_stands_out_at_high_risk(cast: Cast) -> None:
    case = make_case(cast)
    actions.assess_risk(
        membership=cast.member("be_operator"),
        case=case,
        grade="high",
        factors=[{"kind": "self_harm", "source": "mother"}],
    )
    page = cast.client("be_supervisor").get(f"/cases/{case.pk}/")
    assert page.status_code == 200
    content = page.content.decode()
    assert "case-header high-risk" in content and "Risk: High" in content
    french = cast.client("be_supervisor").get(f"/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="fr")
    assert "Risque\u00a0: Élevé" in french.content.decode()  # French puts a space before ":"
    child = case.case_children.get().child
    event = AuditEvent.objects.filter(action="cases.child.read").latest("seq")
    assert event.object_id == str(child.pk) and event.actor_id == cast.user("be_supervisor").pk


def test_another_hotline_gets_404_on_every_case_url(cast: Cast) -> None:
    case = make_case(cast)
    child = case.case_children.get().child
    closure = actions.request_closure(
        membership=cast.member("be_operator"),
        case=case,
        outcome="still_missing",
    )
    client = cast.client("fr_operator")
    for url in (
        f"/cases/{case.pk}/",
        f"/cases/{case.pk}/edit/",
        f"/cases/{case.pk}/risk/",
        f"/cases/{case.pk}/assign/",
        f"/cases/{case.pk}/close/",
        f"/cases/{case.pk}/children/add/",
        f"/children/{child.pk}/",
        f"/children/{child.pk}/photo/",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        f"/cases/{case.pk}/timeline/",
        f"/cases/{case.pk}/status/",
        f"/cases/{case.pk}/reopen/",
        f"/children/{child.pk}/names/",
        f"/children/{child.pk}/photo/upload/",
    ):
        assert (
            client.post(
                url, {"text": "x", "kind": "note", "status": "found", "reason": "x", "value": "x"}
            ).status_code
            == 404
        ), url
    assert (
        cast.client("fr_supervisor")
        .post(f"/closures/{closure.pk}/decide/", {"approve": "on"})
        .status_code
        == 404
    )


def test_photo_is_stripped_of_metadata_and_shown_only_with_the_permission(
    cast: Cast, settings, tmp_path
) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    case = make_case(cast)
    child = case.case_children.get().child
    operator = cast.client("be_operator")
    upload = _photo_with_gps()
    with Image.open(io.BytesIO(upload.read())) as original:
        assert original.getexif().get_ifd(0x8825)  # the test photo really carries GPS data
    upload.seek(0)
    response = operator.post(f"/children/{child.pk}/photo/upload/", {"photo": upload})
    assert response.status_code == 302
    served = operator.get(f"/children/{child.pk}/photo/")
    assert served.status_code == 200 and "no-store" in served["Cache-Control"]
    with Image.open(io.BytesIO(served.getvalue())) as stored:
        assert not stored.getexif() and "exif" not in stored.info
    assert not list(tmp_path.glob("*.jpg"))  # never under a public folder name; in children/
    assert list((tmp_path / "children").glob("*.jpg"))
    assert AuditEvent.objects.filter(action="cases.child.photo_read").exists()
    dpo = cast.client("be_dpo")
    assert dpo.get(f"/children/{child.pk}/photo/").status_code == 403
    assert b"/photo/" not in dpo.get(f"/cases/{case.pk}/").content


def test_medical_details_show_only_to_supervisors(cast: Cast) -> None:
    case = make_case(cast)
    child = case.case_children.get().child
    actions.update_child(
        membership=cast.member("be_supervisor"),
        child=child,
        changes={"medical_notes": "needs insulin daily"},
    )
    assert (
        b"needs insulin daily" in cast.client("be_supervisor").get(f"/children/{child.pk}/").content
    )
    assert (
        b"needs insulin daily"
        not in cast.client("be_operator").get(f"/children/{child.pk}/").content
    )
    assert (
        b"needs insulin daily" not in cast.client("be_operator").get(f"/cases/{case.pk}/").content
    )


def test_timeline_handover_and_supervisor_closure_through_the_pages(cast: Cast) -> None:
    case = make_case(cast, disappeared_on=timezone.localdate() - timedelta(days=2))
    operator = cast.client("be_operator")
    operator.post(
        f"/cases/{case.pk}/timeline/", {"kind": "police", "text": "Police informed, ref 77"}
    )
    operator.post(f"/cases/{case.pk}/status/", {"status": "active_search"})
    response = operator.post(
        f"/cases/{case.pk}/assign/",
        {
            "assignee": cast.member("be_supervisor").pk,
            "handover_note": "Call the school at 8",
        },
    )
    assert response.status_code == 302
    operator.post(
        f"/cases/{case.pk}/close/",
        {
            "outcome": "returned",
            "found_on": timezone.localdate().isoformat(),
            "support_offered": ["return_interview"],
        },
    )
    case.refresh_from_db()
    assert case.status == "closure_requested" and case.assigned_to == cast.user("be_supervisor")
    closure = case.closures.get()
    assert operator.post(f"/closures/{closure.pk}/decide/", {"approve": "on"}).status_code == 403
    page = cast.client("be_supervisor").get("/dashboard/")
    assert case in page.context["closures"]
    cast.client("be_supervisor").post(f"/closures/{closure.pk}/decide/", {"approve": "on"})
    case.refresh_from_db()
    assert case.status == "closed"
    texts = " ".join(case.timeline.values_list("text", flat=True))
    assert "Police informed, ref 77" in texts and "Call the school at 8" in texts


def test_the_case_list_shows_open_cases_unless_asked_for_all(cast: Cast) -> None:
    child = [{"given_names": "Omar", "family_name": "Ali"}]
    open_case = make_case(cast, children=child)
    closed_case = make_case(cast, children=child)
    Case.objects.filter(pk=closed_case.pk).update(status="closed")
    operator = cast.client("be_operator")

    def listed(query: str) -> set[int]:
        page = operator.get(f"/cases/?{query}")
        assert page.status_code == 200
        return {match.case.pk for match in page.context["matches"]}

    assert listed("q=Umar+Aly") == listed("") & {open_case.pk, closed_case.pk} == {open_case.pk}
    assert listed("q=Umar+Aly&status=all") == {open_case.pk, closed_case.pk}
    assert listed("status=all") >= {open_case.pk, closed_case.pk}
    assert listed("q=Umar+Aly&status=closed") == {closed_case.pk}


def test_a_search_finding_only_closed_cases_offers_to_show_them(cast: Cast) -> None:
    closed_case = make_case(cast, children=[{"given_names": "Omar", "family_name": "Ali"}])
    Case.objects.filter(pk=closed_case.pk).update(status="closed")
    operator = cast.client("be_operator")
    page = operator.get("/cases/?q=Umar+Aly")
    assert list(page.context["page"]) == []
    text = page.content.decode()
    assert "No open case matches, but closed cases do." in text
    assert 'href="?q=Umar+Aly&amp;status=all"' in text
    shown = operator.get("/cases/?q=Umar+Aly&status=all")
    assert [match.case.pk for match in shown.context["page"]] == [closed_case.pk]
    nothing = operator.get("/cases/?q=Zebulon")
    assert "No case matches." in nothing.content.decode()
    assert "closed cases do" not in nothing.content.decode()


def test_the_handover_summary_lists_my_cases_first(cast: Cast) -> None:
    mine = make_case(cast)
    page = cast.client("be_operator").get("/cases/handover/")
    assert page.status_code == 200
    assert mine in page.context["mine"]
    assert mine.reference in page.content.decode()


def test_the_dashboard_shows_my_cases_and_what_needs_attention(cast: Cast) -> None:
    case = make_case(cast)
    actions.assess_risk(
        membership=cast.member("be_operator"),
        case=case,
        grade="high",
        factors=[{"kind": "age", "source": "father"}],
    )
    page = cast.client("be_operator").get("/dashboard/")
    assert case in page.context["my_cases"] and case in page.context["attention"]
    assert "closures" not in page.context
    admin_page = cast.client("be_admin").get("/dashboard/")
    assert "my_cases" not in admin_page.context


def test_a_medical_risk_factor_is_a_medical_detail(cast: Cast) -> None:
    case = make_case(cast)
    actions.assess_risk(
        membership=cast.member("be_supervisor"),
        case=case,
        grade="high",
        factors=[{"kind": "medical", "source": "mother", "detail": "epilepsy, no medication"}],
    )
    assert b"epilepsy" in cast.client("be_supervisor").get(f"/cases/{case.pk}/").content
    assert b"epilepsy" not in cast.client("be_operator").get(f"/cases/{case.pk}/").content
    api = cast.client("be_operator").get(f"/api/v1/cases/{case.pk}/risk").json()
    assert api["items"][0]["factors"][0]["detail"] is None
    api = cast.client("be_supervisor").get(f"/api/v1/cases/{case.pk}/risk").json()
    assert api["items"][0]["factors"][0]["detail"] == "epilepsy, no medication"


def test_the_case_shows_its_current_risk_factors_details_by_permission(cast: Cast) -> None:
    case = make_case(cast)
    actions.assess_risk(
        membership=cast.member("be_supervisor"),
        case=case,
        grade="high",
        factors=[
            {"kind": "medical", "source": "mother", "detail": "epilepsy, no medication"},
            {"kind": "age", "source": "mother", "detail": "aged 9"},
        ],
    )

    def details(name: str) -> list[str | None]:
        case_out = cast.client(name).get(f"/api/v1/cases/{case.pk}").json()
        return [factor["detail"] for factor in case_out["risk"]["factors"]]

    assert details("be_operator") == [None, "aged 9"]
    assert details("be_supervisor") == ["epilepsy, no medication", "aged 9"]


def test_a_childs_record_is_edited_with_medical_fields_only_for_supervisors(cast: Cast) -> None:
    child = make_case(cast).case_children.get().child
    operator_page = cast.client("be_operator").get(f"/children/{child.pk}/edit/")
    assert (
        operator_page.status_code == 200
        and "medical_notes" not in operator_page.context["form"].fields
    )
    response = cast.client("be_operator").post(
        f"/children/{child.pk}/edit/",
        {
            "given_names": "Lena",
            "family_name": "Test",
            "sex": "female",
            "birth_precision": "exact",
            "birth_date": "2011-03-14",
            "nationalities": ["BE", "UA"],
            "languages": "nl, uk",
            "living_situation": "Lives with her mother",
        },
    )
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.nationalities == ["BE", "UA"] and child.languages == ["nl", "uk"]
    cast.client("be_supervisor").post(
        f"/children/{child.pk}/edit/",
        {
            "given_names": "Lena",
            "family_name": "Test",
            "sex": "female",
            "birth_precision": "exact",
            "birth_date": "2011-03-14",
            "vulnerabilities": "asthma; anxiety",
            "medical_notes": "inhaler",
        },
    )
    child.refresh_from_db()
    assert child.vulnerabilities == ["asthma", "anxiety"] and child.medical_notes == "inhaler"
    assert cast.client("fr_operator").get(f"/children/{child.pk}/edit/").status_code == 404


def test_a_parental_abduction_section_is_filled_in_on_its_page(cast: Cast) -> None:
    case = make_case(cast, category="parental_abduction", subcategory="international")
    client = cast.client("be_operator")
    assert b"Not filled in yet." in client.get(f"/cases/{case.pk}/").content
    response = client.post(
        f"/cases/{case.pk}/section/",
        {
            "taking_parent_relationship": "mother",
            "taking_parent_nationality": "FR",
            "suspected_destination": "FR",
            "mediation_considered": "on",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.parental_abduction.suspected_destination == "FR"
    assert case.parental_abduction.mediation_considered is True
    assert AuditEvent.objects.filter(action="cases.parentalabductiondetails.update").exists()
    assert cast.client("fr_operator").get(f"/cases/{case.pk}/section/").status_code == 404
    lost = make_case(cast, category="lost_injured", subcategory="lost")
    assert client.get(f"/cases/{lost.pk}/section/").status_code == 404


@pytest.mark.parametrize(
    ("path", "page"), [("/dashboard/", "dashboard"), ("/cases/handover/", "handover")]
)
def test_pages_that_list_childrens_names_record_their_read(
    cast: Cast, path: str, page: str
) -> None:
    client = cast.client("be_operator")
    client.get(path)
    assert not AuditEvent.objects.filter(action="cases.list.read").exists()  # nobody shown

    case = make_case(cast)
    child = case.case_children.get().child
    shown = client.get(path)
    assert child.family_name in shown.content.decode()
    event = AuditEvent.objects.get(action="cases.list.read")
    assert (event.actor_id, event.organisation_id) == (
        cast.user("be_operator").pk,
        cast.member("be_operator").organisation_id,
    )
    assert (event.object_type, event.object_id, event.fields) == ("list", page, ["children"])


def test_a_timeline_note_refused_for_its_time_keeps_what_was_typed(cast: Cast) -> None:
    case = make_case(cast)
    typed = "Police confirmed a sighting at the station"
    future = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    page = cast.client("be_operator").post(
        f"/cases/{case.pk}/timeline/", {"kind": "note", "text": typed, "occurred_at": future}
    )
    assert page.status_code == 200
    content = page.content.decode()
    assert typed in content  # still in the form, to correct the time and send again
    assert "This time is in the future." in content
    assert not case.timeline.filter(text=typed).exists()


def test_a_contact_about_an_existing_case_without_one_is_refused_and_keeps_its_notes(
    cast: Cast,
) -> None:
    typed = "Mother calls back about her son"
    page = cast.client("be_operator").post(
        "/contacts/new/",
        {
            "channel": "phone_116000",
            "caller": "parent",
            "contact_type": "existing_case",
            "notes": typed,
        },
    )
    assert page.status_code == 200
    content = page.content.decode()
    assert "Say which case this contact is about" in content and typed in content
    assert not Contact.objects.exists()
