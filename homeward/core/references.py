"""References a person reads out over the phone (`BE-2025-000042`, `XB-BE-2025-00007`): an
organisation's prefix, the year and the next number of a counter kept per organisation and year.

Each counter is a row of a model with a `last` field (cases' `CaseSequence`, crossborder's
`RequestSequence`), locked while it is read and incremented: two concurrent writers never take
the same number."""

from __future__ import annotations

from typing import Any, Protocol


class Numbering(Protocol):
    """Who numbers: an organisation, by its country or else its slug."""

    @property
    def country(self) -> str: ...

    @property
    def slug(self) -> str: ...


def prefix(organisation: Numbering) -> str:
    return organisation.country or organisation.slug.upper()[:4]


def next_number(sequences: Any, **key: object) -> int:
    """The next number of the counter `key` names in the model `sequences` (created at 1),
    within the caller's transaction."""
    sequence, _created = sequences.objects.select_for_update().get_or_create(**key)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return int(sequence.last)
