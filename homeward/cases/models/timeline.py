from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from homeward.cases import timeline
from homeward.cases.choices import TimelineKind
from homeward.core import wording


class TimelineEvent(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(_("kind"), max_length=16, choices=TimelineKind.choices)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    message = models.CharField(
        max_length=32, blank=True, help_text="what Homeward says (cases/timeline.py), if anything"
    )
    params = models.JSONField(default=dict, blank=True)
    text = models.TextField(_("text"), blank=True, help_text="what a person wrote")
    contact = models.ForeignKey(
        "cases.Contact", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["occurred_at", "pk"]
        indexes = [models.Index(fields=["case", "occurred_at"], name="timeline_case_time")]

    @property
    def shown_text(self) -> str:
        """In the reader's language (cases/timeline.py)."""
        return wording.render(timeline.MESSAGES, self.message, self.params, self.text)
