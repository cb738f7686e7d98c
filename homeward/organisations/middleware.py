"""Per-request staff context: session lifetime, the current organisation, enforced MFA."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation

from homeward.core.api_types import parse_id
from homeward.core.idempotency import FORM_ORGANISATION_FIELD, FORM_TOKEN_FIELD
from homeward.organisations.access import lacks_required_mfa, membership_for, show_times_in
from homeward.organisations.models import User

LOGIN_AT_SESSION_KEY = "homeward_login_at"
ORGANISATION_SESSION_KEY = "homeward_organisation_id"

# Pages a signed-in user must reach before MFA is set up: the sign-in and MFA pages
# themselves, the session status, static files and the health checks.
_MFA_EXEMPT_PREFIXES = (
    "/accounts/",
    "/account/session/",  # session.js asks it on the MFA pages too; it shows no personal data
    "/static/",
    "/healthz",
    "/readyz",
    "/i18n/",
)


def seconds_left(request: HttpRequest) -> int:
    """How long the signed-in session has before its absolute limit (12 hours from sign-in)."""
    login_at = float(request.session.get(LOGIN_AT_SESSION_KEY) or time.time())
    return max(0, int(settings.SESSION_ABSOLUTE_SECONDS - (time.time() - login_at)))


class SessionLifetimeMiddleware:
    """Ends a session 12 hours after sign-in however active it was. The idle limit is the
    session cookie age, renewed on every request (SESSION_SAVE_EVERY_REQUEST)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            login_at = request.session.get(LOGIN_AT_SESSION_KEY)
            if login_at is None:
                request.session[LOGIN_AT_SESSION_KEY] = time.time()
            elif time.time() - float(login_at) > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                if not request.path.startswith("/api/"):
                    return redirect(f"{reverse('account_login')}?expired=1")
        return self.get_response(request)


class UserLanguageMiddleware:
    """A signed-in member sees her pages in the language she last chose (User.language), in
    any browser; the language cookie follows it, so the pages stay in it after she signs out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if language := _chosen_language(request):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        language = _chosen_language(request)  # signed in, or switched, meanwhile
        cookie = settings.LANGUAGE_COOKIE_NAME
        if language and request.COOKIES.get(cookie) != language and cookie not in response.cookies:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


def _chosen_language(request: HttpRequest) -> str:
    user = request.user
    return user.language if isinstance(user, User) else ""


class CurrentOrganisationMiddleware:
    """Puts the signed-in user's current membership on `request.membership` (None for the
    public and for staff without an active membership), and shows times in its time zone.
    A session works in one organisation, kept in the session, until she switches; when that
    membership ends, so does the session."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.membership = None  # type: ignore[attr-defined]
        if request.user.is_authenticated:
            wanted = request.session.get(ORGANISATION_SESSION_KEY)
            membership = membership_for(request.user, wanted)
            if membership is None and wanted is not None:
                # The session's organisation is no longer hers (membership or organisation
                # deactivated): the session ends rather than carrying on somewhere else.
                logout(request)
            elif membership is not None and wanted is None:
                # A session keeps the organisation it started in until she switches, so a
                # membership gained or regained meanwhile never moves it.
                request.session[ORGANISATION_SESSION_KEY] = membership.organisation_id
            request.membership = membership  # type: ignore[attr-defined]
            if membership is not None:
                show_times_in(membership.organisation)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class RequireMfaMiddleware:
    """In production, a member whose role reaches personal data must set up MFA first. (Their
    API tokens are refused the same way: homeward.api.auth.TokenActor.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.REQUIRE_MFA and self._needs_mfa(request):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {
                        "code": "mfa_required",
                        "message": "Set up two-factor authentication first.",
                        "errors": [],
                    },
                    status=403,
                )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _needs_mfa(request: HttpRequest) -> bool:
        if not request.user.is_authenticated or request.path.startswith(_MFA_EXEMPT_PREFIXES):
            return False
        membership = getattr(request, "membership", None)
        if membership is None:
            return False
        return lacks_required_mfa(request.user, membership)


SEND_IN_FORM_ORGANISATION = "send_in_form_organisation"
CSRF_FIELD = "csrfmiddlewaretoken"
# what a form carries besides what was typed: sent again, not shown as typed
_FORM_MACHINERY = (FORM_TOKEN_FIELD, FORM_ORGANISATION_FIELD, "seen", "next")
_FORMSET_MACHINERY = ("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS", "-MAX_NUM_FORMS")


class FormOrganisationMiddleware:
    """A form carries the organisation it was opened in (`{% form_token %}`). Sent after its
    sender switched organisation (in another tab), it is done in neither: the answer says
    the organisation changed, shows what was typed, and can send it again in the form's own
    organisation, switching back to it, when she is still a member there."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        membership = getattr(request, "membership", None)
        if request.method != "POST" or membership is None or request.path.startswith("/api/"):
            return self.get_response(request)
        opened_in = parse_id(request.POST.get(FORM_ORGANISATION_FIELD))
        if opened_in is None or opened_in == membership.organisation_id:
            return self.get_response(request)
        there = membership_for(membership.user, opened_in)
        if there is not None and request.POST.get(SEND_IN_FORM_ORGANISATION):
            request.session[ORGANISATION_SESSION_KEY] = there.organisation_id
            request.membership = there  # type: ignore[attr-defined]
            show_times_in(there.organisation)
            return self.get_response(request)
        sent = [
            (name, value)
            for name, values in request.POST.lists()
            if name not in (CSRF_FIELD, SEND_IN_FORM_ORGANISATION)
            for value in values
        ]
        return render(
            request,
            "organisations/organisation_changed.html",
            {
                "opened_in": there,
                "sent": sent,
                "typed": [(name, value) for name, value in sent if _typed(name, value)],
                "resend_field": SEND_IN_FORM_ORGANISATION,
            },
            status=409,
        )


def _typed(name: str, value: str) -> bool:
    machinery = (
        name in _FORM_MACHINERY or name.startswith("initial-") or name.endswith(_FORMSET_MACHINERY)
    )
    return not machinery and bool(value.strip())
