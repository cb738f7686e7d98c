"""Health checks, database outages, production settings, request ids and logs."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.test import Client

from homeward.audit.models import AuditEvent
from homeward.organisations import actions
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def _db_down(*args: object, **kwargs: object) -> None:
    raise OperationalError("could not connect to server: Connection refused")


def test_healthz_and_readyz_answer_when_all_is_well() -> None:
    assert Client().get("/healthz").json() == {"status": "ok"}
    assert Client().get("/readyz").json() == {"status": "ok", "database": "ok"}


def test_readyz_is_503_when_the_database_is_unreachable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(connection, "cursor", _db_down)
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert Client().get("/healthz").status_code == 200


def test_an_outage_during_a_page_is_503_not_a_traceback(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(cast.user("be_admin"))
    monkeypatch.setattr("homeward.organisations.access.members_of", _db_down)
    response = client.get("/organisation/members/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    content = response.content.decode()
    assert "temporarily unavailable" in content and "Traceback" not in content


def test_an_outage_during_an_api_call_is_503_json(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(cast.user("be_admin"))
    monkeypatch.setattr("homeward.organisations.access.members_of", _db_down)
    response = client.get("/api/v1/members")
    assert response.status_code == 503
    assert response.json()["code"] == "service_unavailable"
    assert response["Retry-After"] == "30"


def test_an_outage_before_the_view_is_503_too(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(cast.user("be_admin"))
    monkeypatch.setattr("homeward.organisations.middleware.membership_for", _db_down)
    response = client.get("/dashboard/")
    assert response.status_code == 503


def test_a_session_that_cannot_be_saved_in_an_outage_is_503_not_400(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The session is saved after the view (its idle limit is renewed on every request); when
    the database goes away then, Django calls it a bad request. It is an outage: retry."""
    from django.contrib.sessions.models import Session

    client = Client(raise_request_exception=False)
    client.force_login(cast.user("be_operator"))

    def lost(self: object, **kwargs: object) -> None:
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(Session, "save", lost)
    response = client.get("/dashboard/")
    assert response.status_code == 503 and response["Retry-After"] == "30"


def test_a_failed_write_leaves_nothing_half_written(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = AuditEvent.objects.count()

    def audit_fails(**kwargs: object) -> None:
        raise OperationalError("connection lost")

    monkeypatch.setattr("homeward.organisations.actions.record_event", audit_fails)
    with pytest.raises(OperationalError):
        actions.change_role(
            membership=cast.member("be_admin"),
            member=cast.member("be_operator"),
            role="supervisor",
        )
    cast.member("be_operator").refresh_from_db()
    assert cast.member("be_operator").role == "operator"
    assert AuditEvent.objects.count() == before


def test_requests_carry_an_id_into_the_audit_trail(cast: Cast) -> None:
    client = Client(REMOTE_ADDR="192.0.2.10")
    client.force_login(cast.user("be_admin"))
    response = client.post(
        f"/organisation/members/{cast.member('be_operator').pk}/",
        {"role": "supervisor"},
        HTTP_X_REQUEST_ID="0123456789abcdef",
    )
    ours = response["X-Request-ID"]
    assert ours != "0123456789abcdef" and len(ours) == 32  # Homeward's own, never the client's
    event = AuditEvent.objects.get(action="organisations.member.change_role")
    assert event.request_id == ours
    assert event.client_address == "192.0.2.10"
    other = client.get("/dashboard/")
    assert len(other["X-Request-ID"]) == 32 and other["X-Request-ID"] != ours


def test_logs_are_json_lines_with_the_request_id(capfd: pytest.CaptureFixture[str]) -> None:
    from logging.config import dictConfig

    from django.conf import settings

    dictConfig(settings.LOGGING)
    logging.getLogger("homeward.test").warning("something happened")
    line = capfd.readouterr().err.strip().splitlines()[-1]
    record = json.loads(line)
    assert record["message"] == "something happened"
    assert record["level"] == "WARNING" and "request_id" in record


def test_production_settings_pass_the_deploy_check(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("HOMEWARD_", "DJANGO_", "DATABASE_URL"))
    }
    env.update(
        {
            "HOMEWARD_SECRET_KEY": "x" * 20
            + "a-long-random-production-secret-0123456789-abcdefghij",
            "HOMEWARD_ALLOWED_HOSTS": "homeward.example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        }
    )
    result = subprocess.run(  # noqa: S603
        [
            str(Path(sys.executable).parent / "homeward"),
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOMEWARD_")}
    result = subprocess.run(  # noqa: S603
        [str(Path(sys.executable).parent / "homeward"), "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "HOMEWARD_SECRET_KEY must be set" in result.stderr
