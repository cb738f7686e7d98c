"""What the staff pages' session.js asks: is this session still signed in, for how long; and
the page that the sign-in window lands on when a session that ended is renewed."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from homeward.organisations.access import signed_in_required
from homeward.organisations.middleware import seconds_left


@never_cache
@require_GET
@signed_in_required
def session_status(request: HttpRequest) -> HttpResponse:
    """Renews the idle window, as every request does (it is asked only after typing or "Stay
    signed in"), and says who is signed in, for how long, and the form token to send with the
    next form (it changes at each sign-in). A session that ended is a redirect to sign-in."""
    return JsonResponse(
        {
            "user": request.user.pk,
            "idle_seconds": settings.SESSION_COOKIE_AGE,
            "ends_in": seconds_left(request),
            "csrf_token": get_token(request),
        }
    )


@never_cache
@signed_in_required
def session_restored(request: HttpRequest) -> HttpResponse:
    """Where the sign-in window opened by session.js lands: the window that was waiting sends
    its form."""
    return render(request, "organisations/session_restored.html")
