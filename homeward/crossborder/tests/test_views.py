"""The cross-border pages: each page for the right role, both sides of a request, and the
404 for every hotline that is no party to it."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from homeward.audit.models import AuditEvent
from homeward.cases import actions as case_actions
from homeward.cases.models import Case
from homeward.crossborder import actions
from homeward.crossborder.models import CooperationRequest, Notification
from homeward.organisations import actions as org_actions
from homeward.organisations.models import Membership
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db

CHILD = {
    "given_names": "Lena",
    "family_name": "Vandersteen",
    "sex": "female",
    "birth_precision": "exact",
    "birth_date": date(2011, 3, 14),
}


def _as(cast: Cast, name: str) -> dict[str, Any]:
    member = cast.member(name)
    return {"membership": member}


def _case(cast: Cast, *, photo: bool = False) -> Case:
    case = make_case(
        cast, category="parental_abduction", subcategory="international", children=[CHILD]
    )
    if photo:
        data = io.BytesIO()
        Image.new("RGB", (12, 12), "green").save(data, format="JPEG")
        case_actions.set_child_photo(
            **_as(cast, "be_operator"),
            child=case.case_children.get().child,
            upload=SimpleUploadedFile("p.jpg", data.getvalue(), content_type="image/jpeg"),
        )
    return case


def _child_keys(case: Case, *names: str) -> list[str]:
    child_id = case.case_children.get().child_id
    return [f"child.{child_id}.{name}" for name in names]


def _request(
    cast: Cast,
    *,
    names: tuple[str, ...] = ("given_names", "birth_date"),
    send: bool = True,
    photo: bool = False,
) -> CooperationRequest:
    case = _case(cast, photo=photo)
    request = actions.draft_request(
        **_as(cast, "be_operator"),
        case=case,
        receiver=cast.fr,
        request_type="locate",
        urgency="urgent",
        question="Please check whether the child is with her mother near Lille.",
        languages=["fr", "en"],
        shared_fields=["case.reference", *_child_keys(case, *names)],
    )
    if send:
        actions.send_request(**_as(cast, "be_supervisor"), request=request)
        request.refresh_from_db()
    return request


def _url(request: CooperationRequest, suffix: str = "") -> str:
    return f"/crossborder/{request.pk}/{suffix}"


def _third_hotline(cast: Cast) -> Membership:
    italy = org_actions.create_organisation(
        acting_user=None, name="Test Hotline Italy", slug="test-it", kind="hotline", country="IT"
    )
    return cast.join("it_supervisor@cast.test", italy, "supervisor")


def _client(membership: Membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    return client


# --- a new request --------------------------------------------------------------------------------


def test_the_new_request_page_lists_every_field_and_ticks_none(cast: Cast) -> None:
    case = _case(cast)
    page = cast.client("be_operator").get(f"/crossborder/new/?case={case.pk}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Lena Vandersteen" in html  # the child's group
    assert 'name="shared_fields"' in html and " checked" not in html.split("What to share")[1]
    assert "France — Test Hotline France" in html
    assert "Belgium — Test Hotline Belgium" not in html  # not to ourselves
    assert "needs a supervisor" in html  # an operator learns approval will be needed
    supervisor = cast.client("be_supervisor").get(f"/crossborder/new/?case={case.pk}")
    assert "sending also approves" in supervisor.content.decode()
    assert cast.client("be_dpo").get(f"/crossborder/new/?case={case.pk}").status_code == 403
    assert cast.client("fr_operator").get(f"/crossborder/new/?case={case.pk}").status_code == 404


def test_a_draft_shares_nothing_unticked(cast: Cast) -> None:
    case = _case(cast)
    response = cast.client("be_operator").post(
        f"/crossborder/new/?case={case.pk}",
        {
            "case": case.pk,
            "receiver": cast.fr.pk,
            "request_type": "locate",
            "urgency": "normal",
            "question": "Is she registered at a school in Lille?",
            "languages": "fr, en",
            "draft": "1",
        },
    )
    request = CooperationRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == _url(request)
    assert request.state == "draft" and request.shared_fields == []
    assert request.languages == ["fr", "en"]
    assert cast.client("fr_operator").get(_url(request)).status_code == 404


def test_the_form_names_what_is_missing(cast: Cast) -> None:
    case = _case(cast)
    page = cast.client("be_operator").post(
        f"/crossborder/new/?case={case.pk}",
        {"case": case.pk, "languages": "not a tag!", "send": "1"},
    )
    assert page.status_code == 200
    errors = page.context["form"].errors
    assert {"receiver", "request_type", "question", "languages"} <= set(errors)
    assert not CooperationRequest.objects.exists()


def test_the_operator_sees_awaiting_approval_and_the_supervisor_approves(cast: Cast) -> None:
    case = _case(cast)
    operator = cast.client("be_operator")
    response = operator.post(
        f"/crossborder/new/?case={case.pk}",
        {
            "case": case.pk,
            "receiver": cast.fr.pk,
            "request_type": "locate",
            "urgency": "urgent",
            "question": "Please check the address we have.",
            "shared_fields": _child_keys(case, "given_names"),
            "send": "1",
        },
    )
    request = CooperationRequest.objects.get()
    assert response.status_code == 302 and request.state == "awaiting_approval"
    page = operator.get(_url(request)).content.decode()
    assert "Awaiting a supervisor&#x27;s approval" in page and "Approve and send" not in page
    assert cast.client("fr_operator").get(_url(request)).status_code == 404
    assert operator.post(_url(request, "approve/")).status_code == 403

    supervisor = cast.client("be_supervisor")
    assert "Approve and send" in supervisor.get(_url(request)).content.decode()
    assert supervisor.post(_url(request, "approve/")).status_code == 302
    request.refresh_from_db()
    assert request.state == "sent" and request.approved_by == cast.user("be_supervisor")
    assert cast.client("fr_operator").get(_url(request)).status_code == 200


# --- lists, dashboard, case panel ---------------------------------------------------------------


def test_the_list_shows_incoming_and_outgoing_with_time_left_and_overdue(cast: Cast) -> None:
    request = _request(cast)
    outgoing = cast.client("be_operator").get("/crossborder/")
    assert outgoing.status_code == 200
    assert [r.request for r in outgoing.context["outgoing"]] == [request]
    assert outgoing.context["incoming"] == []
    incoming = cast.client("fr_operator").get("/crossborder/")
    assert [r.request for r in incoming.context["incoming"]] == [request]
    assert "left to acknowledge" in incoming.content.decode()

    CooperationRequest.objects.filter(pk=request.pk).update(
        acknowledge_due_at=timezone.now() - timedelta(minutes=30)
    )
    overdue = cast.client("fr_operator").get("/crossborder/").content.decode()
    assert "overdue by" in overdue and 'class="high-risk"' in overdue
    assert cast.client("be_admin").get("/crossborder/").status_code == 403


def test_the_dashboard_lists_what_waits_for_each_hotline(cast: Cast) -> None:
    request = _request(cast)
    fr = cast.client("fr_operator").get("/dashboard/").content.decode()
    assert request.reference in fr and "left to acknowledge" in fr
    actions.report_located(**_as(cast, "fr_operator"), request=request, note="Safe")
    be = cast.client("be_operator").get("/dashboard/").content.decode()
    assert request.reference in be and "Child located: decide within" in be


def test_the_case_page_loads_its_requests_panel(cast: Cast) -> None:
    request = _request(cast)
    operator = cast.client("be_operator")
    case_page = operator.get(f"/cases/{request.case_id}/").content.decode()
    assert f'hx-get="/crossborder/case/{request.case_id}/"' in case_page
    assert f'href="/crossborder/new/?case={request.case_id}"' in case_page
    panel = operator.get(f"/crossborder/case/{request.case_id}/").content.decode()
    assert request.reference in panel and "Test Hotline France" in panel
    assert (
        cast.client("fr_operator").get(f"/crossborder/case/{request.case_id}/").status_code == 404
    )


# --- the two sides of a request -------------------------------------------------------------------


def test_the_receiver_sees_exactly_what_was_shared_and_the_read_is_audited(cast: Cast) -> None:
    request = _request(cast)
    page = cast.client("fr_operator").get(_url(request))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Lena" in html and "2011-03-14" in html and request.case.reference in html
    assert "Vandersteen" not in html  # the family name was not ticked
    assert ">Acknowledge</button>" in html and "Push update" not in html
    read = AuditEvent.objects.filter(action="crossborder.snapshot.read").latest("seq")
    assert read.organisation_id == cast.fr.pk and read.actor_id == cast.user("fr_operator").pk

    sender = cast.client("be_operator").get(_url(request)).content.decode()
    assert "Lena Vandersteen: Given names" in sender and "version 1" in sender
    assert (
        "Push update" in sender
        and "Revoke sharing" in sender
        and ">Acknowledge</button>" not in sender
    )


def test_after_revocation_the_receiver_sees_a_notice_and_no_data(cast: Cast) -> None:
    request = _request(cast, photo=True, names=("given_names", "photo"))
    photo_url = _url(request, f"photos/child-{request.case.case_children.get().child_id}/")
    fr = cast.client("fr_operator")
    assert fr.get(photo_url).status_code == 200
    assert cast.client("be_operator").post(_url(request, "revoke/")).status_code == 302

    page = fr.get(_url(request))
    html = page.content.decode()
    assert page.status_code == 200 and "revoked sharing" in html
    assert "Lena" not in html and photo_url not in html
    assert fr.get(photo_url).status_code == 404
    assert "You revoked sharing" in cast.client("be_operator").get(_url(request)).content.decode()


def test_the_shared_photo_is_served_after_the_check_and_recorded(cast: Cast) -> None:
    request = _request(cast, photo=True, names=("photo",))
    photo_url = _url(request, f"photos/child-{request.case.case_children.get().child_id}/")
    assert photo_url in cast.client("fr_operator").get(_url(request)).content.decode()
    response = cast.client("fr_operator").get(photo_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"]
    assert AuditEvent.objects.filter(
        action="crossborder.snapshot.read", organisation_id=cast.fr.pk
    ).exists()
    assert cast.client("fr_dpo").get(photo_url).status_code == 403  # no photo permission
    assert (
        "your role cannot see photos" in cast.client("fr_dpo").get(_url(request)).content.decode()
    )


def test_another_and_a_third_hotline_get_404_on_every_request_url(cast: Cast) -> None:
    sent = _request(cast, photo=True, names=("photo",))
    attachment = actions.post_message(
        **_as(cast, "be_operator"),
        request=sent,
        body="notes",
        attachment=SimpleUploadedFile("n.txt", b"synthetic notes", content_type="text/plain"),
    )
    draft = _request(cast, send=False)
    child_key = f"child-{sent.case.case_children.get().child_id}"
    suffixes = [
        ("GET", ""),
        ("GET", "sharing/"),
        ("GET", f"photos/{child_key}/"),
        ("GET", f"messages/{attachment.pk}/attachment/"),
        *[
            ("POST", s)
            for s in (
                "send/",
                "approve/",
                "push/",
                "sharing/",
                "revoke/",
                "withdraw/",
                "acknowledge/",
                "start/",
                "located/",
                "complete/",
                "decline/",
                "link-case/",
                "messages/",
            )
        ],
    ]
    italy = _client(_third_hotline(cast))
    france = cast.client("fr_supervisor")  # the receiver, before the draft is sent
    for client, request in ((italy, sent), (italy, draft), (france, draft)):
        for method, suffix in suffixes:
            url = _url(
                request,
                suffix.replace(child_key, f"child-{request.case.case_children.get().child_id}"),
            )
            status = getattr(client, method.lower())(url).status_code
            assert status == 404, (method, url, status)
    assert italy.get(f"/crossborder/case/{sent.case_id}/").status_code == 404
    assert italy.get(f"/crossborder/new/?case={sent.case_id}").status_code == 404
    assert not italy.get("/crossborder/").context["incoming"]
    sent.refresh_from_db()
    assert sent.state == "sent" and sent.share_active  # nothing above changed it


# --- the procedure through the pages ---------------------------------------------------------


def test_the_receiver_works_the_request_and_the_sender_sees_the_clock(cast: Cast) -> None:
    request = _request(cast)
    fr = cast.client("fr_operator")
    assert fr.post(_url(request, "acknowledge/")).status_code == 302
    declined = fr.post(_url(request, "decline/"), {"reason": ""})
    assert declined.status_code == 200 and "reason" in declined.context["decline_form"].errors
    assert fr.post(_url(request, "start/")).status_code == 302
    assert fr.post(_url(request, "located/"), {"note": "With her mother, safe"}).status_code == 302
    request.refresh_from_db()
    assert request.state == "in_progress" and request.decision_due_at is not None

    be = cast.client("be_operator").get(_url(request)).content.decode()
    assert "12-hour decision clock" in be and "left)" in be
    assert "With her mother, safe" in be  # the note is in the conversation

    assert fr.post(_url(request, "complete/"), {"summary": "Handed over"}).status_code == 302
    request.refresh_from_db()
    assert request.state == "completed"
    # the receiver cannot act for the sender
    assert fr.post(_url(request, "revoke/")).status_code == 403


def test_the_receiver_links_its_own_case_and_each_side_sees_status_only(cast: Cast) -> None:
    request = _request(cast)
    fr = cast.client("fr_operator")
    wrong = fr.post(_url(request, "link-case/"), {"reference": request.case.reference})
    assert wrong.status_code == 200 and "reference" in wrong.context["link_form"].errors
    french = make_case(cast, cast.fr)
    assert fr.post(_url(request, "link-case/"), {"reference": french.reference}).status_code == 302
    be = cast.client("be_operator").get(_url(request)).content.decode()
    assert "Their case: open" in be and french.reference not in be
    fr_page = fr.get(_url(request)).content.decode()
    assert "Their case: open" in fr_page and french.reference in fr_page


def test_changing_what_is_shared_needs_a_supervisor_for_more_personal_data(cast: Cast) -> None:
    request = _request(cast)
    operator = cast.client("be_operator")
    more = [*request.shared_fields, *_child_keys(request.case, "family_name")]
    page = operator.get(_url(request, "sharing/"))
    assert page.status_code == 200 and "Adding anything marked" in page.content.decode()
    refused = operator.post(_url(request, "sharing/"), {"shared_fields": more})
    assert refused.status_code == 200 and refused.context["form"].non_field_errors()
    assert cast.client("fr_operator").get(_url(request, "sharing/")).status_code == 403

    fewer = ["case.reference"]
    assert operator.post(_url(request, "sharing/"), {"shared_fields": fewer}).status_code == 302
    assert (
        cast.client("be_supervisor")
        .post(_url(request, "sharing/"), {"shared_fields": more})
        .status_code
        == 302
    )
    request.refresh_from_db()
    latest = request.snapshots.first()
    assert request.snapshots.count() == 3 and latest is not None
    assert "Vandersteen" in str(latest.data)
    assert "Vandersteen" in cast.client("fr_operator").get(_url(request)).content.decode()


def test_push_update_and_withdraw(cast: Cast) -> None:
    request = _request(cast)
    be = cast.client("be_operator")
    assert be.post(_url(request, "push/")).status_code == 302
    assert request.snapshots.count() == 2
    assert be.post(_url(request, "withdraw/"), {"reason": "Found at home"}).status_code == 302
    request.refresh_from_db()
    assert request.state == "withdrawn"
    again = be.post(_url(request, "push/"), follow=True)
    assert "Not possible while the request is" in again.content.decode()
    assert cast.client("be_dpo").post(_url(request, "push/")).status_code == 403


# --- the conversation ---------------------------------------------------------------------------


def test_messages_carry_a_language_and_attachments_are_checked(cast: Cast) -> None:
    request = _request(cast)
    fr = cast.client("fr_operator")
    sent = fr.post(
        _url(request, "messages/"),
        {"body": "Parle-t-elle français ?", "language": "fr", "kind": "message"},
    )
    assert sent.status_code == 302
    police = fr.post(
        _url(request, "messages/"),
        {"body": "Commissariat de Lille informé", "language": "fr", "kind": "police_contacted"},
    )
    assert police.status_code == 302
    page = cast.client("be_operator").get(_url(request)).content.decode()
    assert 'lang="fr"' in page and "Police contacted" in page

    bad = fr.post(
        _url(request, "messages/"),
        {
            "body": "see file",
            "kind": "message",
            "attachment": SimpleUploadedFile(
                "x.exe", b"MZ", content_type="application/x-msdownload"
            ),
        },
    )
    assert bad.status_code == 200
    assert "attachment" in bad.context["message_form"].errors
    assert "Attachment: Attach a PDF" in bad.content.decode()


def test_an_attachment_too_large_is_refused_with_the_field_named(cast: Cast, settings: Any) -> None:
    settings.CROSSBORDER_ATTACHMENT_MAX_BYTES = 10
    request = _request(cast)
    bad = cast.client("fr_operator").post(
        _url(request, "messages/"),
        {
            "kind": "message",
            "attachment": SimpleUploadedFile("a.txt", b"x" * 50, content_type="text/plain"),
        },
    )
    assert bad.status_code == 200
    assert bad.context["message_form"].errors["attachment"] == ["Attachments are limited to 10 MB."]


def test_attachments_are_downloaded_through_the_check(cast: Cast) -> None:
    request = _request(cast)
    response = cast.client("fr_operator").post(
        _url(request, "messages/"),
        {
            "body": "School record",
            "kind": "message",
            "attachment": SimpleUploadedFile(
                "record.txt", b"synthetic record", content_type="text/plain"
            ),
        },
    )
    assert response.status_code == 302
    event = request.events.exclude(attachment="").get()
    download = cast.client("be_dpo").get(_url(request, f"messages/{event.pk}/attachment/"))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"synthetic record"  # type: ignore[attr-defined]
    assert "record.txt" in download["Content-Disposition"]
    assert AuditEvent.objects.filter(
        action="crossborder.attachment.read", organisation_id=cast.be.pk
    ).exists()
    other = request.events.exclude(pk=event.pk).first()
    assert other is not None
    missing = cast.client("be_dpo").get(_url(request, f"messages/{other.pk}/attachment/"))
    assert missing.status_code == 404


# --- notifications -------------------------------------------------------------------------------


def test_notifications_hold_no_personal_data_and_can_be_marked_read(cast: Cast) -> None:
    request = _request(cast)
    fr = cast.client("fr_operator")
    dashboard = fr.get("/dashboard/").content.decode()
    assert "unread notifications" in dashboard  # the badge in the navigation
    page = fr.get("/crossborder/notifications/")
    html = page.content.decode()
    assert page.status_code == 200 and request.reference in html
    assert "Lena" not in html and "Vandersteen" not in html
    assert page.context["unread"] == 1

    notice = Notification.objects.get(recipient=cast.user("fr_operator"))
    assert (
        fr.post("/crossborder/notifications/read/", {"notification": notice.pk}).status_code == 302
    )
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert "unread notifications" not in fr.get("/dashboard/").content.decode()
    # another member's notices are not touched
    other = Notification.objects.get(recipient=cast.user("fr_supervisor"))
    fr.post("/crossborder/notifications/read/")
    other.refresh_from_db()
    assert other.read_at is None
    assert cast.client("fr_admin").get("/crossborder/notifications/").status_code == 403


def test_in_french_the_sender_column_says_de_and_the_time_column_envoyee_le(cast: Cast) -> None:
    _request(cast)
    page = cast.client("fr_operator").get("/crossborder/", HTTP_ACCEPT_LANGUAGE="fr")
    headers = re.findall(r'<th scope="col">([^<]*)</th>', page.content.decode())
    assert "De" in headers and "Envoyée le" in headers
    assert "Du" not in headers  # "Du" begins a date range ("Du … au …"), not a sender
