"""Personal API tokens: `hw_<prefix>_<secret>`. Only a SHA-256 digest of the whole token is
stored; the prefix finds the row without a timing-sensitive lookup on the secret."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from homeward.organisations.models import ApiToken, Membership

TOKEN_PREFIX = "hw_"  # noqa: S105 (a marker, not a secret)
LAST_USED_RESOLUTION = timedelta(minutes=5)


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str


def generate_secret() -> tuple[str, str, str]:
    """Returns (full token, prefix, digest)."""
    prefix = secrets.token_hex(6)
    full = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    return full, prefix, digest_of(full)


def digest_of(full_token: str) -> str:
    return hashlib.sha256(full_token.encode()).hexdigest()


def membership_for_token(full_token: str) -> Membership | None:
    """The active membership a presented token acts as, or None for any failure (unknown,
    wrong secret, expired, revoked, deactivated user, membership or organisation)."""
    if not full_token.startswith(TOKEN_PREFIX):
        return None
    prefix = full_token[len(TOKEN_PREFIX) :].split("_", 1)[0]
    now = timezone.now()
    membership = (
        Membership.objects.select_related("user", "organisation")
        .filter(
            is_active=True,
            user__is_active=True,
            organisation__is_active=True,
            user__api_tokens__prefix=prefix,
            user__api_tokens__organisation=F("organisation"),
            user__api_tokens__revoked_at__isnull=True,
            user__api_tokens__expires_at__gt=now,
        )
        .annotate(
            token_id=F("user__api_tokens__pk"),
            token_digest=F("user__api_tokens__digest"),
            token_last_used_at=F("user__api_tokens__last_used_at"),
        )
        .first()
    )
    if membership is None or not hmac.compare_digest(
        membership.token_digest, digest_of(full_token)
    ):
        return None
    last_used = membership.token_last_used_at
    if last_used is None or now - last_used > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=membership.token_id).update(last_used_at=now)
    return membership
