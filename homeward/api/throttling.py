"""The API's rate limits, counted in the shared cache (the database's cache table, or Redis)
so that 60 a minute means 60 a minute however many web workers answer.

django-ninja's own throttles keep each client's request times as one list in the cache and
write the whole list back on every request: up to 600 timestamps for a token holder, and two
workers reading the same list at once each write their own copy, losing the other's request.
Here each client has one small counter per window instead: `incr` counts (atomically on
Redis; on the database cache two requests at the very same moment may count once) and `add`
creates it for the window's first request."""

from __future__ import annotations

import time

from django.core.cache.backends.base import BaseCache
from django.http import HttpRequest
from ninja.throttling import AnonRateThrottle, AuthRateThrottle, SimpleRateThrottle


class _FixedWindow(SimpleRateThrottle):
    def allow_request(self, request: HttpRequest) -> bool:
        if self.num_requests is None or self.duration is None:
            return True
        key = self.get_cache_key(request)
        if key is None:
            return True
        window = int(time.time() // self.duration)
        return count_in_window(self.cache, f"{key}_{window}", self.duration) <= self.num_requests

    def wait(self) -> float | None:
        if self.duration is None:
            return None
        return self.duration - time.time() % self.duration


def count_in_window(cache: BaseCache, key: str, duration: int) -> int:
    """This request's number in its window (1 for the first). Counting first and creating the
    counter only when it is missing keeps a request to one write."""
    try:
        return int(cache.incr(key))
    except ValueError:  # the window's first request (or its counter just expired)
        if cache.add(key, 1, timeout=duration + 1):
            return 1
        return int(cache.incr(key))  # another worker created it meanwhile


class SharedAnonRateThrottle(_FixedWindow, AnonRateThrottle):
    """Anonymous clients, by address (REMOTE_ADDR, or the proxy's X-Forwarded-For entry
    when NINJA_NUM_PROXIES says a proxy is in front)."""


class SharedAuthRateThrottle(_FixedWindow, AuthRateThrottle):
    """Signed-in users and token holders, by user (access.Actor's str)."""
