"""Cooperation requests between hotlines, what each one shares, and its conversation.

The receiver never reads the sender's live case: it reads the latest `Snapshot`, a copy of
exactly the fields the sender ticked, and only while the share is not revoked."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from homeward.cases.models import Case
from homeward.core import wording
from homeward.core.storage import private_storage
from homeward.crossborder import notifications
from homeward.crossborder.choices import EventKind, RequestType, State, Urgency
from homeward.organisations.models import Organisation


class RequestSequence(models.Model):
    """The last request number a sender used in a year."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="one_request_sequence_per_year"
            )
        ]


class CooperationRequest(models.Model):
    sender = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="requests_sent")
    receiver = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="requests_received"
    )
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="cooperation_requests")
    reference = models.CharField(_("reference"), max_length=32, unique=True)
    request_type = models.CharField(_("type"), max_length=16, choices=RequestType.choices)
    urgency = models.CharField(_("urgency"), max_length=8, choices=Urgency.choices)
    question = models.TextField(_("question"))
    languages = models.JSONField(_("languages usable"), default=list, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    decline_reason = models.TextField(_("reason for declining"), blank=True)

    # what the sender chose to share: "case.<field>" and "child.<id>.<field>"
    shared_fields = models.JSONField(_("shared fields"), default=list, blank=True)
    share_revoked_at = models.DateTimeField(null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    acknowledge_due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    # Schengen rule for located children: a decision within 12 hours of the location
    located_at = models.DateTimeField(null=True, blank=True)
    decision_due_at = models.DateTimeField(null=True, blank=True)
    # the decision on the located child stops the clock; either hotline records it
    decision = models.TextField(_("what was decided"), blank=True)
    decision_authority = models.CharField(_("deciding authority"), max_length=200, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # a supervisor sent the sharing back to the requester instead of approving it
    returned_reason = models.TextField(_("reason for sending back"), blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    receiver_case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="linked_requests"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["receiver", "state"], name="xb_receiver_state"),
            models.Index(fields=["sender", "state"], name="xb_sender_state"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(sender=models.F("receiver")), name="xb_not_to_self"
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def share_active(self) -> bool:
        return self.share_revoked_at is None


class Snapshot(models.Model):
    """A copy of the shared fields, taken when sent and whenever the sender pushes an update."""

    request = models.ForeignKey(
        CooperationRequest, on_delete=models.CASCADE, related_name="snapshots"
    )
    version = models.PositiveIntegerField()
    data = models.JSONField()
    photos = models.JSONField(default=dict, blank=True)  # child key → private file name
    pushed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    pushed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["request", "version"], name="xb_snapshot_version")
        ]


class RequestEvent(models.Model):
    """The conversation: messages (with an optional attachment) and structured events."""

    request = models.ForeignKey(CooperationRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    body = models.TextField(blank=True)
    language = models.CharField(max_length=16, blank=True)
    attachment = models.FileField(storage=private_storage, upload_to="crossborder/", blank=True)
    attachment_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]


class Notification(models.Model):
    """An in-app notification. Its text never holds personal data: a reference and what happened."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    request = models.ForeignKey(
        CooperationRequest, on_delete=models.CASCADE, null=True, related_name="notifications"
    )
    message = models.CharField(max_length=32, blank=True, help_text="crossborder/notifications.py")
    params = models.JSONField(default=dict, blank=True)
    text = models.CharField(max_length=200, blank=True, help_text="notices from before messages")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # a notice that asked for an action (approve, acknowledge, decide) is done once someone
    # entitled took it; a done notice is also read
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    @property
    def shown_text(self) -> str:
        """In the reader's language (crossborder/notifications.py)."""
        return wording.render(notifications.MESSAGES, self.message, self.params, self.text)


class SharingPolicy(models.Model):
    """An organisation's rule: must a supervisor approve before personal data leaves?"""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="sharing_policy"
    )
    requires_approval = models.BooleanField(
        _("a supervisor approves sharing personal data"), default=True
    )
