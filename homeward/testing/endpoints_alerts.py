"""Authorisation-matrix rows for child alerts (see endpoints.py)."""

from __future__ import annotations

from homeward.testing.matrix import Endpoint

ALERTS_HTML_ENDPOINTS: list[Endpoint] = []
ALERTS_API_ENDPOINTS: list[Endpoint] = []
# reachable without signing in, on purpose: the CAP and Atom feeds, the public alert page
ALERTS_PUBLIC_ROUTES: set[str] = set()
