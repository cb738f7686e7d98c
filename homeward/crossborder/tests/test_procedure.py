"""The standard procedure between two hotlines, through its actions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client
from django.utils import timezone, translation

from homeward.audit.models import AuditEvent
from homeward.crossborder import access, actions
from homeward.crossborder.models import CooperationRequest, Notification
from homeward.crossborder.notify import notify
from homeward.organisations.actions import create_api_token
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def _as(cast: Cast, name: str) -> dict[str, Any]:
    member = cast.member(name)
    return {"membership": member}


def _draft(
    cast: Cast, *, fields: list[str] | None = None, urgency: str = "urgent"
) -> CooperationRequest:
    case = make_case(cast, category="parental_abduction", subcategory="international")
    child = case.case_children.get().child
    chosen = (
        fields
        if fields is not None
        else [f"child.{child.pk}.given_names", f"child.{child.pk}.birth_date", "case.reference"]
    )
    return actions.draft_request(
        **_as(cast, "be_operator"),
        case=case,
        receiver=cast.fr,
        request_type="locate",
        urgency=urgency,
        question="Please check whether the child is with the mother in Lille.",
        shared_fields=chosen,
    )


def test_a_draft_shares_nothing_unticked_and_is_invisible_to_the_receiver(cast: Cast) -> None:
    request = _draft(cast, fields=[])
    assert request.shared_fields == [] and request.state == "draft"
    with pytest.raises(Http404):
        access.access_request_by_id(cast.member("fr_operator"), request.pk)


def test_references_count_up_per_sender_and_year(cast: Cast) -> None:
    year = timezone.localdate().year
    first, second = _draft(cast, fields=[]), _draft(cast, fields=[])
    assert (first.reference, second.reference) == (f"XB-BE-{year}-00001", f"XB-BE-{year}-00002")


def test_the_same_request_twice_is_refused_naming_the_first(cast: Cast) -> None:
    """The back button after sending gave the form back, and sending it again made a second
    request to the same hotline (the outside tester's defect 4)."""
    first = _draft(cast, fields=[])
    again: dict[str, Any] = {
        "case": first.case,
        "receiver": cast.fr,
        "request_type": "locate",
        "question": first.question,
    }
    with pytest.raises(ValidationError) as refused:
        actions.draft_request(**_as(cast, "be_operator"), **again)
    assert first.reference in refused.value.message_dict["question"][0]
    assert CooperationRequest.objects.filter(case=first.case).count() == 1
    actions.draft_request(**_as(cast, "be_operator"), **{**again, "question": "And the father?"})
    actions.withdraw(**_as(cast, "be_operator"), request=first)
    assert actions.draft_request(**_as(cast, "be_operator"), **again).reference != first.reference


def test_personal_data_waits_for_a_supervisor_then_goes(cast: Cast) -> None:
    request = _draft(cast)
    actions.send_request(**_as(cast, "be_operator"), request=request)
    request.refresh_from_db()
    assert request.state == "awaiting_approval"
    assert Notification.objects.filter(recipient=cast.user("be_supervisor")).exists()
    with pytest.raises(Http404):
        access.access_request_by_id(cast.member("fr_operator"), request.pk)
    actions.approve_request(**_as(cast, "be_supervisor"), request=request)
    request.refresh_from_db()
    assert request.state == "sent" and request.approved_by == cast.user("be_supervisor")
    assert request.sent_at is not None
    assert request.acknowledge_due_at == request.sent_at + timedelta(hours=2)
    assert Notification.objects.filter(recipient=cast.user("fr_operator"), request=request).exists()
    notices = [notice.shown_text for notice in Notification.objects.all()]
    assert notices and not any("Lena" in text for text in notices)  # no personal data


def test_the_receiver_reads_a_snapshot_of_exactly_what_was_shared(cast: Cast) -> None:
    request = _draft(cast)
    actions.send_request(**_as(cast, "be_supervisor"), request=request)
    view = access.shared_snapshot(cast.member("fr_operator"), request)
    child = view.snapshot.data["children"][0]["fields"]
    assert set(child) == {"given_names", "birth_date"} and child["given_names"] == "Lena"
    assert set(view.snapshot.data["case"]) == {"reference"}
    event = AuditEvent.objects.filter(action="crossborder.snapshot.read").latest("seq")
    assert event.organisation_id == cast.fr.pk
    # the live case changing does not change what the receiver sees until the sender pushes
    link = request.case.case_children.get()
    from homeward.cases import actions as case_actions

    case_actions.update_child(
        **_as(cast, "be_operator"), child=link.child, changes={"given_names": "Lenka"}
    )
    assert (
        access.shared_snapshot(cast.member("fr_operator"), request).snapshot.data["children"][0][
            "fields"
        ]["given_names"]
        == "Lena"
    )
    actions.push_update(**_as(cast, "be_operator"), request=request)
    assert (
        access.shared_snapshot(cast.member("fr_operator"), request).snapshot.data["children"][0][
            "fields"
        ]["given_names"]
        == "Lenka"
    )


def test_a_third_hotline_never_sees_the_request(cast: Cast) -> None:
    request = _draft(cast)
    actions.send_request(**_as(cast, "be_supervisor"), request=request)
    from homeward.organisations import actions as org_actions

    third = org_actions.create_organisation(
        acting_user=None, name="Test Hotline Italy", slug="test-it", kind="hotline", country="IT"
    )
    it_operator = cast.join("it_operator@cast.test", third, "operator")
    with pytest.raises(Http404):
        access.access_request_by_id(it_operator, request.pk)
    assert not access.requests_of(it_operator).exists()


def test_revocation_takes_effect_on_the_receivers_next_request(cast: Cast) -> None:
    request = _draft(cast)
    actions.send_request(**_as(cast, "be_supervisor"), request=request)
    access.shared_snapshot(cast.member("fr_operator"), request)
    actions.revoke_share(**_as(cast, "be_operator"), request=request)
    request.refresh_from_db()
    with pytest.raises(Http404):
        access.shared_snapshot(cast.member("fr_operator"), request)
    access.shared_snapshot(
        cast.member("be_operator"), request
    )  # the sender still sees what it sent


def test_the_state_machine_refuses_what_the_procedure_does_not_allow(cast: Cast) -> None:
    request = _draft(cast)
    actions.send_request(**_as(cast, "be_supervisor"), request=request)
    with pytest.raises(PermissionDenied):
        actions.acknowledge(**_as(cast, "be_operator"), request=request)
    with pytest.raises(ValidationError):
        actions.complete(**_as(cast, "fr_operator"), request=request)
    actions.acknowledge(**_as(cast, "fr_operator"), request=request)
    actions.start_work(**_as(cast, "fr_operator"), request=request)
    with pytest.raises(ValidationError):
        actions.decline(**_as(cast, "fr_operator"), request=request, reason="")
    actions.complete(**_as(cast, "fr_operator"), request=request, summary="Located and safe")
    request.refresh_from_db()
    assert request.state == "completed" and request.completed_at is not None
    with pytest.raises(ValidationError):
        actions.withdraw(**_as(cast, "be_operator"), request=request)


def test_a_located_child_starts_the_twelve_hour_clock_and_tells_the_sender(cast: Cast) -> None:
    request = _draft(cast)
    actions.send_request(**_as(cast, "be_supervisor"), request=request)
    actions.report_located(
        **_as(cast, "fr_operator"), request=request, note="With the mother, safe"
    )
    request.refresh_from_db()
    assert request.located_at is not None
    assert request.decision_due_at == request.located_at + timedelta(hours=12)
    assert request.state == "acknowledged"
    assert Notification.objects.filter(
        recipient=cast.user("be_operator"), message="located"
    ).exists()
    located = request.case.timeline.get(message="crossborder_located")
    assert "reports the child located" in located.shown_text
    assert request in access.waiting_for(cast.member("be_operator"))


def test_deadlines_remind_then_escalate_once(cast: Cast) -> None:
    request = _draft(cast, fields=["case.reference"], urgency="urgent")
    actions.send_request(
        **_as(cast, "be_operator"), request=request
    )  # no personal data: no approval
    request.refresh_from_db()
    sent = request.sent_at
    assert sent is not None
    assert actions.check_deadlines(now=sent + timedelta(minutes=60)) == {
        "reminded": 0,
        "escalated": 0,
    }
    assert actions.check_deadlines(now=sent + timedelta(minutes=91)) == {
        "reminded": 1,
        "escalated": 0,
    }
    assert actions.check_deadlines(now=sent + timedelta(minutes=100)) == {
        "reminded": 0,
        "escalated": 0,
    }
    assert actions.check_deadlines(now=sent + timedelta(minutes=121)) == {
        "reminded": 0,
        "escalated": 1,
    }
    assert actions.check_deadlines(now=sent + timedelta(minutes=300)) == {
        "reminded": 0,
        "escalated": 0,
    }
    escalated_to = set(
        Notification.objects.filter(message="overdue").values_list("recipient", flat=True)
    )
    assert escalated_to == {cast.user("be_supervisor").pk, cast.user("fr_supervisor").pk}


def test_an_acknowledged_request_is_never_escalated(cast: Cast) -> None:
    request = _draft(cast, fields=[], urgency="normal")
    actions.send_request(**_as(cast, "be_operator"), request=request)
    actions.acknowledge(**_as(cast, "fr_operator"), request=request)
    assert actions.check_deadlines(now=timezone.now() + timedelta(days=3)) == {
        "reminded": 0,
        "escalated": 0,
    }


def test_messages_flow_both_ways_and_images_lose_their_metadata(cast: Cast) -> None:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    request = _draft(cast, fields=[])
    actions.send_request(**_as(cast, "be_operator"), request=request)
    actions.post_message(
        **_as(cast, "fr_operator"),
        request=request,
        body="Which school does she attend?",
        language="fr",
    )
    data = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "Synthetic camera"
    Image.new("RGB", (10, 10), "red").save(data, format="JPEG", exif=exif)
    event = actions.post_message(
        **_as(cast, "be_operator"),
        request=request,
        body="Her school photo",
        language="nl",
        attachment=SimpleUploadedFile("school.jpg", data.getvalue(), content_type="image/jpeg"),
    )
    with Image.open(event.attachment.open("rb")) as stored:
        assert not stored.getexif()
    with pytest.raises(ValidationError) as raised:
        actions.post_message(
            **_as(cast, "be_operator"),
            request=request,
            body="x",
            attachment=SimpleUploadedFile("x.exe", b"MZ", content_type="application/x-msdownload"),
        )
    assert "attachment" in raised.value.message_dict
    assert Notification.objects.filter(
        recipient=cast.user("be_operator"), message="message"
    ).exists()


def test_the_deadline_command_runs_the_watch_through_the_task_backend(cast: Cast) -> None:
    from django.core.management import call_command

    request = _draft(cast, fields=[], urgency="urgent")
    actions.send_request(**_as(cast, "be_operator"), request=request)
    CooperationRequest.objects.filter(pk=request.pk).update(
        sent_at=timezone.now() - timedelta(hours=3),
        acknowledge_due_at=timezone.now() - timedelta(hours=1),
    )
    call_command("clock")  # the immediate backend runs the task at once in tests
    request.refresh_from_db()
    assert request.escalated_at is not None


def test_a_draft_withdrawn_before_sending_never_reaches_the_receiver(cast: Cast) -> None:
    request = _draft(cast)
    actions.withdraw(**_as(cast, "be_operator"), request=request)
    with pytest.raises(Http404):
        access.access_request_by_id(cast.member("fr_operator"), request.pk)


def test_a_request_found_already_overdue_is_escalated_and_never_reminded(cast: Cast) -> None:
    request = _draft(cast, fields=[], urgency="urgent")
    actions.send_request(**_as(cast, "be_operator"), request=request)
    request.refresh_from_db()
    assert request.sent_at is not None
    late = request.sent_at + timedelta(hours=3)
    assert actions.check_deadlines(now=late) == {"reminded": 0, "escalated": 1}
    assert actions.check_deadlines(now=late + timedelta(minutes=1)) == {
        "reminded": 0,
        "escalated": 0,
    }
    request.refresh_from_db()
    assert request.reminded_at is None


def test_notices_read_in_the_readers_language_whoever_sent_them(cast: Cast) -> None:
    request = _draft(cast)
    with translation.override("de"):  # written while the sender's page was in German
        actions.send_request(**_as(cast, "be_supervisor"), request=request)
    notice = Notification.objects.get(recipient=cast.user("fr_operator"), message="new_request")
    with translation.override("fr"):
        french = notice.shown_text
    with translation.override("en"):
        english = notice.shown_text
    assert french == f"Nouvelle demande Urgente {request.reference} émise par {cast.be.name}"
    assert english == f"New Urgent request {request.reference} from {cast.be.name}"
    listed = cast.client("fr_operator").get(
        "/api/v1/crossborder/notifications", HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert [(n["message"], n["text"]) for n in listed.json()["items"]] == [("new_request", french)]


def test_a_token_client_reads_deadlines_in_its_hotlines_time_zone(cast: Cast) -> None:
    request = _draft(cast)
    actions.send_request(**_as(cast, "be_supervisor"), request=request)
    notify(cast.fr, request, "reminder", due="2026-01-15T12:00:00+00:00")
    operator = cast.member("fr_operator")
    secret = create_api_token(membership=operator, name="client", days=1).secret
    listed = Client().get(
        "/api/v1/crossborder/notifications", HTTP_AUTHORIZATION=f"Bearer {secret}"
    )
    reminders = [n["text"] for n in listed.json()["items"] if n["message"] == "reminder"]
    assert reminders == [f"Reminder: acknowledge {request.reference} before 2026-01-15 13:00 CET"]
    assert timezone.get_current_timezone_name() == "UTC"  # nothing left active afterwards
