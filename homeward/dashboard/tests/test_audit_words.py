"""The DPO's audit page names what each event touched in the reader's language (defect 13 of
the outside tester's report): no field or object code where a name exists."""

from __future__ import annotations

from django.utils import translation

from homeward.audit.actions import record_event
from homeward.dashboard.audit_words import field_label
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast


def test_a_childs_fields_read_as_their_names_in_each_language(cast: Cast) -> None:
    case = make_case(cast)
    child = case.case_children.get().child
    record_event(
        actor=cast.user("be_operator"),
        organisation=cast.be,
        action="cases.child.read",
        target=child,
        fields=["birth_date", "medical_notes"],
    )
    record_event(
        actor=cast.user("be_operator"),
        organisation=cast.be,
        action="crossborder.request.share",
        object_type="crossborder.cooperationrequest",
        object_id="7",
        fields=["case.reference", f"child.{child.pk}.given_names"],
    )
    client = cast.client("be_dpo")
    expected = {
        "en": ["Date of birth, Medical notes", f"Given names (Child {child.pk})"],
        "fr": ["Date de naissance", f"(Enfant {child.pk})"],
        "de": ["Geburtsdatum", f"(Kind {child.pk})"],
    }
    for language, names in expected.items():
        page = client.get("/audit/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        for name in names:
            assert name in page, (language, name)
        for code in ("birth_date", "medical_notes", f"child.{child.pk}.given_names"):
            assert code not in page, (language, code)


def test_the_object_type_filter_offers_named_kinds_and_filters(cast: Cast) -> None:
    case = make_case(cast)
    client = cast.client("be_dpo")
    with translation.override("fr"):
        page = client.get("/audit/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<option value="cases.case">Dossier</option>' in page
    shown = client.get("/audit/", {"object_type": "cases.case"}).context["rows"]
    assert shown and {row[0].object_type for row in shown} == {"cases.case"}
    assert case.reference in client.get("/audit/", {"object_type": "cases.case"}).content.decode()
    refused = client.get("/audit/", {"object_type": "cases.nothing"})
    assert refused.status_code == 200 and refused.context["form"].errors["object_type"]


def test_an_unknown_field_stays_as_recorded() -> None:
    assert field_label("cases.child", "no_such_field") == "no_such_field"
