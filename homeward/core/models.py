"""What every app shares and no domain owns."""

from __future__ import annotations

from django.db import models


class IdempotentRequest(models.Model):
    """The answer to a write that was sent with a key (an API `Idempotency-Key`, a form's
    one-time token), kept for a day so that the same write sent again gets the same answer
    instead of being done twice. Stored in the transaction of the write itself: both are kept
    or neither is."""

    principal = models.CharField(max_length=80)
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    content_type = models.CharField(max_length=100, blank=True)
    location = models.CharField(max_length=2000, blank=True)
    body = models.BinaryField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["principal", "key"], name="one_answer_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.principal} {self.key}"
