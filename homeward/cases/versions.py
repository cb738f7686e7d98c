"""Which version of a case or a child a client saw: the API's ETag and If-Match, so that a
PATCH made from an old copy is refused (412) instead of overwriting someone else's change."""

from __future__ import annotations

from homeward.cases.models import Case, Child


class StaleVersion(Exception):
    """The record changed since the version the client named in If-Match; nothing was
    written."""


def etag(record: Case | Child) -> str:
    """A strong entity tag that changes whenever the record's own fields are saved (every
    action saves `updated_at` with them)."""
    return f'"{record.pk}-{int(record.updated_at.timestamp() * 1_000_000):x}"'


def require_version(record: Case | Child, if_match: str | None) -> None:
    """Refuses unless `if_match` (the header's value, or None when it was not sent) names the
    record's current version or is `*`."""
    if if_match is None:
        return
    tags = {tag.strip() for tag in if_match.split(",")}
    if "*" not in tags and etag(record) not in tags:
        raise StaleVersion
