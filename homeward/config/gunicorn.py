"""gunicorn's logger with Homeward's redaction on its error and access logs: "Error handling
request /cases/?q=…" would otherwise carry the query string. `homeward serve` passes it as
`--logger-class`; pass it yourself when you run gunicorn directly."""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger

from homeward.config.logging import REDACTED, RedactFilter, redact_path

# One JSON object a line; the path is redacted by GunicornLogger.atoms before it is put in.
ACCESS_LOG_FORMAT = (
    '{"time":"%(t)s","status":%(s)s,"method":"%(m)s","path":"%(U)s","ms":%(M)s,'
    '"request_id":"%({x-request-id}o)s"}'
)


class GunicornLogger(Logger):  # type: ignore[misc]
    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.addFilter(RedactFilter())

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        """The access log's values, the path redacted segment by segment before it is put in
        the line: a segment that is not a number or a word of our URLs goes whole, spaces and
        quotes included (a filter on the finished line cannot tell where a segment ends, and a
        quote in it would break the line's JSON)."""
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        path = redact_path(environ.get("PATH_INFO") or "")
        atoms["U"] = path
        query = f"?{REDACTED}" if environ.get("QUERY_STRING") else ""
        atoms["r"] = (
            f"{environ.get('REQUEST_METHOD')} {path}{query} {environ.get('SERVER_PROTOCOL')}"
        )
        atoms["q"] = REDACTED if query else ""
        atoms["f"] = REDACTED if environ.get("HTTP_REFERER") else "-"
        return atoms
