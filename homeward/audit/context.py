"""The request an audit event belongs to, bound for the duration of a request (or a task)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    """`request_id` is always Homeward's own (a uuid4 per request): it is what the audit trail
    records. `client_request_id` is the X-Request-ID a client or proxy sent, only when it is
    short and made of safe characters, and only ever written to the logs beside ours."""

    request_id: str
    client_address: str | None
    client_request_id: str = ""


_current: ContextVar[RequestContext | None] = ContextVar("homeward_request", default=None)


@contextmanager
def bind_request_context(context: RequestContext) -> Iterator[None]:
    token = _current.set(context)
    try:
        yield
    finally:
        _current.reset(token)


def current_request_context() -> RequestContext | None:
    return _current.get()


def current_request_id() -> str | None:
    context = _current.get()
    return context.request_id if context else None
