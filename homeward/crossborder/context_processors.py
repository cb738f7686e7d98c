"""The layout's count of unread cross-border notices (one indexed count per page)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from homeward.crossborder import access
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission


def _unread(membership: Membership) -> int:
    return access.notifications_of(membership).filter(read_at__isnull=True).count()


def notifications(request: HttpRequest) -> dict[str, Any]:
    membership: Membership | None = getattr(request, "membership", None)
    if membership is None or not membership.has_perm(Permission.VIEW_CASES):
        return {}
    return {"xb_unread": SimpleLazyObject(lambda: _unread(membership))}
