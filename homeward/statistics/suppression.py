"""Cell suppression for tables whose cells are tied by additive relations (a total is the sum of
its members): primary and secondary cell suppression as statistical offices practise it
(Hundepool et al., *Statistical Disclosure Control*, Wiley 2012, ch. 4). The secondary step is
a heuristic in the manner of sdcTable's SIMPLEHEURISTIC: cover relation by relation, then solve
the attacker's problem and cover again. Unlike the optimal and modular methods of τ-Argus it
does not minimise what is hidden, and it sets no protection interval.

1. Primary: every count from 1 to threshold − 1 is suppressed. Zero is published: it describes
   nobody.
2. Secondary, relation by relation: a relation with exactly one suppressed cell among its total
   and members gives that cell away (total minus the others, or the sum of the members). Such a
   relation gets a second suppressed cell, the one whose loss costs readers least: its smallest
   non-zero unsuppressed member (a zero is no cover: it is often known to be zero, like runaways
   under a parental-abduction subcategory), the total only if no member is left. Each new
   suppression can leave another relation with a lone suppressed cell; this repeats until none
   has.
3. Audit: step 2 looks at one relation at a time, but a reader can combine several (two rows
   minus two columns of a table, or a total shown in two tables). The audit solves the whole
   system the published cells leave, exactly, and finds every suppressed cell it fixes to one
   value, with the combination of relations that fixes it; that combination makes the cell a
   sum of published cells, and hiding one of them (the cheapest non-zero one, an inner cell
   before a total) breaks it. Then steps 2 and 3 run again; the suppressed cells only grow, so
   this ends.

What it guarantees, given the relations it is told about: no published count lies in
1..threshold − 1; every relation has no suppressed cell or at least two; and no suppressed cell
with a non-zero value can be worked out exactly from the published cells and the relations,
however they are combined. (Knowing that counts are not negative adds nothing to this while no
suppressed cell is zero, which secondary suppression avoids: the true table then lies strictly
inside the bounds, and a cell the bounds fixed would be fixed by the relations alone.) What it
does not: it does not keep a suppressed cell from being narrowed to a range (a suppressed 3 may
be known to lie in 1..6), and it knows nothing of relations it is not given (tables it is not
shown, the same table another year).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
Number = int | Fraction


def is_small(value: Decimal | int, threshold: int) -> bool:
    """A count primary suppression hides: 1 to threshold − 1."""
    return 0 < value < threshold


def suppress(
    values: Mapping[K, Decimal | int],
    relations: Iterable[tuple[K, Sequence[K]]],
    threshold: int,
) -> set[K]:
    """The cells to suppress: `values` maps each cell to its count, `relations` lists
    (total, members) whose members add up to the total. Ties are broken by the order of
    `values`, so the same table always gives the same answer."""
    if threshold < 1:
        raise ValueError(f"the disclosure threshold must be at least 1, not {threshold}")
    for key, value in values.items():
        if value < 0:
            raise ValueError(f"a count cannot be negative: {key!r} is {value}")
    table = _Table(values, relations)
    suppressed = {key for key, value in values.items() if is_small(value, threshold)}
    table.cover_lone_cells(suppressed)
    while exposed := _exposures(table.relations, suppressed, table.order):
        covers = set()
        for combination in exposed.values():
            cover = table.cover_for(combination, suppressed)
            if cover is not None:
                covers.add(cover)
        if not covers:
            break  # only zeros are exposed (the counts cannot fix anything else)
        suppressed |= covers
        table.cover_lone_cells(suppressed)
    return suppressed


class _Table(Generic[K]):
    def __init__(
        self, values: Mapping[K, Decimal | int], relations: Iterable[tuple[K, Sequence[K]]]
    ) -> None:
        self.values = values
        self.order: dict[K, int] = {key: position for position, key in enumerate(values)}
        self.relations: list[tuple[K, tuple[K, ...]]] = []
        self.of_cell: dict[K, list[int]] = {}
        self.totals: set[K] = set()
        for total, members in relations:
            members = tuple(members)
            for key in (total, *members):
                if key not in self.order:
                    raise ValueError(f"a relation names a cell that has no value: {key!r}")
            if total in members or len(set(members)) != len(members):
                raise ValueError(f"a relation repeats a cell: {total!r} = {members!r}")
            if not members:
                continue
            index = len(self.relations)
            self.relations.append((total, members))
            self.totals.add(total)
            for key in (total, *members):
                self.of_cell.setdefault(key, []).append(index)

    def cover_lone_cells(self, suppressed: set[K]) -> None:
        """Step 2, to a fixpoint: no relation keeps exactly one suppressed cell."""
        queue = deque(range(len(self.relations)))
        queued = set(queue)
        while queue:
            index = queue.popleft()
            queued.discard(index)
            total, members = self.relations[index]
            if sum(key in suppressed for key in (total, *members)) != 1:
                continue
            cover = self._cover_in(index, suppressed)
            suppressed.add(cover)
            for other in self.of_cell.get(cover, ()):
                if other not in queued:
                    queued.add(other)
                    queue.append(other)

    def _cover_in(self, index: int, suppressed: set[K]) -> K:
        total, members = self.relations[index]
        published = [key for key in members if key not in suppressed]
        non_zero = [key for key in published if self.values[key] != 0]
        if non_zero:
            return min(non_zero, key=self._cost)
        if total not in suppressed:
            return total
        # the lone cell is a total over published zeros (possible only if the counts do not add
        # up): a zero is then the only cover left
        return published[0]

    def cover_for(self, combination: Mapping[int, Number], suppressed: set[K]) -> K | None:
        """Step 3: the combination of relations that fixes a suppressed cell leaves it equal
        to a sum of published cells; hiding one of those (the cheapest non-zero one, a cell
        that is not a total if there is one) breaks that way of working it out."""
        weights: dict[K, Number] = {}
        for index, coefficient in combination.items():
            total, members = self.relations[index]
            weights[total] = weights.get(total, 0) + coefficient
            for key in members:
                weights[key] = weights.get(key, 0) - coefficient
        candidates = [
            key
            for key, weight in weights.items()
            if weight and key not in suppressed and self.values[key] != 0
        ]
        if not candidates:
            return None
        return min(candidates, key=lambda key: (key in self.totals, *self._cost(key)))

    def _cost(self, key: K) -> tuple[Decimal | int, int]:
        return self.values[key], self.order[key]


def derivable(
    relations: Sequence[tuple[K, Sequence[K]]], suppressed: set[K], order: Mapping[K, int]
) -> list[K]:
    """The suppressed cells whose value the published cells and the relations fix."""
    return list(_exposures(relations, suppressed, order))


class _Row(Generic[K]):
    """A row of the system over the suppressed cells, and the combination of relations (index:
    coefficient) it was made of."""

    def __init__(self, cells: dict[K, Number], combination: dict[int, Number]) -> None:
        self.cells = cells
        self.combination = combination

    def subtract(self, factor: Number, other: _Row[K]) -> None:
        _subtract(self.cells, factor, other.cells)
        _subtract(self.combination, factor, other.combination)

    def scale(self, factor: Number) -> None:
        self.cells = {key: value * factor for key, value in self.cells.items()}
        self.combination = {key: value * factor for key, value in self.combination.items()}


def _exposures(
    relations: Sequence[tuple[K, Sequence[K]]], suppressed: set[K], order: Mapping[K, int]
) -> dict[K, dict[int, Number]]:
    """Each suppressed cell the relations fix, with the combination of relations that does: a
    cell is fixed when its unit vector lies in the row space of the relations restricted to the
    suppressed cells (the published cells only move the right-hand side). Gauss–Jordan
    elimination in exact arithmetic, row by row, keeping the pivot rows reduced; a pivot row
    with no other entry is a fixed cell. Coefficients stay whole numbers while every pivot is
    ±1, as in a two-dimension table, and become fractions only where needed."""
    rows: dict[K, _Row[K]] = {}
    holders: dict[K, set[K]] = {}
    """For each cell, the pivot rows in which it has a non-zero coefficient."""
    for index, (total, members) in enumerate(relations):
        cells: dict[K, Number] = {}
        if total in suppressed:
            cells[total] = 1
        for key in members:
            if key in suppressed:
                cells[key] = -1
        if not cells:
            continue
        row = _Row(cells, {index: 1})
        for pivot in [key for key in cells if key in rows]:
            row.subtract(row.cells[pivot], rows[pivot])
        if not row.cells:
            continue
        pivot = min(row.cells, key=order.__getitem__)
        lead = row.cells[pivot]
        row.scale(lead if lead in (1, -1) else 1 / Fraction(lead))
        for other in list(holders.get(pivot, ())):
            other_row = rows[other]
            before = set(other_row.cells)
            other_row.subtract(other_row.cells[pivot], row)
            for key in set(other_row.cells) - before:
                holders.setdefault(key, set()).add(other)
            for key in before - set(other_row.cells):
                holders[key].discard(other)
        rows[pivot] = row
        for key in row.cells:
            holders.setdefault(key, set()).add(pivot)
    fixed = sorted((p for p, row in rows.items() if len(row.cells) == 1), key=order.__getitem__)
    return {pivot: rows[pivot].combination for pivot in fixed}


N = TypeVar("N", bound=Hashable)


def _subtract(row: dict[N, Number], factor: Number, other: Mapping[N, Number]) -> None:
    """row -= factor × other, dropping the entries that become zero."""
    for key, value in other.items():
        updated = row.get(key, 0) - factor * value
        if updated:
            row[key] = updated
        else:
            row.pop(key, None)
