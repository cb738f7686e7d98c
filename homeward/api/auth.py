"""Session (browser, CSRF-checked) and bearer-token (machines) authentication."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer

from homeward.organisations.access import Actor, MfaRequired, lacks_required_mfa, show_times_in
from homeward.organisations.tokens import membership_for_token


class SessionActor(APIKeyCookie):
    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Actor | None:
        if not request.user.is_authenticated:
            return None
        return Actor(user=request.user, membership=getattr(request, "membership", None))


class TokenActor(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Actor | None:
        membership = membership_for_token(token)
        if membership is None:
            return None
        # A token is only as strong as its owner's sign-in: while the organisation's MFA policy
        # stops them in the browser, it stops their tokens too (MFA removed after the token
        # was made, or never set up in a deployment that turned the policy on later).
        if lacks_required_mfa(membership.user, membership):
            raise MfaRequired("Set up two-factor authentication first.")
        show_times_in(membership.organisation)  # as for a signed-in member
        return Actor(user=membership.user, membership=membership, via_token=True)
