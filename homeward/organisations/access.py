"""Scoped reads. Views and API handlers fetch through these functions, never through
`Model.objects` directly: "does not exist" and "not yours" are the same 404, and a member
without the permission gets 403."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any
from zoneinfo import ZoneInfo

from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone

from homeward.audit.actions import record_read
from homeward.organisations.models import (
    ApiToken,
    Hotline,
    Invitation,
    Membership,
    Organisation,
    User,
)
from homeward.organisations.roles import Permission, role_requires_mfa

ViewFunc = Callable[..., HttpResponseBase]


def active_memberships(user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user, is_active=True, organisation__is_active=True)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def membership_for(user: User, organisation_id: int | None) -> Membership | None:
    """The user's active membership in that organisation (None if she has none there), or,
    for a session that has not chosen one yet, the membership she has held longest: joining
    another organisation never changes where she starts."""
    memberships = active_memberships(user)
    if organisation_id is not None:
        return memberships.filter(organisation_id=organisation_id).first()
    return memberships.order_by("created_at", "pk").first()


def require_permission(membership: Membership, permission: Permission) -> None:
    if not membership.has_perm(permission):
        raise PermissionDenied(f"your role cannot {permission.label.lower()}")


def require_own(membership: Membership, organisation_id: int | None, what: str) -> None:
    """Every action's re-check of what the access layer already hides: another organisation's
    object is a 404 (`Http404`, which the pages and the API both answer as not found), never a
    403 or a 422 that would tell it exists, however the caller came by the object."""
    if organisation_id != membership.organisation_id:
        raise Http404(f"no such {what}")


def staff_user(request: HttpRequest) -> User:
    """The signed-in user of a view that `member_required` already guards."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied("sign in first")
    return user


def current_membership(request: HttpRequest) -> Membership:
    membership: Membership | None = getattr(request, "membership", None)
    if membership is None:
        raise PermissionDenied("you are not an active member of any organisation")
    return membership


def member_required(permission: Permission | None = None) -> Callable[[ViewFunc], ViewFunc]:
    """Sign-in, an active membership and (optionally) a permission in the current organisation."""

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request)
            if getattr(request, "membership", None) is None and request.method == "GET":
                # Signed in but a member nowhere (yet): her invitations are all there is.
                from django.shortcuts import redirect

                return redirect("invitation_list")
            membership = current_membership(request)
            if permission is not None:
                require_permission(membership, permission)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def signed_in_required(view: ViewFunc) -> ViewFunc:
    """Sign-in only, no membership: for what concerns the person herself (her invitations)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request)
        return view(request, *args, **kwargs)

    return wrapped


# --- two-factor authentication ------------------------------------------------------------------


class MfaRequired(PermissionDenied):
    """The organisation's MFA policy stops this member (session or token) until they set up
    TOTP or a passkey. The API answers it 403 `mfa_required`."""


def lacks_required_mfa(user: User, membership: Membership) -> bool:
    """With MFA required (settings.REQUIRE_MFA), a role that reaches personal data and no TOTP
    or passkey: the member may not reach anything. One query, and only in that case."""
    if not settings.REQUIRE_MFA or not role_requires_mfa(membership.role):
        return False
    from allauth.mfa.utils import is_mfa_enabled

    return not is_mfa_enabled(user)


def recently_verified(request: HttpRequest, user: User) -> bool:
    """Whether this session proved it is `user` within API_TOKEN_RECENT_AUTH_SECONDS, with the
    strongest factor they have: a TOTP code, recovery code or passkey (at sign-in or when
    re-authenticating) for someone with MFA, else the password. allauth records each step of a
    sign-in or re-authentication in the session with its time."""
    from allauth.account.authentication import get_authentication_records
    from allauth.mfa.utils import is_mfa_enabled

    needs_mfa = is_mfa_enabled(user)
    since = time.time() - settings.API_TOKEN_RECENT_AUTH_SECONDS
    return any(
        float(record.get("at", 0)) >= since and (record.get("method") == "mfa" or not needs_mfa)
        for record in get_authentication_records(request, user)
    )


def redirect_to_login(request: HttpRequest) -> HttpResponse:
    from django.contrib.auth.views import redirect_to_login as django_redirect_to_login

    return django_redirect_to_login(request.get_full_path())


# --- members ----------------------------------------------------------------------------------


def members_of(membership: Membership) -> QuerySet[Membership]:
    require_permission(membership, Permission.MANAGE_MEMBERS)
    return Membership.objects.filter(organisation=membership.organisation).select_related("user")


def access_member_by_id(membership: Membership, member_id: int) -> Membership:
    try:
        return members_of(membership).get(pk=member_id)
    except Membership.DoesNotExist:
        raise Http404("no such member") from None


def invitations_of(membership: Membership) -> QuerySet[Invitation]:
    """The organisation's invitations still open, for its member admins. Each shows the address
    the admin typed and nothing about an account there."""
    require_permission(membership, Permission.MANAGE_MEMBERS)
    return Invitation.objects.pending().filter(organisation=membership.organisation)


def access_invitation_by_id(membership: Membership, invitation_id: int) -> Invitation:
    try:
        return invitations_of(membership).get(pk=invitation_id)
    except Invitation.DoesNotExist:
        raise Http404("no such invitation") from None


def invitations_for(user: User) -> QuerySet[Invitation]:
    """The open invitations addressed to the user, from active organisations."""
    return (
        Invitation.objects.pending()
        .filter(invitee=user, organisation__is_active=True)
        .select_related("organisation")
        .order_by("created_at")
    )


def access_my_invitation_by_id(user: User, invitation_id: int) -> Invitation:
    """One of the user's open invitations; someone else's, or one no longer open, is a 404."""
    try:
        return invitations_for(user).get(pk=invitation_id)
    except Invitation.DoesNotExist:
        raise Http404("no such invitation") from None


def staff_emails(user_ids: set[int]) -> dict[int, str]:
    """E-mail addresses of staff, for naming actors in the audit trail."""
    return dict(User.objects.filter(pk__in=user_ids).values_list("pk", "email"))


def staff_id_by_email(email: str) -> int | None:
    return User.objects.filter(email=email.strip().lower()).values_list("pk", flat=True).first()


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).select_related("organisation")


def access_token_by_id(user: User, token_id: int) -> ApiToken:
    try:
        return tokens_of(user).get(pk=token_id)
    except ApiToken.DoesNotExist:
        raise Http404("no such token") from None


# --- public directory -------------------------------------------------------------------------


def listed_hotlines(country: str | None = None) -> QuerySet[Hotline]:
    hotlines = Hotline.objects.filter(is_listed=True, organisation__is_active=True).select_related(
        "organisation"
    )
    if country:
        hotlines = hotlines.filter(country=country.upper())
    return hotlines.order_by("country", "name")


def show_times_in(organisation: Organisation) -> None:
    """Times on this request's pages and texts in the organisation's own zone (stored in UTC).
    CurrentOrganisationMiddleware deactivates it after every request."""
    timezone.activate(ZoneInfo(organisation.time_zone))


# --- API principals ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Actor:
    """Who an API request acts as: a signed-in user (session) or a token's holder, in one
    organisation. `membership` is None for staff without an active membership."""

    user: User
    membership: Membership | None
    via_token: bool = False

    def __str__(self) -> str:  # the API's rate limiter keys on this
        return f"user-{self.user.pk}"

    def require_membership(self) -> Membership:
        if self.membership is None:
            raise PermissionDenied("you are not an active member of any organisation")
        return self.membership


def who(request: HttpRequest) -> Membership:
    """The membership an API request acts as, in the current organisation (else 403); the
    acting user is its user."""
    actor: Actor = request.auth  # type: ignore[attr-defined]
    return actor.require_membership()


def record_read_by(
    membership: Membership, action: str, target: models.Model, fields: list[str]
) -> None:
    """Logs a member's read of personal data in the audit trail."""
    record_read(
        actor=membership.user,
        organisation=membership.organisation,
        action=action,
        target=target,
        fields=fields,
    )


def failed_sign_ins(membership: Membership, limit: int) -> list[AccessAttempt]:
    """Sign-ins refused for the organisation's members and not yet followed by a successful
    one (django-axes keeps them until then): the account, the client address, the count."""
    require_permission(membership, Permission.VIEW_AUDIT)
    emails = Membership.objects.filter(organisation=membership.organisation).values("user__email")
    return list(AccessAttempt.objects.filter(username__in=emails).order_by("-attempt_time")[:limit])
