"""Tables for the disclosure-control and export tests, built by hand: the inner cells are given,
the totals ("_T" in any dimension) added up here, as a hotline's figures would have them."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from homeward.statistics.dimensions import TOTAL
from homeward.statistics.figures import Breakdown, Figures

Cells = Mapping[Any, int | Decimal]
"""Breakdown -> count (keys typed loosely: a dict of pairs is not a Mapping of tuple[str, ...])."""


def with_margins(inner: Cells) -> dict[Breakdown, int | Decimal]:
    """The inner cells and every total over them: for (category, sex) cells, the totals by
    category, by sex and the grand total."""
    cells: dict[Breakdown, int | Decimal] = {}
    for breakdown, value in inner.items():
        for mask in itertools.product((False, True), repeat=len(breakdown)):
            key = tuple(
                TOTAL if masked else code for masked, code in zip(mask, breakdown, strict=True)
            )
            cells[key] = cells.get(key, 0) + value
    return cells


def figures(**indicators: Cells) -> Figures:
    result = Figures()
    for code, cells in indicators.items():
        for breakdown, value in cells.items():
            result.set(code, breakdown, value)
    return result


def relations_of(
    cells: Mapping[Any, object],
) -> list[tuple[Breakdown, list[Breakdown]]]:
    """Every additive relation among the cells of one table, found here independently of the
    code under test: a cell with a total in dimension i is the sum of the cells that differ
    from it only in dimension i."""
    relations = []
    for total in cells:
        for i, code in enumerate(total):
            if code != TOTAL:
                continue
            members = [
                other
                for other in cells
                if other[i] != TOTAL
                and all(other[j] == total[j] for j in range(len(total)) if j != i)
            ]
            if members:
                relations.append((total, members))
    return relations
