"""Sign-in and sign-out go into the audit trail; sign-in also starts the absolute session clock."""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest

from homeward.organisations import actions
from homeward.organisations.middleware import LOGIN_AT_SESSION_KEY
from homeward.organisations.models import User


@receiver(user_logged_in)
def on_sign_in(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    request.session[LOGIN_AT_SESSION_KEY] = time.time()
    actions.record_sign_in(user=user)


@receiver(user_logged_out)
def on_sign_out(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        actions.record_sign_out(user=user)
