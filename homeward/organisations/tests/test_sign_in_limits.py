"""Behind a proxy, the sign-in limits count each client by its own address: one guesser must
not lock out every member of the network, who all reach Homeward through the same proxy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

from homeward.testing.cast import PASSWORD, Cast

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]
PROXY = "10.0.0.1"


def test_one_setting_tells_every_limit_how_many_proxies_to_trust() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HOMEWARD_", "DJANGO_"))}
    env.update(
        HOMEWARD_SECRET_KEY="x" * 50,
        HOMEWARD_TRUSTED_PROXIES="1",
        DJANGO_SETTINGS_MODULE="homeward.config.settings",
    )
    code = (
        "from django.conf import settings as s; print(s.ALLAUTH_TRUSTED_PROXY_COUNT,"
        " s.AXES_IPWARE_PROXY_COUNT, s.NINJA_NUM_PROXIES, s.AXES_IPWARE_META_PRECEDENCE_ORDER[0])"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["1", "1", "1", "HTTP_X_FORWARDED_FOR"]


@override_settings(
    ALLAUTH_TRUSTED_PROXY_COUNT=1,
    AXES_IPWARE_PROXY_COUNT=1,
    AXES_IPWARE_META_PRECEDENCE_ORDER=["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
)
def test_behind_a_proxy_one_guesser_does_not_lock_out_the_others(cast: Cast) -> None:
    guesser = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5")
    answers = [
        guesser.post(
            "/accounts/login/", {"login": f"nobody{n}@cast.test", "password": "guess"}
        ).status_code
        for n in range(32)
    ]
    assert answers[-1] == 429  # the guesser is stopped ...
    colleague = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    signed_in = colleague.post(
        "/accounts/login/", {"login": "fr_operator@cast.test", "password": PASSWORD}
    )
    assert signed_in.status_code == 302  # ... and a colleague behind the same proxy is not
