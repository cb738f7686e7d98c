"""Assessing, recording the authority's decision and ending an alert: the refusals, each way an
alert ends (child found, case closed, duration over, the authority), and another hotline's
records, which every action treats as not existing."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from homeward.alerts import actions
from homeward.alerts.models import Alert, AlertAssessment, CapMessage
from homeward.audit.models import AuditEvent
from homeward.cases import actions as case_actions
from homeward.crossborder.models import CooperationRequest
from homeward.testing.alerts import (
    abduction_case,
    make_alert,
    make_assessment,
    photo_upload,
    publication,
)
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def _photo_file(alert: Alert) -> Path:
    return Path(str(settings.PUBLIC_MEDIA_ROOT)) / str(alert.photo.name)


def _ended(alert: Alert, reason: str) -> Alert:
    alert.refresh_from_db()
    assert alert.state == "ended" and alert.end_reason == reason and alert.ended_at
    cancel = alert.messages.order_by("-sent", "-pk").first()
    assert cancel is not None and cancel.msg_type == "Cancel"
    first = alert.messages.order_by("sent", "pk").first()
    assert first is not None and first.identifier in cancel.references
    return alert


def test_every_part_of_the_decision_is_required(cast: Cast) -> None:
    assessment = make_assessment(cast, abduction_case(cast))
    supervisor = cast.member("be_supervisor")
    complete: dict[str, Any] = {
        "authority_kind": "prosecutor", "authority_name": "Parquet de Bruxelles",
        "decided_by": "A. Example, magistrate", "decided_at": timezone.now(),
        "grounds": "Witnessed abduction.",
    }  # fmt: skip
    for missing, empty in (("authority_kind", ""), ("authority_name", " "), ("decided_by", ""),
                           ("decided_at", None), ("grounds", "")):  # fmt: skip
        with pytest.raises(ValidationError) as refused:
            actions.record_activation(membership=supervisor, assessment=assessment,
                                      publication=publication(),
                                      **{**complete, missing: empty})  # fmt: skip
        assert missing in refused.value.message_dict
    for name, value in (("countries", []), ("duration_hours", 0), ("regions", ["FR-75"])):
        with pytest.raises(ValidationError) as refused:
            actions.record_activation(
                membership=supervisor,
                assessment=assessment,
                publication=publication(**{name: value}),
                **complete,
            )
        assert name in refused.value.message_dict
    assert not Alert.objects.exists() and not CapMessage.objects.exists()


def test_only_a_supervisor_assesses_and_records(cast: Cast) -> None:
    case = abduction_case(cast)
    with pytest.raises(PermissionDenied):
        actions.assess(membership=cast.member("be_operator"), case=case, answers={},
                       recommendation="do_not", reasoning="No.")  # fmt: skip
    assert not AlertAssessment.objects.exists()


def test_the_child_found_ends_the_alert_and_deletes_the_photo(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    alert = make_alert(cast)
    photo = _photo_file(alert)
    assert photo.exists()
    with django_capture_on_commit_callbacks(execute=True):
        case_actions.change_status(membership=cast.member("be_operator"), case=alert.case,
                                   status="found")  # fmt: skip
    alert = _ended(alert, "child_found")
    assert not alert.photo
    assert not photo.exists()


def test_a_found_closure_ends_it_too(cast: Cast) -> None:
    alert = make_alert(cast)
    case_actions.request_closure(membership=cast.member("be_operator"), case=alert.case,
                                 outcome="found_safe", found_on=timezone.localdate())  # fmt: skip
    _ended(alert, "child_found")


def test_the_case_closing_ends_it(cast: Cast) -> None:
    alert = make_alert(cast)
    closure = case_actions.request_closure(membership=cast.member("be_operator"),
                                           case=alert.case, outcome="still_missing")  # fmt: skip
    alert.refresh_from_db()
    assert alert.state == "active"  # a closure without the child found waits for approval
    case_actions.decide_closure(membership=cast.member("be_supervisor"), closure=closure,
                                approve=True)  # fmt: skip
    _ended(alert, "case_closed")


def test_the_expiry_sweep_ends_alerts_whose_duration_is_over(cast: Cast) -> None:
    over, running = make_alert(cast), make_alert(cast)
    Alert.objects.filter(pk=over.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert actions.end_expired_alerts() == 1
    _ended(over, "duration_over")
    running.refresh_from_db()
    assert running.state == "active"
    event = AuditEvent.objects.filter(action="alerts.alert.end").latest("pk")
    assert event.organisation_id == cast.be.pk and event.actor_id is None


def test_an_operator_may_end_it_for_the_authority(cast: Cast) -> None:
    alert = make_alert(cast)
    actions.end_alert(membership=cast.member("be_operator"), alert=alert,
                      reason="authority_ended")  # fmt: skip
    _ended(alert, "authority_ended")
    with pytest.raises(ValidationError):
        actions.end_alert(membership=cast.member("be_operator"), alert=alert,
                          reason="authority_ended")  # fmt: skip
    assert alert.messages.filter(msg_type="Cancel").count() == 1


def test_decisions_publications_and_takedowns_are_audited(cast: Cast) -> None:
    alert = make_alert(cast)
    actions.update_alert(membership=cast.member("be_supervisor"), alert=alert,
                         publication=publication(duration_hours=12))  # fmt: skip
    actions.end_alert(membership=cast.member("be_operator"), alert=alert, reason="child_found")
    recorded = set(AuditEvent.objects.filter(action__startswith="alerts.")
                   .values_list("action", flat=True))  # fmt: skip
    assert recorded >= {"alerts.assessment.create", "alerts.alert.activation",
                        "alerts.alert.publish", "alerts.alert.update", "alerts.alert.end",
                        "alerts.alert.takedown"}  # fmt: skip


def test_the_relay_request_shares_only_the_published_content(cast: Cast) -> None:
    alert = make_alert(cast)
    request = actions.ask_relay(membership=cast.member("be_supervisor"), alert=alert,
                                receiver=cast.fr)  # fmt: skip
    request.refresh_from_db()
    assert request.request_type == "alert_relay" and request.state == "sent"
    assert request.shared_fields == []
    assert alert.headline in request.question and "Lena Test" not in request.question
    assert f"/alerts/{alert.public_id}/" in request.question


def test_ending_the_alert_withdraws_the_relay_requests_with_the_reason(cast: Cast) -> None:
    alert = make_alert(cast)
    request = actions.ask_relay(membership=cast.member("be_supervisor"), alert=alert,
                                receiver=cast.fr)  # fmt: skip
    actions.end_alert(membership=cast.member("be_operator"), alert=alert, reason="child_found")
    request.refresh_from_db()
    assert request.state == "withdrawn"
    told = request.events.get(kind="withdrawn")
    assert alert.reference in told.body and "stop relaying" in told.body


def test_a_photo_from_the_case_needs_the_photo_permission_and_is_copied(cast: Cast) -> None:
    case = abduction_case(cast)
    case_actions.set_child_photo(membership=cast.member("be_operator"),
                                 child=case.case_children.get().child,
                                 upload=photo_upload())  # fmt: skip
    alert = actions.record_activation(
        membership=cast.member("be_supervisor"), assessment=make_assessment(cast, case),
        authority_kind="police", authority_name="Federal police", decided_by="B. Example",
        decided_at=timezone.now(), grounds="Grounds.", publication=publication(),
        photo_from_case=True,
    )  # fmt: skip
    assert alert.photo and _photo_file(alert).exists() and len(alert.photo_sha1) == 40


def test_another_hotlines_records_do_not_exist_for_the_actions(cast: Cast) -> None:
    alert = make_alert(cast)
    french = cast.member("fr_supervisor")
    before = AuditEvent.objects.count(), CapMessage.objects.count()
    with pytest.raises(Http404):
        actions.assess(membership=french, case=alert.case, answers={},
                       recommendation="do_not", reasoning="No.")  # fmt: skip
    with pytest.raises(Http404):
        actions.record_activation(
            membership=french, assessment=alert.assessment, authority_kind="police",
            authority_name="x", decided_by="x", decided_at=timezone.now(), grounds="x",
            publication=publication(),
        )  # fmt: skip
    with pytest.raises(Http404):
        actions.update_alert(membership=french, alert=alert, publication=publication())
    with pytest.raises(Http404):
        actions.end_alert(membership=cast.member("fr_operator"), alert=alert,
                          reason="child_found")  # fmt: skip
    with pytest.raises(Http404):
        actions.ask_relay(membership=french, alert=alert, receiver=cast.be)
    assert (AuditEvent.objects.count(), CapMessage.objects.count()) == before
    assert not CooperationRequest.objects.exists()
    alert.refresh_from_db()
    assert alert.state == "active"


def test_the_admin_configures_the_criteria(cast: Cast) -> None:
    admin = cast.member("be_admin")
    actions.configure_criteria(membership=admin, wordings=["Under 18.", "Immediate danger."])
    assessment = actions.assess(
        membership=cast.member("be_supervisor"), case=abduction_case(cast), answers={},
        recommendation="more_information", reasoning="We need the police report.",
    )  # fmt: skip
    assert [c["wording"] for c in assessment.criteria] == ["Under 18.", "Immediate danger."]
    assert {c["answer"] for c in assessment.criteria} == {"unknown"}
    actions.configure_criteria(membership=admin, wordings=[])
    assessment = make_assessment(cast, abduction_case(cast))
    assert assessment.criteria[0]["key"] == "under_18"
    with pytest.raises(PermissionDenied):
        actions.configure_criteria(membership=cast.member("be_supervisor"), wordings=["x"])


def test_a_text_over_its_limit_is_refused_never_cut(cast: Cast) -> None:
    assessment = make_assessment(cast, abduction_case(cast))
    decision: dict[str, Any] = {
        "membership": cast.member("be_supervisor"), "assessment": assessment,
        "authority_kind": "prosecutor", "authority_name": "Parquet de Bruxelles",
        "decided_by": "A. Example, magistrate", "decided_at": timezone.now(),
        "grounds": "Witnessed abduction.",
    }  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        actions.record_activation(**decision, publication=publication(headline="x" * 10_000))
    assert "160" in refused.value.message_dict["headline"][0]
    with pytest.raises(ValidationError) as refused:
        actions.record_activation(**{**decision, "decided_by": "x" * 10_000},
                                  publication=publication())  # fmt: skip
    assert "200" in refused.value.message_dict["decided_by"][0]
    french = {"fr": {"headline": "x" * 161, "description": "Lena."}}
    with pytest.raises(ValidationError) as refused:
        actions.record_activation(**decision, publication=publication(translations=french))
    assert "160" in refused.value.message_dict["translations"][0]
    assert not Alert.objects.exists()
    page = Client()
    page.force_login(cast.user("be_supervisor"))
    form = page.get(reverse("alert_activate", args=[assessment.pk])).context["form"]
    for name in ("headline", "decided_by", "authority_name", "hotline_number"):
        # a browser would cut a pasted text to maxlength without a word
        assert "maxlength" not in form[name].as_widget()


def test_published_text_never_names_the_case_reference(cast: Cast) -> None:
    case = abduction_case(cast)
    assessment = make_assessment(cast, case)
    decision: dict[str, Any] = {
        "membership": cast.member("be_supervisor"), "assessment": assessment,
        "authority_kind": "prosecutor", "authority_name": "Parquet de Bruxelles",
        "decided_by": "A. Example, magistrate", "decided_at": timezone.now(),
        "grounds": f"Witnessed abduction ({case.reference}).",  # recorded, never published
    }  # fmt: skip
    for name in ("headline", "description", "instruction"):
        text = f"Lena, 11, missing ({case.reference.lower()})"
        with pytest.raises(ValidationError) as refused:
            actions.record_activation(**decision, publication=publication(**{name: text}))
        assert case.reference in refused.value.message_dict[name][0]
    alert = actions.record_activation(**decision, publication=publication())
    with pytest.raises(ValidationError) as refused:
        actions.update_alert(
            membership=cast.member("be_supervisor"),
            alert=alert,
            publication=publication(headline=f"Alert {case.reference}"),
        )
    assert "headline" in refused.value.message_dict
    assert alert.messages.count() == 1


def test_every_alert_event_is_on_the_case_timeline(cast: Cast) -> None:
    alert = make_alert(cast)
    supervisor = cast.member("be_supervisor")
    actions.update_alert(membership=supervisor, alert=alert, publication=publication())
    actions.ask_relay(membership=supervisor, alert=alert, receiver=cast.fr)
    actions.end_alert(membership=cast.member("be_operator"), alert=alert, reason="child_found")
    events = alert.case.timeline.order_by("occurred_at", "pk")
    said = [event.shown_text for event in events if event.message.startswith("alert_")]
    assert said[0] == "Child alert assessment recorded: Recommend asking the authority for an alert"
    assert said[1].startswith(f"Child alert {alert.reference} activated by Brussels public")
    assert said[2:] == [
        f"Update of child alert {alert.reference} published",
        f"Child alert {alert.reference}: {cast.fr.name} asked to relay it",
        f"Child alert {alert.reference} ended: Child found",
    ]
    ended = events.get(message="alert_ended")
    for language, reason in (("fr", "Enfant retrouvé"), ("de", "Kind gefunden")):
        with translation.override(language):  # the next shift may read another language
            assert reason in ended.shown_text and "ended" not in ended.shown_text


def test_ending_because_the_child_is_found_moves_the_case_to_found(cast: Cast) -> None:
    by_authority = make_alert(cast)
    actions.end_alert(membership=cast.member("be_operator"), alert=by_authority,
                      reason="authority_ended")  # fmt: skip
    by_authority.case.refresh_from_db()
    assert by_authority.case.status != "found"
    alert = make_alert(cast)
    actions.end_alert(membership=cast.member("be_operator"), alert=alert, reason="child_found")
    _ended(alert, "child_found")
    alert.case.refresh_from_db()
    assert alert.case.status == "found"
    assert alert.case.timeline.filter(message="status", params__status="found").exists()
