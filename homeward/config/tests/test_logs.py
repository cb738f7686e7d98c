"""What reaches the logs: never a child's name from a query string, a path or an exception
message, whichever logger writes the line; and request ids the client cannot choose."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Callable, Iterator
from logging.config import dictConfig
from typing import Any

import pytest
from django.conf import settings
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory

from homeward.audit.models import AuditEvent
from homeward.config.gunicorn import GunicornLogger
from homeward.config.middleware import RequestIdMiddleware
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db

NAME = "Ottilie Vandersmissen"  # an invented child
NAME_FORMS = ("ottilie", "vandersmissen")  # any spelling: plain, %20, +, JSON-escaped


def _leaks(output: str) -> list[str]:
    lowered = output.lower()
    return [form for form in NAME_FORMS if form in lowered]


class ProductionLogs:
    """The production logging configuration (settings.LOGGING), writing to standard error as
    captured by pytest, configured at the first read so that its handlers hold the stream of
    the test's own phase."""

    def __init__(self, capfd: pytest.CaptureFixture[str]) -> None:
        self.capfd = capfd
        dictConfig(settings.LOGGING)
        capfd.readouterr()

    def readouterr(self) -> Any:
        return self.capfd.readouterr()


@pytest.fixture
def logs(capfd: pytest.CaptureFixture[str]) -> Iterator[Any]:
    yield lambda: ProductionLogs(capfd)
    for handler in logging.getLogger().handlers:  # not the closed capture stream
        if handler.name == "console" and isinstance(handler, logging.StreamHandler):
            handler.stream = sys.__stderr__


def _lines(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def _fail_with_the_query(q: str, **kwargs: Any) -> Any:
    raise ValueError(f"no child matches {q!r}")  # an exception that quotes the input


@pytest.mark.parametrize(
    ("url", "target"),
    [
        (f"/cases/?q={NAME.replace(' ', '+')}", "homeward.cases.views.lists.search.search_cases"),
        (
            f"/api/v1/search/children?q={NAME.replace(' ', '%20')}",
            "homeward.cases.api.search.search.search_children",
        ),
    ],
)
def test_a_failing_request_logs_no_name_from_the_query_string(
    cast: Cast,
    logs: Callable[[], ProductionLogs],
    monkeypatch: pytest.MonkeyPatch,
    url: str,
    target: str,
) -> None:
    monkeypatch.setattr(target, lambda membership, q, *args, **kw: _fail_with_the_query(q))
    captured = logs()
    client = Client(raise_request_exception=False)
    client.force_login(cast.user("be_operator"))
    response = client.get(url, HTTP_X_REQUEST_ID=f"req-{NAME.replace(' ', '-')}")
    assert response.status_code == 500
    output = captured.readouterr().err
    errors = [line for line in _lines(output) if line["logger"] == "django.request"]
    assert errors, repr(output)  # the failure is logged ...
    assert errors[0]["message"].startswith("Internal Server Error: /")
    assert errors[0]["request_id"] == response["X-Request-ID"]
    assert "ValueError: [redacted]" in errors[0]["exc_info"]  # ... with its type and stack
    assert "_fail_with_the_query" in errors[0]["exc_info"]
    assert _leaks(output) == [], output  # ... but not the name, anywhere


def test_path_segments_and_query_strings_are_redacted_for_every_logger(
    logs: Callable[[], ProductionLogs],
) -> None:
    captured = logs()
    logging.getLogger("django.server").error(
        '"%s" %s %s', "GET /children/Ottilie-Vandersmissen/?q=Ottilie HTTP/1.1", "500", "12"
    )
    logging.getLogger("homeward.cases").warning(
        "import failed at %s", "https://homeward.test/cases/7/?family=Vandersmissen"
    )
    logging.getLogger("homeward.cases").warning("f-string: /crossborder/3/photos/ottilie/")
    output = captured.readouterr().err
    messages = [line["message"] for line in _lines(output)]
    assert messages == [
        '"GET /children/[redacted]/?[redacted] HTTP/1.1" 500 12',
        "import failed at https://homeward.test/cases/7/?[redacted]",
        "f-string: /crossborder/3/photos/[redacted]/",
    ]
    assert _leaks(output) == []


def test_chained_exceptions_keep_their_stack_but_not_their_messages(
    logs: Callable[[], ProductionLogs],
) -> None:
    captured = logs()
    try:
        try:
            raise KeyError(NAME)
        except KeyError as first:
            raise RuntimeError(f"lookup of {NAME} failed") from first
    except RuntimeError:
        logging.getLogger("homeward.test").exception("lookup failed")
    try:
        raise OperationalError("could not connect to server: Connection refused")
    except OperationalError:  # an outage's cause quotes no value, and operators need it
        logging.getLogger("homeward.test").exception("database away")
    output = captured.readouterr().err
    line, outage = _lines(output)
    assert outage["exc_info"].endswith(
        "OperationalError: could not connect to server: Connection refused"
    )
    assert re.search(
        r"KeyError: \[redacted\].*direct cause.*RuntimeError: \[redacted\]",
        line["exc_info"],
        re.DOTALL,
    )
    assert _leaks(output) == []


def test_gunicorn_error_and_access_logs_are_redacted(capfd: pytest.CaptureFixture[str]) -> None:
    from gunicorn.config import Config

    config = Config()
    config.set("accesslog", "-")
    gunicorn_log = GunicornLogger(config)
    try:
        raise OSError("client went away")
    except OSError:
        gunicorn_log.error_log.exception(
            "Error handling request %s", "/api/v1/cases?q=Ottilie+Vandersmissen"
        )
    gunicorn_log.access_log.info(
        '{"path":"%(U)s","status":%(s)s}', {"U": "/children/Ottilie/", "s": "500"}
    )
    output = capfd.readouterr()
    assert "Error handling request /api/v1/cases?[redacted]" in output.err
    assert '{"path":"/children/[redacted]/","status":500}' in output.out
    assert _leaks(output.err + output.out) == []


@pytest.mark.parametrize(
    "path",
    [
        "/cases/Ottilie Vandersmissen/",
        "/api/v1/children/Ottilie Vandersmissen",
        "/x/Ottilie'Vandersmissen/",
        '/x/a","status":200,"request_id":"forged","user":"Ottilie Vandersmissen',
        "/x/Ottilie\tVandersmissen\u202f/",
    ],
)
def test_the_access_log_redacts_whole_segments_and_stays_json(
    capfd: pytest.CaptureFixture[str], path: str
) -> None:
    from datetime import timedelta
    from types import SimpleNamespace

    from gunicorn.config import Config

    from homeward.config.gunicorn import ACCESS_LOG_FORMAT

    config = Config()
    config.set("accesslog", "-")
    config.set("access_log_format", ACCESS_LOG_FORMAT)
    environ = {
        "REQUEST_METHOD": "GET", "RAW_URI": path, "PATH_INFO": path, "QUERY_STRING": "q=Ottilie",
        "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
    }  # fmt: skip
    response = SimpleNamespace(status="404 Not Found", sent=10, headers=[("X-Request-ID", "ab12")])
    GunicornLogger(config).access(response, SimpleNamespace(headers=[]), environ, timedelta(0))
    line = capfd.readouterr().out.strip().splitlines()[-1]
    logged = json.loads(line)  # still one JSON object
    assert logged["status"] == 404 and logged["request_id"] == "ab12"
    assert _leaks(line) == [] and "[redacted]" in logged["path"]


HOSTILE_IDS = [
    "x" * 5000,
    "req-1234\r\nX-Injected: 1",
    'req-1234\n{"level": "ERROR"}',
    "req\x00\x1b[31m-1234",
    f"{NAME} 2015-03-02",
    "req-Ottilie-Vandersmissen",  # what a proxy's id looks like, yet a name
    "0123456789abcdef",  # well formed: logged beside ours, never instead
]


@pytest.mark.parametrize("hostile", HOSTILE_IDS)
def test_a_client_request_id_never_becomes_ours(
    cast: Cast, logs: Callable[[], ProductionLogs], hostile: str
) -> None:
    client = Client()
    client.force_login(cast.user("be_admin"))
    member = cast.member("be_operator")
    response = client.post(
        f"/organisation/members/{member.pk}/", {"role": "supervisor"}, HTTP_X_REQUEST_ID=hostile
    )
    assert response.status_code == 302
    ours = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", ours)
    event = AuditEvent.objects.get(action="organisations.member.change_role")
    assert event.request_id == ours
    inside = _middleware_logs(hostile, logs())
    assert re.fullmatch(r"[0-9a-f]{32}", inside["request_id"])
    if hostile == "0123456789abcdef":
        assert inside["client_request_id"] == hostile
    else:
        assert "client_request_id" not in inside
        assert hostile not in json.dumps(inside) and "X-Injected" not in json.dumps(inside)


def test_a_well_formed_client_request_id_is_logged_beside_ours(
    logs: Callable[[], ProductionLogs],
) -> None:
    inside = _middleware_logs("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", logs())
    assert inside["client_request_id"] == "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
    assert inside["request_id"] != "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"


def _middleware_logs(header: str, captured: ProductionLogs) -> dict[str, Any]:
    """The log line of a request that logs once, as RequestIdMiddleware binds it."""

    def view(request: HttpRequest) -> HttpResponse:
        logging.getLogger("homeward.test").warning("inside the request")
        return HttpResponse("ok")

    request = RequestFactory().get("/healthz", HTTP_X_REQUEST_ID=header)
    response = RequestIdMiddleware(view)(request)
    output = captured.readouterr().err
    (line,) = _lines(output)
    assert line["request_id"] == response["X-Request-ID"]
    return line


def test_an_outage_is_one_line_per_request_not_a_traceback(
    cast: Cast, logs: Callable[[], ProductionLogs], monkeypatch: pytest.MonkeyPatch
) -> None:
    def lost(*args: object, **kwargs: object) -> None:
        raise OperationalError("server closed the connection unexpectedly\n\tThis probably ...")

    monkeypatch.setattr("homeward.organisations.access.members_of", lost)
    captured = logs()
    client = Client(raise_request_exception=False)
    client.force_login(cast.user("be_admin"))
    assert client.get("/organisation/members/").status_code == 503
    errors = [
        line for line in _lines(captured.readouterr().err) if line["logger"] == "django.request"
    ]
    assert [e["exc_info"] for e in errors] == [
        "database unavailable: OperationalError: server closed the connection unexpectedly"
    ]
