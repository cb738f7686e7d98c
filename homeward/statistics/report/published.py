"""Reading the published cells (what disclosure control let through) by indicator, country and
breakdown: the report's tables, charts and headlines take every number from here, so nothing
suppressed can reach a page."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from homeward.statistics import dimensions as d
from homeward.statistics.disclosure import Published, PublishedCell
from homeward.statistics.figures import Breakdown, Figures

Key = tuple[str, str, Breakdown]
Cell = tuple[str, Breakdown]
"""An indicator's code and one of its breakdowns."""


class PublishedView:
    def __init__(self, cells: Iterable[PublishedCell]) -> None:
        self._cells: dict[Key, PublishedCell] = {
            (cell.indicator, cell.country, cell.breakdown): cell for cell in cells
        }
        self._countries = sorted({c.country for c in self._cells.values() if c.country != d.TOTAL})

    @classmethod
    def of(cls, published: Published) -> PublishedView:
        return cls(published.cells)

    def cell(self, indicator: str, country: str, breakdown: Breakdown) -> PublishedCell | None:
        return self._cells.get((indicator, country, breakdown))

    def value(self, indicator: str, country: str, breakdown: Breakdown) -> Decimal | None:
        """The value if it is published; None if suppressed, not available or absent."""
        cell = self.cell(indicator, country, breakdown)
        return None if cell is None or cell.suppressed else cell.value

    def is_published(self, indicator: str, country: str, breakdown: Breakdown) -> bool:
        return self.value(indicator, country, breakdown) is not None

    def is_suppressed(self, indicator: str, country: str, breakdown: Breakdown) -> bool:
        cell = self.cell(indicator, country, breakdown)
        return cell is not None and cell.suppressed

    def countries(self) -> list[str]:
        """The countries with cells, by ISO code ("_T", the network, left out)."""
        return self._countries

    def breakdowns(self, indicator: str, country: str = d.TOTAL) -> list[Breakdown]:
        return [b for (i, c, b) in self._cells if i == indicator and c == country]

    def __iter__(self) -> Iterator[PublishedCell]:
        return iter(self._cells.values())


def published_share(
    raw: Figures, view: PublishedView, country: str, parts: Sequence[Cell], whole: Cell
) -> Decimal | None:
    """The parts' share of the whole in per cent, from the unsuppressed counts, unrounded (it is
    rounded once, where it is shown); None unless every cell it is made of is published, since a
    share and its total would give a hidden count back."""
    cells = [*parts, whole]
    if not all(view.is_published(code, country, breakdown) for code, breakdown in cells):
        return None
    total = raw.get(*whole) or Decimal(0)
    if total <= 0:
        return None
    part = sum((raw.get(code, b) or Decimal(0) for code, b in parts), Decimal(0))
    return part * 100 / total
