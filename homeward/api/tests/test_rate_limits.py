"""API rate limits hold across web workers: the count lives in the shared cache (the database's
cache table, or Redis), never in one process's memory, and a client cannot pick its bucket."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import CacheHandler
from django.db import connection
from django.test import Client, RequestFactory
from ninja.throttling import SimpleRateThrottle

from homeward.api.throttling import SharedAnonRateThrottle, SharedAuthRateThrottle

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def _production_cache_backend(**env_extra: str) -> str:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("HOMEWARD_", "DJANGO_", "REDIS_URL"))
    }
    env.update(HOMEWARD_SECRET_KEY="x" * 50, DJANGO_SETTINGS_MODULE="homeward.config.settings")
    env.update(env_extra)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_outside_tests_the_cache_is_shared_by_every_process() -> None:
    assert _production_cache_backend() == "django.core.cache.backends.db.DatabaseCache"
    assert (
        _production_cache_backend(HOMEWARD_REDIS_URL="redis://127.0.0.1:6379/0")
        == "django.core.cache.backends.redis.RedisCache"
    )


def test_the_migrations_make_the_cache_table(settings) -> None:
    assert settings.SHARED_CACHE["LOCATION"] == settings.CACHE_TABLE
    assert settings.CACHE_TABLE in connection.introspection.table_names()
    if connection.vendor == "postgresql":  # no write-ahead log for counters (migration 0002)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT relpersistence FROM pg_class WHERE relname = %s", [settings.CACHE_TABLE]
            )
            assert cursor.fetchone() == ("u",)


@pytest.fixture
def shared_cache(settings) -> Iterator[None]:
    """The production cache (the database's table) instead of the tests' memory cache."""
    settings.CACHES = {"default": settings.SHARED_CACHE}
    yield


class _Actor:
    def __str__(self) -> str:
        return "user-42"


def _worker(throttle: SimpleRateThrottle) -> SimpleRateThrottle:
    """A web worker of its own: its own throttle and its own cache client."""
    throttle.cache = CacheHandler()["default"]
    return throttle


def test_two_workers_share_one_count(shared_cache: None) -> None:
    first, second = (_worker(SharedAuthRateThrottle("3/min")) for _ in range(2))
    assert first.cache is not second.cache
    request = RequestFactory().get("/api/v1/cases")
    request.auth = _Actor()  # type: ignore[attr-defined]
    allowed = [worker.allow_request(request) for worker in (first, second, first, second)]
    assert allowed == [True, True, True, False]
    wait = second.wait()
    assert wait is not None and 0 < wait <= 60
    other = RequestFactory().get("/api/v1/cases", REMOTE_ADDR="192.0.2.99")
    assert first.allow_request(other)  # anyone else has their own count


def test_anonymous_clients_share_the_count_across_workers_too(shared_cache: None) -> None:
    first, second = (_worker(SharedAnonRateThrottle("2/min")) for _ in range(2))
    request = RequestFactory().get("/api/v1/hotlines", REMOTE_ADDR="192.0.2.7")
    assert [first.allow_request(request), second.allow_request(request)] == [True, True]
    assert not first.allow_request(request) and not second.allow_request(request)


def test_a_forged_x_forwarded_for_does_not_pick_a_new_bucket(settings) -> None:
    from homeward.api.api import api as the_api

    assert isinstance(the_api.throttle, list)
    limit = the_api.throttle[0]
    assert isinstance(limit, SharedAnonRateThrottle)
    limit.rate, limit.num_requests, limit.duration = "3/min", 3, 60
    try:
        statuses = [
            Client(HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").get("/api/v1/hotlines").status_code
            for n in range(4)
        ]
    finally:
        limit.rate = settings.API_RATE_ANONYMOUS
        limit.num_requests, limit.duration = limit.parse_rate(limit.rate)
    assert statuses == [200, 200, 200, 429]
