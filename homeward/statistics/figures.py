"""One hotline's (or the network's) values for one year: a value per indicator cell.

A cell's breakdown is stored and exchanged as its codes joined by "." (`"runaway.female"`,
`"_T._T"`, `""` for an indicator without dimensions). The SDMX export joins them by "-" instead
(`"runaway-female"`, `"_Z"` for none): "." separates dimensions in an SDMX key."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

Breakdown = tuple[str, ...]
SEPARATOR = "."


def breakdown_key(breakdown: Breakdown) -> str:
    return SEPARATOR.join(breakdown)


def breakdown_of(key: str) -> Breakdown:
    return tuple(key.split(SEPARATOR)) if key else ()


@dataclass
class Figures:
    values: dict[str, dict[Breakdown, Decimal]] = field(default_factory=dict)

    def set(self, code: str, breakdown: Breakdown, value: Decimal | int) -> None:
        self.values.setdefault(code, {})[breakdown] = Decimal(value)

    def get(self, code: str, breakdown: Breakdown) -> Decimal | None:
        return self.values.get(code, {}).get(breakdown)

    def cells(self, code: str) -> dict[Breakdown, Decimal]:
        return self.values.get(code, {})

    def __iter__(self) -> Iterator[tuple[str, Breakdown, Decimal]]:
        for code, cells in self.values.items():
            for breakdown, value in cells.items():
                yield code, breakdown, value
