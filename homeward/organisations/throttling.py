"""How django-axes identifies the account in a failed sign-in.

allauth authenticates with `email=...`, not the form's `login` field; without this, axes would
see no account at all and lock the whole client address, i.e. a whole hotline's desks."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    candidates = [
        (credentials or {}).get("email"),
        (credentials or {}).get("login"),
        (credentials or {}).get("username"),
        request.POST.get("login") if request.method == "POST" else None,
    ]
    username = next((c for c in candidates if c), "")
    return str(username).strip().lower()
