"""Reads of child alerts. Staff reads are scoped by organisation (another hotline's alert or
assessment is a 404); `read_*` record the read. Public reads (the feeds, the public page, the
photo) see only what is published, and an alert whose duration is over is ended for them even
before the periodic sweep publishes its Cancel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from homeward.alerts.choices import AlertState
from homeward.alerts.models import Alert, AlertAssessment, CapMessage
from homeward.audit.actions import record_read
from homeward.cases.models import Case
from homeward.organisations.access import require_permission
from homeward.organisations.models import Membership, Organisation
from homeward.organisations.roles import Permission

FEED_DAYS = 30


def alerts_of(membership: Membership) -> QuerySet[Alert]:
    require_permission(membership, Permission.VIEW_CASES)
    return Alert.objects.filter(organisation=membership.organisation).select_related(
        "case", "organisation"
    )


def assessments_of(membership: Membership) -> QuerySet[AlertAssessment]:
    require_permission(membership, Permission.VIEW_CASES)
    return AlertAssessment.objects.filter(organisation=membership.organisation).select_related(
        "case", "made_by"
    )


def locate_alert(membership: Membership, alert_id: int) -> Alert:
    """The alert to act on or link to; not audited."""
    return get_object_or_404(alerts_of(membership), pk=alert_id)


def read_alert(membership: Membership, alert_id: int) -> Alert:
    alert = locate_alert(membership, alert_id)
    record_read(
        actor=membership.user,
        organisation=membership.organisation,
        action="alerts.alert.read",
        target=alert,
        fields=["decision", "content", "messages"],
    )
    return alert


def locate_assessment(membership: Membership, assessment_id: int) -> AlertAssessment:
    return get_object_or_404(assessments_of(membership), pk=assessment_id)


def read_assessment(membership: Membership, assessment_id: int) -> AlertAssessment:
    assessment = locate_assessment(membership, assessment_id)
    record_read(
        actor=membership.user,
        organisation=membership.organisation,
        action="alerts.assessment.read",
        target=assessment,
        fields=["criteria", "publicity_risks", "recommendation", "reasoning"],
    )
    return assessment


@dataclass(frozen=True)
class CaseAlerts:
    assessments: list[AlertAssessment]
    alerts: list[Alert]


def read_case_alerts(membership: Membership, case: Case) -> CaseAlerts:
    """The assessments and alerts of one of our cases (the case page's section)."""
    found = CaseAlerts(
        assessments=list(assessments_of(membership).filter(case=case)),
        alerts=list(alerts_of(membership).filter(case=case).prefetch_related("messages")),
    )
    record_read(
        actor=membership.user,
        organisation=membership.organisation,
        action="alerts.case.read",
        target=case,
        fields=["assessments", "alerts"],
    )
    return found


def active_alert_of(membership: Membership, case: Case) -> Alert | None:
    """The case's active alert, if it has one: a case has at most one, which is updated rather
    than activated again."""
    return alerts_of(membership).filter(case=case, state=AlertState.ACTIVE).first()


def messages_of(membership: Membership, alert: Alert) -> QuerySet[CapMessage]:
    require_permission(membership, Permission.VIEW_CASES)
    if alert.organisation_id != membership.organisation_id:
        raise Http404("no such alert")
    return alert.messages.order_by("sent", "pk")


# --- public reads -------------------------------------------------------------------------------


def _live() -> Q:
    return Q(state=AlertState.ACTIVE, expires_at__gt=timezone.now())


def is_live(alert: Alert) -> bool:
    return alert.state == AlertState.ACTIVE and alert.expires_at > timezone.now()


def feed_alerts() -> QuerySet[Alert]:
    """The alerts the Atom feed lists: the live ones, and those ended (or run out) in the last
    30 days."""
    since = timezone.now() - timedelta(days=FEED_DAYS)
    recent = Q(ended_at__gte=since) | Q(state=AlertState.ACTIVE, expires_at__gte=since)
    return (
        Alert.objects.filter(_live() | recent)
        .select_related("organisation")
        .prefetch_related("messages")
        .order_by("-decided_at", "-pk")
    )


def public_alert(public_id: str) -> Alert:
    return get_object_or_404(Alert.objects.select_related("organisation"), public_id=public_id)


def issued_at(alert: Alert) -> datetime:
    """When the alert was first published: its first CAP message's `sent`."""
    first = alert.messages.order_by("sent", "pk").first()
    return first.sent if first is not None else alert.decided_at


class Gone(Exception):
    """Published once, withdrawn since: the alert ended and the message held the child's
    details (410)."""


def public_message(identifier: str) -> CapMessage:
    try:
        message = CapMessage.objects.select_related("alert").get(identifier=identifier)
    except CapMessage.DoesNotExist:
        raise Http404("no such message") from None
    if message.has_details and not is_live(message.alert):
        raise Gone(identifier)
    return message


def latest_message(public_id: str) -> CapMessage:
    alert = public_alert(public_id)
    message = alert.messages.order_by("-sent", "-pk").first()
    if message is None:
        raise Http404("no such message")
    return public_message(message.identifier)


def public_photo(public_id: str) -> Alert:
    alert = public_alert(public_id)
    if not is_live(alert) or not alert.photo:
        raise Gone(public_id)
    return alert


def hotline_number(organisation: Organisation) -> str:
    """The number the public calls: the organisation's hotline in its country."""
    hotline = organisation.hotlines.filter(country=organisation.country).first()
    return hotline.number_116000 if hotline else "116 000"
