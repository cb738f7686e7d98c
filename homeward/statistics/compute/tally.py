"""Counts and distributions per organisation, filled from grouped rows, then turned into
Figures with every cell of the catalogue (zeros included)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from itertools import product

from homeward.statistics import dimensions as d
from homeward.statistics.catalogue import BY_CODE, CATALOGUE, Indicator, cells
from homeward.statistics.figures import Breakdown, Figures


def with_totals(indicator: Indicator, breakdown: Breakdown) -> Iterable[Breakdown]:
    """The cell and every total it adds into: each dimension as given or as "_T"."""
    if not indicator.additive:
        return (breakdown,)
    return product(*((code, d.TOTAL) for code in breakdown))


def median(distribution: Mapping[int, int]) -> Decimal | None:
    """The median of whole values given as value -> how many (the mean of the two middle ones
    for an even count)."""
    size = sum(distribution.values())
    if size == 0:
        return None
    wanted = sorted({(size - 1) // 2, size // 2})
    found: list[int] = []
    seen = 0
    for value in sorted(distribution):
        seen += distribution[value]
        while wanted and wanted[0] < seen:
            found.append(value)
            wanted.pop(0)
    return Decimal(sum(found)) / len(found) if len(found) == 2 else Decimal(found[0])


class Tally:
    def __init__(self, organisation_ids: Sequence[int]) -> None:
        self.organisation_ids = list(organisation_ids)
        self.counts: dict[int, dict[str, Counter[Breakdown]]] = {
            org: defaultdict(Counter) for org in self.organisation_ids
        }
        self.values: dict[int, dict[str, dict[Breakdown, Counter[int]]]] = {
            org: defaultdict(lambda: defaultdict(Counter)) for org in self.organisation_ids
        }
        self._allowed = {
            indicator.code: [
                None if dimension.open else frozenset(dimension.codes)
                for dimension in indicator.dimensions
            ]
            for indicator in CATALOGUE
        }

    def _check(self, indicator: Indicator, breakdown: Breakdown) -> None:
        allowed = self._allowed[indicator.code]
        if len(breakdown) != len(allowed):
            raise ValueError(f"{indicator.code}: {breakdown!r} has the wrong number of codes")
        for codes, code, dimension in zip(allowed, breakdown, indicator.dimensions, strict=True):
            if codes is not None and code not in codes:
                raise ValueError(
                    f"{indicator.code}: {code!r} is not a code of the {dimension.code} dimension"
                )

    def add(self, organisation_id: int, code: str, breakdown: Breakdown, n: int) -> None:
        """n more in the cell and in every total it is part of (for an additive indicator; a
        non-additive one gets its total with `add_total`)."""
        indicator = BY_CODE[code]
        self._check(indicator, breakdown)
        counter = self.counts[organisation_id][code]
        for cell in with_totals(indicator, breakdown):
            counter[cell] += n

    def add_total(self, organisation_id: int, code: str, n: int) -> None:
        total = tuple(d.TOTAL for _dimension in BY_CODE[code].dimensions)
        self.counts[organisation_id][code][total] += n

    def observe(
        self, organisation_id: int, code: str, breakdown: Breakdown, value: int, n: int
    ) -> None:
        """n observations of `value` for a median, in the cell and in its totals."""
        indicator = BY_CODE[code]
        self._check(indicator, breakdown)
        for cell in with_totals(indicator, breakdown):
            self.values[organisation_id][code][cell][value] += n

    def figures(self, scale: Mapping[str, int] | None = None) -> dict[int, Figures]:
        """Every count cell of the catalogue (zeros included, plus the open dimensions' codes
        that occur) and the medians where there is something to take the median of; `scale`
        divides a median's observations (minutes into hours)."""
        result: dict[int, Figures] = {}
        for org in self.organisation_ids:
            figures = Figures()
            for indicator in CATALOGUE:
                if indicator.is_count:
                    counted = self.counts[org][indicator.code]
                    for cell in [*cells(indicator), *sorted(set(counted) - set(cells(indicator)))]:
                        figures.set(indicator.code, cell, counted.get(cell, 0))
                    continue
                divisor = (scale or {}).get(indicator.code, 1)
                for cell, distribution in sorted(self.values[org][indicator.code].items()):
                    middle = median(distribution)
                    if middle is not None:
                        figures.set(
                            indicator.code,
                            cell,
                            (middle / divisor).quantize(Decimal("0.1"), ROUND_HALF_UP),
                        )
            result[org] = figures
        return result
