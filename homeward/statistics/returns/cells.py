"""The cells of an indicator in a return, and the rules that tie them together.

Every cell of a closed breakdown is in a return, totals ("_T") included (`catalogue.cells`, as
`compute` counts them). An open dimension (the other countries involved) has its total and
whichever country codes the hotline has.

Additive indicators add up along every closed dimension: for each combination of the other
dimensions' codes (their totals included), the cells of the dimension add up to its total.
Some indicators count the same thing by a different breakdown, so their totals must agree
(`catalogue.SAME_COUNTS`): an upload that disagrees is refused."""

from __future__ import annotations

from itertools import product

from homeward.statistics import dimensions as d
from homeward.statistics.catalogue import BY_CODE, Indicator
from homeward.statistics.figures import Breakdown

Cell = tuple[str, Breakdown]
"""An indicator's code and one breakdown of it."""


def relations(indicator: Indicator) -> list[tuple[d.Dimension, Breakdown, list[Breakdown]]]:
    """(dimension, total, its members) along every closed dimension of an additive count (a
    median never adds up)."""
    if not indicator.additive or not indicator.is_count:
        return []
    found = []
    for position, dimension in enumerate(indicator.dimensions):
        if dimension.open:
            continue
        others = [
            (d.TOTAL,) if dim.open else (*dim.codes, d.TOTAL)
            for i, dim in enumerate(indicator.dimensions)
            if i != position
        ]
        for rest in product(*others):
            before, after = rest[:position], rest[position:]
            members = [(*before, code, *after) for code in dimension.codes]
            found.append((dimension, (*before, d.TOTAL, *after), members))
    return found


def describe(code: str, breakdown: Breakdown) -> str:
    """A cell as people read it: the indicator's code and each dimension's code."""
    indicator = BY_CODE[code]
    if not breakdown:
        return code
    parts = [
        f"{dim.code} {value}" for dim, value in zip(indicator.dimensions, breakdown, strict=True)
    ]
    return f"{code} ({', '.join(parts)})"
