from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from homeward.organisations.access import active_memberships, invitations_for
from homeward.organisations.middleware import seconds_left
from homeward.organisations.models import User
from homeward.organisations.roles import Permission


def membership(request: HttpRequest) -> dict[str, Any]:
    """What the layout needs: the current membership, the others to switch to, and the
    current permissions for building the navigation."""
    current = getattr(request, "membership", None)
    context: dict[str, Any] = {
        "membership": current,
        "perms_": frozenset(),
        "Permission": Permission,
        "demo_mode": settings.DEMO,
        "mfa_required": settings.REQUIRE_MFA,
        "network_name": settings.HOMEWARD_NETWORK_NAME,
    }
    user = getattr(request, "user", None)
    if isinstance(user, User):
        context["open_invitations"] = invitations_for(user).count()
        context["session_limits"] = {
            "idle": settings.SESSION_COOKIE_AGE,
            "warning": settings.SESSION_WARNING_SECONDS,
            "ends_in": seconds_left(request),
        }
    if current is not None:
        context["perms_"] = frozenset(p.value for p in current.permissions)
        context["other_memberships"] = [
            m for m in active_memberships(current.user) if m.pk != current.pk
        ]
    return context
