"""The benchmark's baselines live outside the product: only bench.settings routes them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from pytest_django import Settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_homeward_s_own_urls_do_not_route_the_baselines(client: Client) -> None:
    assert client.get("/bench/cases?organisation=1").status_code == 404


@pytest.mark.django_db
def test_the_bench_settings_route_homeward_and_the_baselines(
    settings: Settings, client: Client
) -> None:
    settings.ROOT_URLCONF = "bench.urls"
    assert client.get("/healthz").status_code == 200
    assert client.get("/api/v1/cases").status_code == 401  # the API, authentication and all
    answer = client.get("/bench/cases", {"organisation": 1, "status": "open", "category": "x"})
    if connection.vendor == "postgresql":
        assert answer.status_code == 200
        assert answer.json() == {"count": 0, "page": 1, "page_size": 50, "items": []}
    else:
        assert answer.status_code == 501


def test_the_bench_settings_refuse_to_load_in_production() -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"HOMEWARD_DEMO", "HOMEWARD_DEBUG", "HOMEWARD_TESTING"}
    }
    env.update({"HOMEWARD_SECRET_KEY": "a-production-secret", "PYTHONPATH": str(ROOT)})
    result = subprocess.run(
        [sys.executable, "-c", "import bench.settings"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: bench.settings serves unauthenticated baselines" in result.stderr
