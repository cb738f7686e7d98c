"""The operator's desk on cross-border work (issue 12): the decision on a located child stops
its clock, a case's closure ends its requests, a supervisor sends sharing back, notices that
asked for an action are done once it is taken, the receiver opens its own case from a request,
and the defaults fit the case and the reader."""

from __future__ import annotations

import html
import importlib
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone, translation

from homeward.audit.models import AuditEvent
from homeward.cases import actions as case_actions
from homeward.crossborder import access, actions
from homeward.crossborder.clocks import row
from homeward.crossborder.forms import NewRequestForm
from homeward.crossborder.models import CooperationRequest, Notification
from homeward.crossborder.notify import notify
from homeward.organisations import actions as org_actions
from homeward.organisations.models import Organisation
from homeward.organisations.roles import OrganisationKind
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def _as(cast: Cast, name: str) -> dict[str, Any]:
    member = cast.member(name)
    return {"membership": member}


def _sent(cast: Cast, *, names: bool = True, **case_fields: Any) -> CooperationRequest:
    case = make_case(
        cast, category="parental_abduction", subcategory="international", **case_fields
    )
    child = case.case_children.get().child
    fields = ["case.reference", "case.last_seen_locality", "case.disappeared_on"]
    if names:
        fields += [f"child.{child.pk}.{f}" for f in ("given_names", "family_name", "birth_date")]
    request = actions.draft_request(
        **_as(cast, "be_supervisor"),
        case=case,
        receiver=cast.fr,
        request_type="locate",
        question="Is the child in Lille?",
        shared_fields=fields,
    )
    return actions.send_request(**_as(cast, "be_supervisor"), request=request)


def _located(cast: Cast) -> CooperationRequest:
    """Sent two hours ago, located now."""
    request = _sent(cast)
    two_hours_ago = timezone.now() - timedelta(hours=2)
    CooperationRequest.objects.filter(pk=request.pk).update(sent_at=two_hours_ago)
    request.refresh_from_db()
    return actions.report_located(**_as(cast, "fr_operator"), request=request, note="Lille")


# --- item 6: the decision on a located child ------------------------------------------------------


def test_recording_the_decision_stops_the_clock_for_both_hotlines(cast: Cast) -> None:
    request = _located(cast)
    assert row(request, cast.member("be_operator")).decision_due is not None
    assert access.waiting_for(cast.member("be_operator")).filter(pk=request.pk).exists()
    decided_at = timezone.now() - timedelta(minutes=20)

    actions.record_decision(
        **_as(cast, "be_operator"),
        request=request,
        decision="Child placed with her grandmother pending the Hague hearing.",
        authority="Public prosecutor of Lille",
        decided_at=decided_at,
    )

    request.refresh_from_db()
    assert (request.decision, request.decision_authority, request.decided_at) == (
        "Child placed with her grandmother pending the Hague hearing.",
        "Public prosecutor of Lille",
        decided_at,
    )
    assert request.decision_organisation == cast.be
    for member in ("be_operator", "fr_operator"):
        assert row(request, cast.member(member)).decision_due is None
    assert not access.waiting_for(cast.member("be_operator")).filter(pk=request.pk).exists()
    assert AuditEvent.objects.filter(action="crossborder.request.decision").count() == 1
    assert Notification.objects.filter(request=request, message="decided").exists()
    # the sender's "CHILD LOCATED: decide within 12 hours" notices are done
    located = Notification.objects.filter(request=request, message="located")
    assert located.exists() and not located.filter(done_at__isnull=True).exists()
    # both hotlines read it on the request's page
    for email in ("be_operator@cast.test", "fr_operator@cast.test"):
        client = Client()
        client.force_login(cast.user(email.split("@")[0]))
        page = client.get(f"/crossborder/{request.pk}/").content.decode()
        assert "Public prosecutor of Lille" in page
        assert "grandmother" in page
        assert "12-hour decision clock" not in page


def test_a_decision_the_sender_recorded_is_withdrawn_with_the_share(cast: Cast) -> None:
    request = _located(cast)
    actions.record_decision(
        **_as(cast, "be_operator"),
        request=request,
        decision="Handed to her grandmother in Ghent.",
        authority="Youth court of Ghent",
        decided_at=timezone.now(),
    )
    actions.revoke_share(**_as(cast, "be_operator"), request=request)
    secret = org_actions.create_api_token(
        membership=cast.member("fr_operator"), name="t",
        days=1,
    ).secret  # fmt: skip
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    seen = api.get(f"/api/v1/crossborder/requests/{request.pk}").json()
    assert (seen["decision"], seen["decision_authority"]) == ("", "")
    assert seen["decided_at"] is not None  # the shell: when, and the clock stays stopped
    page = Client()
    page.force_login(cast.user("fr_operator"))
    text = page.get(f"/crossborder/{request.pk}/").text
    assert "Ghent" not in text and "Withdrawn with the share." in text
    assert "12-hour decision clock" not in text


@pytest.mark.parametrize(
    ("when", "field"),
    [(timedelta(hours=1), "decided_at"), (-timedelta(days=3), "decided_at")],
    ids=["in the future", "before the request"],
)
def test_a_decision_time_in_the_future_or_before_the_request_is_refused(
    cast: Cast, when: timedelta, field: str
) -> None:
    request = _located(cast)
    with pytest.raises(ValidationError) as refused:
        actions.record_decision(
            **_as(cast, "fr_operator"),
            request=request,
            decision="Returned to the father.",
            authority="Juge des enfants, Lille",
            decided_at=timezone.now() + when,
        )
    assert field in refused.value.message_dict
    request.refresh_from_db()
    assert request.decided_at is None and request.decision == ""


def test_the_decision_form_names_the_missing_field_and_keeps_the_clock(cast: Cast) -> None:
    request = _located(cast)
    client = Client()
    client.force_login(cast.user("fr_operator"))
    response = client.post(
        f"/crossborder/{request.pk}/decision/",
        {"decision": "", "decision_authority": "Juge des enfants", "decided_at": ""},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "This field is required." in page and "Juge des enfants" in page
    request.refresh_from_db()
    assert request.decided_at is None


# --- item 6: closing a case ends its cross-border work --------------------------------------------


def _close(cast: Cast, case: Any) -> None:
    closure = case_actions.request_closure(
        **_as(cast, "be_operator"),
        case=case,
        outcome="located_police",
        found_on=timezone.localdate(),
    )
    case_actions.decide_closure(**_as(cast, "be_supervisor"), closure=closure, approve=True)


def test_closing_a_case_withdraws_its_open_requests_and_revokes_what_it_shared(
    cast: Cast,
) -> None:
    open_request = _located(cast)
    case = open_request.case
    draft = actions.draft_request(
        **_as(cast, "be_operator"),
        case=case,
        receiver=cast.fr,
        request_type="support",
        question="Support for the mother?",
    )

    _close(cast, case)

    open_request.refresh_from_db()
    draft.refresh_from_db()
    assert open_request.state == "withdrawn" and draft.state == "withdrawn"
    assert open_request.share_revoked_at is not None
    assert row(open_request, cast.member("be_operator")).decision_due is None
    assert not access.waiting_for(cast.member("be_operator")).exists()
    assert not access.waiting_for(cast.member("fr_operator")).exists()
    kinds = list(open_request.events.values_list("kind", flat=True))
    assert kinds[-3:] == ["case_closed", "withdrawn", "share_revoked"]
    assert Notification.objects.filter(
        request=open_request, recipient=cast.user("fr_operator"), message="withdrawn_revoked"
    ).exists()
    withdrawal = AuditEvent.objects.get(
        action="crossborder.request.withdraw", object_id=str(open_request.pk)
    )
    assert "share_revoked_at" in withdrawal.fields  # withdrawing revoked it


def test_closing_the_receivers_linked_case_completes_the_incoming_request(cast: Cast) -> None:
    request = _sent(cast)
    case = actions.open_case_from_request(
        **_as(cast, "fr_operator"), request=request, category="parental_abduction"
    )
    closure = case_actions.request_closure(
        **_as(cast, "fr_operator"), case=case, outcome="located_police",
        found_on=timezone.localdate(),
    )  # fmt: skip
    case_actions.decide_closure(**_as(cast, "fr_supervisor"), closure=closure, approve=True)
    request.refresh_from_db()
    assert request.state == "completed" and request.completed_at is not None
    assert request.share_revoked_at is None  # the sender's share is the sender's to revoke


def test_a_closure_sent_back_leaves_the_requests_running(cast: Cast) -> None:
    request = _sent(cast)
    closure = case_actions.request_closure(
        **_as(cast, "be_operator"), case=request.case, outcome="located_police",
        found_on=timezone.localdate(),
    )  # fmt: skip
    case_actions.decide_closure(
        **_as(cast, "be_supervisor"), closure=closure, approve=False, note="Hague file first."
    )
    request.refresh_from_db()
    assert request.state == "sent" and request.share_revoked_at is None


# --- item 7: sending sharing back; notices done -------------------------------------------------


def test_a_supervisor_sends_sharing_back_and_the_author_amends_and_resubmits(cast: Cast) -> None:
    case = make_case(cast)
    child = case.case_children.get().child
    request = actions.draft_request(
        **_as(cast, "be_operator"),
        case=case,
        receiver=cast.fr,
        request_type="locate",
        question="Where is she?",
        shared_fields=[f"child.{child.pk}.given_names", f"child.{child.pk}.physical_description"],
    )
    actions.send_request(**_as(cast, "be_operator"), request=request)
    asked = Notification.objects.filter(request=request, message="awaiting_approval")
    assert asked.filter(done_at__isnull=True).exists()

    with pytest.raises(ValidationError) as refused:
        actions.send_back(**_as(cast, "be_supervisor"), request=request, reason=" ")
    assert "reason" in refused.value.message_dict
    actions.send_back(
        **_as(cast, "be_supervisor"), request=request, reason="Do not share the description."
    )

    request.refresh_from_db()
    assert request.state == "draft" and request.returned_reason == "Do not share the description."
    assert request.returned_by == cast.user("be_supervisor")
    assert not asked.filter(done_at__isnull=True).exists()  # done for every supervisor
    back = Notification.objects.get(request=request, message="sent_back")
    assert back.recipient == cast.user("be_operator")
    client = Client()
    client.force_login(cast.user("be_operator"))
    assert "Do not share the description." in client.get(f"/crossborder/{request.pk}/").text

    response = client.post(
        f"/crossborder/{request.pk}/sharing/", {"shared_fields": [f"child.{child.pk}.given_names"]}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.shared_fields == [f"child.{child.pk}.given_names"]
    assert request.state == "draft" and not request.snapshots.exists()
    actions.send_request(**_as(cast, "be_operator"), request=request)
    request.refresh_from_db()
    assert request.state == "awaiting_approval"


def test_acknowledging_marks_the_new_request_notices_done(cast: Cast) -> None:
    request = _sent(cast)
    asked = Notification.objects.filter(request=request, message="new_request")
    assert asked.count() >= 2 and not asked.filter(done_at__isnull=False).exists()
    actions.acknowledge(**_as(cast, "fr_operator"), request=request)
    assert not asked.filter(done_at__isnull=True).exists()
    assert not asked.filter(read_at__isnull=True).exists()  # and off the unread count
    client = Client()
    client.force_login(cast.user("fr_supervisor"))
    assert "done" in client.get("/crossborder/notifications/").text


# --- item 8: the receiver's own case from a request -----------------------------------------------


def test_the_receiver_opens_its_case_from_what_was_shared_and_only_that(cast: Cast) -> None:
    request = _sent(cast, last_seen_locality="Lille", summary="Taken by the mother after a visit.")
    client = Client()
    client.force_login(cast.user("fr_operator"))
    form_page = client.get(f"/crossborder/{request.pk}/open-case/").text
    assert "Lena" in form_page and "2011-03-14" in form_page

    response = client.post(
        f"/crossborder/{request.pk}/open-case/",
        {"category": "parental_abduction", "subcategory": "international", "summary": "Ours."},
    )

    request.refresh_from_db()
    case = request.receiver_case
    assert case is not None and response["Location"] == f"/cases/{case.pk}/"
    assert case.organisation == cast.fr and case.is_cross_border
    assert (case.category, case.subcategory, case.summary) == (
        "parental_abduction",
        "international",
        "Ours.",
    )
    assert case.last_seen_locality == "Lille"
    assert case.disappeared_on == request.case.disappeared_on
    child = case.case_children.get().child
    assert (child.given_names, child.family_name, str(child.birth_date)) == (
        "Lena",
        "Test",
        "2011-03-14",
    )
    assert child.sex == "unknown"  # not shared as a code: the receiver records it
    assert AuditEvent.objects.filter(action="crossborder.request.open_case").exists()
    assert case.timeline.filter(message="crossborder_opened").exists()
    # once linked, the button leads to the case
    assert client.get(f"/crossborder/{request.pk}/open-case/")["Location"] == f"/cases/{case.pk}/"


def test_without_a_shared_name_no_case_is_opened(cast: Cast) -> None:
    request = _sent(cast, names=False)
    with pytest.raises(ValidationError) as refused:
        actions.open_case_from_request(
            **_as(cast, "fr_operator"), request=request, category="runaway"
        )
    assert "children" in refused.value.message_dict
    request.refresh_from_db()
    assert request.receiver_case is None


# --- item 9: defaults ---------------------------------------------------------------------------


def test_a_high_risk_case_asks_urgently_by_default(cast: Cast) -> None:
    case = make_case(cast)
    form = NewRequestForm(case=case, receivers=access.receivers_for(cast.be), languages=[])
    assert form["urgency"].value() == "normal"
    case_actions.assess_risk(
        **_as(cast, "be_operator"), case=case, grade="high",
        factors=[{"kind": "medical", "source": "the mother, by phone"}],
    )  # fmt: skip
    case.refresh_from_db()
    form = NewRequestForm(case=case, receivers=access.receivers_for(cast.be), languages=[])
    assert form["urgency"].value() == "urgent"
    request = actions.draft_request(
        **_as(cast, "be_operator"), case=case, receiver=cast.fr, request_type="locate",
        question="Now.",
    )  # fmt: skip
    assert request.urgency == "urgent"


def test_a_message_defaults_to_a_language_the_reader_reads(cast: Cast) -> None:
    request = _sent(cast)  # Belgium works in nl, fr, de; France in fr
    for email in ("be_operator", "fr_operator"):
        client = Client()
        client.force_login(cast.user(email))
        page = client.get(f"/crossborder/{request.pk}/").text
        assert '<option value="fr" selected>' in page, email


def _greece() -> Organisation:
    return org_actions.create_organisation(
        acting_user=None, name="Hotline Greece", slug="test-gr", languages=["el"],
        kind=OrganisationKind.NATIONAL_HOTLINE, country="GR", time_zone="Europe/Athens",
    )  # fmt: skip


def test_times_between_hotlines_carry_the_readers_zone(cast: Cast) -> None:
    """The same deadline reads 17:04 CET in Brussels and 18:04 EET in Athens: on the request's
    page, in the lists, and in a notice."""
    greece = _greece()
    gr_operator = cast.join("gr_operator@cast.test", greece, "operator")
    request = actions.draft_request(
        **_as(cast, "be_operator"), case=make_case(cast), receiver=greece, request_type="locate",
        question="Is she in Athens?",
    )  # fmt: skip
    actions.send_request(**_as(cast, "be_operator"), request=request)
    due = datetime(2026, 12, 7, 16, 4, tzinfo=UTC)
    CooperationRequest.objects.filter(pk=request.pk).update(
        sent_at=due - timedelta(hours=2), acknowledge_due_at=due
    )
    notify(greece, request, "reminder", due=due.isoformat())
    gr = Client()
    gr.force_login(gr_operator.user)
    readers = (
        (cast.client("be_operator"), "17:04 CET", "15:04 CET"),
        (gr, "18:04 EET", "16:04 EET"),
    )
    for client, deadline, sent in readers:
        page = client.get(f"/crossborder/{request.pk}/").content.decode()
        assert f"2026-12-07 {deadline}" in page
        assert f"2026-12-07 {sent}" in page
        assert f"2026-12-07 {sent}" in client.get("/crossborder/").content.decode()
    notices = gr.get("/crossborder/notifications/").content.decode()
    assert "before 2026-12-07 18:04 EET" in notices


def test_a_hotline_sharing_no_official_language_writes_in_one_the_reader_answers_in(
    cast: Cast,
) -> None:
    """Greece (Greek; its hotline also answers in English) and Belgium (Dutch, French, German;
    its hotline also answers in English): a Greek operator reading English writes English, not
    Belgium's first language."""
    greece = _greece()
    for organisation, languages in ((greece, ["el", "en"]), (cast.be, ["nl", "fr", "de", "en"])):
        org_actions.save_hotline(
            acting_user=None, organisation=organisation, country=organisation.country,
            name=f"116 000 {organisation.country}", languages=languages,
        )  # fmt: skip
    gr_operator = cast.join("gr_operator@cast.test", greece, "operator")
    case = make_case(cast)
    request = actions.draft_request(
        **_as(cast, "be_operator"), case=case, receiver=greece, request_type="locate",
        question="Is she in Athens?",
    )  # fmt: skip
    actions.send_request(**_as(cast, "be_operator"), request=request)
    client = Client()
    client.force_login(gr_operator.user)
    page = client.get(f"/crossborder/{request.pk}/", HTTP_ACCEPT_LANGUAGE="en").text
    assert '<option value="en" selected>' in page
    client = Client()
    client.force_login(cast.user("be_operator"))
    page = client.get(f"/crossborder/{request.pk}/", HTTP_ACCEPT_LANGUAGE="en").text
    assert '<option value="en" selected>' in page  # Belgium writes no Greek either


def _shared_rows(page: str) -> dict[str, str]:
    rows = re.findall(r"<dt>([^<]+)</dt>\s*<dd>([^<]*)</dd>", page)
    return {html.unescape(k).strip(): html.unescape(v).strip() for k, v in rows}


def test_a_shared_copy_reads_in_the_readers_language(cast: Cast) -> None:
    """Belgium sends in English; the French hotline reads every value with a choice in French,
    and a German-speaking reader in German."""
    case = make_case(
        cast, category="runaway", subcategory="from_care", sis_category="a_i",
        last_seen_country="BE",
    )  # fmt: skip
    child = case.case_children.get().child
    child.nationalities, child.languages = ["UA"], ["uk", "nl"]
    child.save(update_fields=["nationalities", "languages"])
    chosen = [f"case.{name}" for name in ("category", "subcategory", "sis_category")]
    chosen += ["case.last_seen_country"]
    chosen += [
        f"child.{child.pk}.{f}" for f in ("given_names", "sex", "nationalities", "languages")
    ]
    with translation.override("en"):
        request = actions.draft_request(
            **_as(cast, "be_supervisor"), case=case, receiver=cast.fr, request_type="locate",
            question="Is she in Lille?", shared_fields=chosen,
        )  # fmt: skip
        actions.send_request(**_as(cast, "be_supervisor"), request=request)
    client = cast.client("fr_operator")
    rows = _shared_rows(client.get(f"/crossborder/{request.pk}/", HTTP_ACCEPT_LANGUAGE="fr").text)
    assert rows["Catégorie"] == "Fugue"
    assert rows["Sous-catégorie"] == "Fugue d'un lieu de placement ou d'une institution"
    assert rows["Vu pour la dernière fois\u00a0: pays"] == "Belgique"
    assert rows["Sexe"] == "Féminin"
    assert rows["Nationalités"] == "Ukraine"
    assert rows["Langues"] == "Ukrainien, Néerlandais"
    assert rows["Catégorie de signalement SIS demandée"].startswith("Art. 32")
    rows = _shared_rows(client.get(f"/crossborder/{request.pk}/", HTTP_ACCEPT_LANGUAGE="de").text)
    assert rows["Kategorie"] == "Weglaufen"
    assert rows["Unterkategorie"] == "Aus einer Pflegefamilie oder Einrichtung weggelaufen"
    assert rows["Geschlecht"] == "Weiblich"
    assert rows["Sprachen"] == "Ukrainisch, Niederländisch"


def test_a_copy_shared_before_codes_were_kept_reads_in_the_readers_language(cast: Cast) -> None:
    """Snapshots taken before held the sender's words ("Runaway"); the migration turns the
    words of any of the platform's languages back into codes, and leaves anything else."""
    labels_to_codes = importlib.import_module(
        "homeward.crossborder.migrations.0005_snapshot_choice_codes"
    ).labels_to_codes
    request = _sent(cast)
    snapshot = request.snapshots.get()
    snapshot.data["case"].update(category="Runaway", subcategory="Fugue du domicile")
    snapshot.data["children"][0]["fields"]["sex"] = "Weiblich"
    snapshot.data["case"]["sis_category"] = "something else"
    snapshot.save(update_fields=["data"])
    labels_to_codes(django_apps, None)
    snapshot.refresh_from_db()
    assert snapshot.data["case"]["category"] == "runaway"
    assert snapshot.data["case"]["subcategory"] == "from_home"
    assert snapshot.data["case"]["sis_category"] == "something else"
    assert snapshot.data["children"][0]["fields"]["sex"] == "female"


def test_message_languages_read_as_language_names(cast: Cast) -> None:
    request = _sent(cast)
    actions.post_message(**_as(cast, "be_operator"), request=request, body="Bonjour", language="nl")
    client = cast.client("fr_operator")
    page = client.get(f"/crossborder/{request.pk}/", HTTP_ACCEPT_LANGUAGE="fr").text
    assert '<option value="fr" selected>Français</option>' in page
    assert '<option value="nl">Néerlandais</option>' in page
    assert re.search(r'<span class="badge" title="Langue">Néerlandais</span>', page)
    assert not re.search(r'<span class="badge" title="Langue">nl</span>', page)


def _countries_offered(form: NewRequestForm) -> list[str]:
    """The receiving hotlines' country names, in the order the form's list shows them."""
    options = re.findall(r'<option value="\d+">([^<]+)</option>', str(form["receiver"]))
    return [html.unescape(option).split(" — ")[0] for option in options]


def test_hotlines_are_listed_by_country_name_in_the_readers_language(cast: Cast) -> None:
    hotlines = [("Germany", "DE"), ("Spain", "ES"), ("Switzerland", "CH"), ("Austria", "AT")]
    for name, country in hotlines:
        org_actions.create_organisation(
            acting_user=None, name=f"Hotline {name}", slug=f"test-{country.lower()}",
            kind=OrganisationKind.NATIONAL_HOTLINE, country=country,
        )  # fmt: skip
    case = make_case(cast)
    receivers = access.receivers_for(cast.be)
    with translation.override("fr"):
        countries = _countries_offered(NewRequestForm(case=case, receivers=receivers, languages=[]))
    assert countries == [
        "Allemagne",
        "Autriche",
        "Espagne",
        "France",
        "Suisse",
    ]
    with translation.override("de"):
        countries = _countries_offered(NewRequestForm(case=case, receivers=receivers, languages=[]))
    assert countries == [
        "Deutschland",
        "Frankreich",
        "Österreich",
        "Schweiz",
        "Spanien",
    ]


def test_a_decision_in_the_minute_the_request_left_is_accepted(cast: Cast) -> None:
    """People give times to the minute: 10:42 is not "before" a request sent at 10:42:31."""
    request = _sent(cast)
    actions.report_located(**_as(cast, "fr_operator"), request=request)
    request.refresh_from_db()
    assert request.sent_at is not None
    same_minute = request.sent_at.replace(second=0, microsecond=0)
    actions.record_decision(
        **_as(cast, "fr_operator"),
        request=request,
        decision="Placed in emergency foster care.",
        authority="Juge des enfants, Lille",
        decided_at=same_minute,
    )
    request.refresh_from_db()
    assert request.decided_at == same_minute
