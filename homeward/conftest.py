from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import translation
from pytest_django import Settings

from homeward.audit import triggers
from homeward.testing.cast import Cast, build_cast

pytest_plugins = ["homeward.testing.browser"]


@pytest.fixture(autouse=True)
def _fast_hashing_and_clean_cache(
    settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    # Argon2 is the production hasher; tests only need a hasher, not a slow one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.PRIVATE_MEDIA_ROOT = tmp_path_factory.mktemp("private")
    settings.PUBLIC_MEDIA_ROOT = tmp_path_factory.mktemp("public")
    cache.clear()
    yield
    cache.clear()
    # A request in another language (Accept-Language) leaves it active in this thread, as
    # LocaleMiddleware activates without deactivating; the next test starts in the default.
    translation.deactivate()


@pytest.fixture
def cast(db: None) -> Cast:
    return build_cast()


@pytest.fixture
def committed_db(transactional_db: None) -> Iterator[None]:
    """A database whose transactions really commit, with the audit triggers on. On SQLite they
    come off just before pytest-django empties the tables after the test (a DELETE they would
    refuse); PostgreSQL empties them with TRUNCATE, which row triggers do not see."""
    triggers.install(connection)
    yield
    if connection.vendor == "sqlite":
        triggers.remove(connection)
