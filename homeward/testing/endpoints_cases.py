"""Authorisation-matrix rows for contacts, cases and children (see endpoints.py)."""

from __future__ import annotations

from homeward.testing.matrix import Endpoint

CASES_HTML_ENDPOINTS: list[Endpoint] = []
CASES_API_ENDPOINTS: list[Endpoint] = []
