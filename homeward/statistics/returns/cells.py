"""The cells of an indicator in a return, and the rules that tie them together.

Every cell of a closed breakdown is in a return, totals ("_T") included (`catalogue.cells`, as
`compute` counts them). An open dimension (the other countries involved) has its total and
whichever country codes the hotline has.

Additive indicators add up along every closed dimension: for each combination of the other
dimensions' codes (their totals included), the cells of the dimension add up to its total.
Some indicators count the same thing by a different breakdown, so their totals must agree
(`SAME_TOTALS`): the catalogue defines them so, and an upload that disagrees is refused."""

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


def _per_category(*cells: tuple[str, bool]) -> list[list[Cell]]:
    """For each category and the total: the cells (code, category first or alone) that count
    the same cases or children."""
    groups: list[list[Cell]] = []
    for category in (*d.CATEGORY.codes, d.TOTAL):
        pair: Breakdown = (category, d.TOTAL)
        alone: Breakdown = (category,)
        groups.append([(code, pair if two else alone) for code, two in cells])
    return groups


SAME_TOTALS: list[list[Cell]] = [
    # the same contacts, by channel, by type and by whether the caller was recorded
    [("CONTACTS_CHANNEL", (d.TOTAL,)), ("CONTACTS_TYPE", (d.TOTAL,)),
     ("CONTACTS_CALLER_RECORDED", (d.TOTAL,))],
    # the same new cases, by category alone, by subcategory and by cross-border
    *_per_category(("CASES_NEW", False), ("CASES_SUBCATEGORY", True),
                   ("CASES_CROSS_BORDER", True)),
    # the same children in new cases, by age and by sex
    *_per_category(("CHILDREN_AGE", True), ("CHILDREN_SEX", True)),
    # the same closed cases, by when reported and by outcome
    *_per_category(("CASES_CLOSED", True), ("CASES_OUTCOME", True)),
    # the reasons' total is the number of new cases
    [("CASES_REASON", (d.TOTAL,)), ("CASES_NEW", (d.TOTAL,))],
    # repeat episodes are counted among the new runaway cases
    [("RUNAWAY_REPEAT", (d.TOTAL,)), ("CASES_NEW", ("runaway",))],
]  # fmt: skip


def describe(code: str, breakdown: Breakdown) -> str:
    """A cell as people read it: the indicator's code and each dimension's code."""
    indicator = BY_CODE[code]
    if not breakdown:
        return code
    parts = [
        f"{dim.code} {value}" for dim, value in zip(indicator.dimensions, breakdown, strict=True)
    ]
    return f"{code} ({', '.join(parts)})"
