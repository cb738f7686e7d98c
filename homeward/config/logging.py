"""Log records carry the request id so one request's lines can be found together, and never
carry what a person typed: query strings, form values, path segments or exception messages.

`RedactFilter` sits on every handler (settings.LOGGING, and gunicorn's through
`homeward.config.gunicorn`), so it sees every record whichever logger made it: Django's request and
server loggers, gunicorn's, axes', the project's own. It rewrites the record before any
formatter reads it:

- the message is formatted once (msg % args) and every URL or path in it loses its query
  string, and each path segment that is neither a number nor a word of Homeward's own URLs
  (`cases`, `children`, `photo`, …) becomes `[redacted]`;
- the `request` Django attaches to its records (whose repr holds the full URL, query string
  included) is dropped;
- an exception keeps its type and stack (file, line, function) but not its message, which
  can quote a value (a form field, PostgreSQL's "Key (…)=(…)" detail); only a database
  connection's errors keep theirs.
"""

from __future__ import annotations

import logging
import re
import traceback
import weakref
from functools import cache
from typing import Any

from homeward.audit.context import current_request_context
from homeward.core.outages import is_database_outage

REDACTED = "[redacted]"

# An absolute URL, and a path that starts a word ("GET /cases/?q=…", "path":"/children/3/");
# the look-behind keeps dates (07/Dec/2026) and fractions out.
_ABSOLUTE_URL = re.compile(
    r"(?P<origin>\b[a-z][a-z0-9+.-]*://[^\s/?#\"'<>]+)"
    r"(?P<path>/[^\s?#\"'<>]*)?(?P<query>\?[^\s#\"'<>]*)?",
    re.IGNORECASE,
)
_PATH = re.compile(r"(?<![\w/.:])(?P<path>/[^\s?#\"'<>]*)(?P<query>\?[^\s#\"'<>]*)?")
_NUMBER = re.compile(r"\d+")
_WORD_IN_ROUTE = re.compile(r"[A-Za-z0-9_.-]+")
# Records already rewritten (a record reaches each handler's filter in turn).
_redacted: weakref.WeakSet[logging.LogRecord] = weakref.WeakSet()


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        context = current_request_context()
        record.request_id = context.request_id if context else "-"
        if context is not None and context.client_request_id:
            record.client_request_id = context.client_request_id
        return True


class RedactFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        redact_record(record)
        return True


def redact_record(record: logging.LogRecord) -> None:
    if record in _redacted:
        return
    if isinstance(record.msg, dict):
        record.msg = {key: _redact_value(value) for key, value in record.msg.items()}
    else:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the line
            message = str(record.msg)
        record.msg = redact_text(message)
        record.args = ()
    # Django's HttpRequest (django.request) or the dev server's socket (django.server)
    record.__dict__.pop("request", None)
    if record.exc_info and record.exc_info[1] is not None:
        error = record.exc_info[1]
        # an outage answers every request with a 503: one line each, not a traceback each
        record.exc_text = (
            outage_in_a_line(error)
            if is_database_outage(error)
            else exception_without_messages(error)
        )
        record.exc_info = None
    elif record.exc_text:
        record.exc_text = REDACTED
    _redacted.add(record)


def _redact_value(value: Any) -> Any:
    return redact_text(value) if isinstance(value, str) else value


def redact_text(text: str) -> str:
    return _PATH.sub(_redact_url, _ABSOLUTE_URL.sub(_redact_url, text))


def _redact_url(match: re.Match[str]) -> str:
    groups = match.groupdict()
    path = redact_path(groups["path"] or "")
    query = f"?{REDACTED}" if groups["query"] else ""
    return f"{groups.get('origin') or ''}{path}{query}"


def redact_path(path: str) -> str:
    """Keeps the segments Homeward's URLs are made of and numbers (ids); replaces the rest."""
    if path.startswith("/static/"):
        return path  # file names of the application itself
    words = route_words()
    return "/".join(
        segment if not segment or _NUMBER.fullmatch(segment) or segment in words else REDACTED
        for segment in path.split("/")
    )


def route_words() -> frozenset[str]:
    try:
        return _route_words()
    except Exception:  # no URLconf yet (gunicorn's master): numbers only
        return frozenset()


@cache
def _route_words() -> frozenset[str]:
    """Every literal path segment of the URLconf (`api`, `v1`, `cases`, `photo`, …)."""
    from django.urls import URLResolver, get_resolver

    words: set[str] = set()

    def walk(patterns: list[Any]) -> None:
        for pattern in patterns:
            for part in str(pattern.pattern).strip("^$").split("/"):
                if _WORD_IN_ROUTE.fullmatch(part):
                    words.add(part)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)

    walk(get_resolver().url_patterns)
    return frozenset(words)


# A database that cannot be reached or is locked: the message says why ("connection refused",
# "database is locked") and quotes no value, and an outage needs it. (IntegrityError and
# DataError do quote values.)
_MESSAGE_KEPT = frozenset({"OperationalError", "InterfaceError"})


def outage_in_a_line(exc: BaseException) -> str:
    first_line = str(exc).strip().split("\n", 1)[0]
    return f"database unavailable: {type(exc).__name__}: {first_line}"


def exception_without_messages(exc: BaseException) -> str:
    """The traceback as Python prints it, chained exceptions included, with each exception's
    message replaced by `[redacted]` (except a database connection's, see _MESSAGE_KEPT)."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        kind = type(current)
        name = kind.__qualname__
        if kind.__module__ not in ("builtins", "__main__"):
            name = f"{kind.__module__}.{name}"
        frames = "".join(traceback.format_tb(current.__traceback__))
        message = str(current) if kind.__name__ in _MESSAGE_KEPT else REDACTED
        parts.append(f"Traceback (most recent call last):\n{frames}{name}: {message}")
        if current.__cause__ is not None:
            parts.append("The above exception was the direct cause of the following exception:")
            current = current.__cause__
        elif current.__context__ is not None and not current.__suppress_context__:
            parts.append("During handling of the above exception, another exception occurred:")
            current = current.__context__
        else:
            current = None
    # Python prints the first cause first.
    blocks, separators = parts[0::2], parts[1::2]
    ordered = [blocks[-1]]
    for block, separator in zip(reversed(blocks[:-1]), reversed(separators), strict=True):
        ordered += [separator, block]
    return "\n\n".join(ordered)
