"""Authorisation-matrix rows for publicity appeals (see endpoints.py)."""

from __future__ import annotations

from homeward.testing.matrix import Endpoint

APPEALS_HTML_ENDPOINTS: list[Endpoint] = []
APPEALS_API_ENDPOINTS: list[Endpoint] = []
# reachable without signing in, on purpose: the appeals page and feed, the widget, photos,
# site registration
APPEALS_PUBLIC_ROUTES: set[str] = set()
