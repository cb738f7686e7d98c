"""What an import's check reports: every error with its row (as a spreadsheet numbers it: the
header is row 1), column (the header name), the value (cut short) and a message."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from homeward.cases.transfer.columns import MAX_ERRORS
from homeward.core.tables import shown

__all__ = ["CheckedRow", "Report", "RowError", "shown"]


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    value: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


@dataclass(frozen=True)
class CheckedRow:
    row: int
    values: dict[str, Any]  # column name -> parsed value, for the non-empty cells


@dataclass
class Report:
    total_rows: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    error_count: int = 0

    def add(self, errors: list[RowError]) -> None:
        for error in errors:
            self.error_count += 1
            if len(self.errors) < MAX_ERRORS:
                self.errors.append(error.as_dict())

    def finish(self) -> Report:
        hidden = self.error_count - len(self.errors)
        if hidden > 0:
            last_row = self.errors[-1]["row"] if self.errors else 1
            self.errors.append(
                RowError(
                    last_row,
                    "",
                    "",
                    _("%(count)s more errors are not listed: fix these and upload again.")
                    % {"count": hidden},
                ).as_dict()
            )
        return self

    @property
    def is_valid(self) -> bool:
        return self.error_count == 0
