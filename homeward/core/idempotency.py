"""Writes that can be sent again safely.

An API client that sends `POST` with an `Idempotency-Key` header, or a browser that submits a
form carrying its one-time `form_token`, gets the first answer again when it repeats the write
(a retry after a network error, a double click): the write is not done twice. The answer is
stored in the same transaction as the write, so a write that committed always has its answer,
and a write that did not commit has none and can be retried.

Small enough to own: the one library for Django (django-idempotency-key) targets Django REST
framework and does not store the answer in the write's transaction."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from homeward.core.models import IdempotentRequest

KEEP_FOR = timedelta(days=1)
MAX_KEY_LENGTH = 255
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
FORM_TOKEN_FIELD = "form_token"  # noqa: S105 (a field name, not a secret)
# beside the token: the organisation a form was opened in (organisations' middleware checks it)
FORM_ORGANISATION_FIELD = "form_organisation"


@dataclass(frozen=True)
class Sent:
    """One write, as sent: who sent it (`principal`: never guessable by someone else), its key,
    and a fingerprint of what was sent, so that a key reused for another write is refused."""

    principal: str
    key: str
    fingerprint: str

    @classmethod
    def of(cls, request: HttpRequest, principal: str, key: str) -> Sent:
        digest = hashlib.sha256()
        for part in (request.method or "", request.get_full_path()):
            digest.update(part.encode() + b"\0")
        if request.content_type in FORM_TYPES:
            # a form's body is read already (its token is in it): what it held, without the
            # CSRF token, which a page reloaded in between changes
            for name, values in sorted(request.POST.lists()):
                if name != "csrfmiddlewaretoken":
                    digest.update(repr((name, values)).encode())
            for name, uploads in sorted(request.FILES.lists()):
                digest.update(repr((name, [(u.name, u.size) for u in uploads])).encode())
        else:
            digest.update(request.body)
        return cls(principal, key, digest.hexdigest())


class KeyReused(Exception):
    """The key was used for a different write."""


def answer_once(
    sent: Sent, respond: Callable[[], HttpResponse], keep: Callable[[HttpResponse], bool]
) -> HttpResponse:
    """The stored answer to `sent` if there is one; else `respond()`, in a transaction with
    the answer stored when `keep(answer)`. Two copies sent at once: the second waits for the
    first and gets its answer."""
    try:
        with transaction.atomic():
            stored = _stored(sent)
            if stored is not None:
                return stored
            response = respond()
            if keep(response):
                _store(sent, response)
            return response
    except IntegrityError:
        # the same key committed meanwhile by a copy sent at once: this copy's work is undone
        stored = _stored(sent)
        if stored is None:
            raise
        return stored


def _stored(sent: Sent) -> HttpResponse | None:
    row = IdempotentRequest.objects.filter(
        principal=sent.principal, key=sent.key, created_at__gte=timezone.now() - KEEP_FOR
    ).first()
    if row is None:
        return None
    if row.fingerprint != sent.fingerprint:
        raise KeyReused(sent.key)
    response = HttpResponse(bytes(row.body), status=row.status, content_type=row.content_type)
    if row.location:
        response["Location"] = row.location
    response["Idempotent-Replayed"] = "true"
    return response


def _store(sent: Sent, response: HttpResponse) -> None:
    # answers can hold personal data: none is kept past its day (lookups ignore older ones)
    IdempotentRequest.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).delete()
    IdempotentRequest.objects.create(
        principal=sent.principal,
        key=sent.key,
        fingerprint=sent.fingerprint,
        status=response.status_code,
        content_type=response.get("Content-Type", ""),
        location=response.get("Location", ""),
        body=response.content,
    )
