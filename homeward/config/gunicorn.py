"""gunicorn's logger with Homeward's redaction on its error and access logs: "Error handling
request /cases/?q=…" would otherwise carry the query string. `homeward serve` passes it as
`--logger-class`; pass it yourself when you run gunicorn directly."""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger

from homeward.config.logging import RedactFilter


class GunicornLogger(Logger):  # type: ignore[misc]
    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.addFilter(RedactFilter())
