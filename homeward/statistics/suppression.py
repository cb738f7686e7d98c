"""Cell suppression for tables whose cells are tied by additive relations (a total is the sum of
its members), the method statistical offices call primary and secondary cell suppression
(Hundepool et al., *Statistical Disclosure Control*, Wiley 2012, ch. 4; the heuristic below is
the one τ-Argus and sdcTable offer for large tables, followed by an audit of the result):

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
   minus two columns of a table). The audit solves the whole system the published cells leave
   (exactly, with fractions) and finds every suppressed cell it fixes to one value; for each,
   one more cell near it is suppressed (the smallest non-zero published cell of a relation it
   is in, or of the nearest relation that has one), then steps 2 and 3 run again. The sets only
   grow, so this ends.

What it guarantees, given the relations it is told about: no published count lies in
1..threshold − 1; every relation has no suppressed cell or at least two; and no suppressed cell
with a non-zero value can be worked out exactly from the published cells and the relations,
however they are combined (with non-negative counts, a cell is exactly recoverable only if the
linear system fixes it or non-negativity pins it at zero). What it does not: it does not keep a
suppressed cell from being narrowed to a range (a suppressed 3 may be known to lie in 1..6), and
it knows nothing of relations it is not given (other tables, the same table another year).
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
    while exposed := derivable(table.relations, suppressed, table.order):
        covers = {table.cover_for(cell, suppressed) for cell in exposed}
        covers.discard(None)
        if not covers:
            break  # only zeros are exposed: every cell near them is already suppressed
        suppressed.update(cover for cover in covers if cover is not None)
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

    def cover_for(self, cell: K, suppressed: set[K]) -> K | None:
        """Step 3: the cheapest published non-zero cell of the relations nearest `cell`
        (its own relations first, then those of the suppressed cells they hold, and so on)."""
        seen_relations: set[int] = set()
        seen_cells = {cell}
        frontier = [cell]
        while frontier:
            candidates: list[K] = []
            reached: list[K] = []
            for key in frontier:
                for index in self.of_cell.get(key, ()):
                    if index in seen_relations:
                        continue
                    seen_relations.add(index)
                    total, members = self.relations[index]
                    for other in (total, *members):
                        if other in seen_cells:
                            continue
                        seen_cells.add(other)
                        if other not in suppressed:
                            if self.values[other] != 0:
                                candidates.append(other)
                        else:
                            reached.append(other)
            if candidates:
                return min(candidates, key=self._cost)
            frontier = reached
        return None

    def _cost(self, key: K) -> tuple[Decimal | int, int]:
        return self.values[key], self.order[key]


def derivable(
    relations: Sequence[tuple[K, Sequence[K]]], suppressed: set[K], order: Mapping[K, int]
) -> list[K]:
    """The suppressed cells whose value the published cells and the relations fix: those whose
    unit vector lies in the row space of the relations restricted to the suppressed cells
    (the published cells only move the right-hand side). Gauss–Jordan elimination in exact
    arithmetic, row by row, keeping the pivot rows reduced; a pivot row with no other entry is
    a cell the system fixes. Coefficients stay whole numbers while every pivot is ±1, as it is
    in a two-dimension table, and become fractions only where needed."""
    rows: dict[K, dict[K, Number]] = {}
    holders: dict[K, set[K]] = {}
    """For each cell, the pivot rows in which it has a non-zero coefficient."""
    for total, members in relations:
        row: dict[K, Number] = {}
        if total in suppressed:
            row[total] = 1
        for key in members:
            if key in suppressed:
                row[key] = -1
        for pivot in [key for key in row if key in rows]:
            _subtract(row, row[pivot], rows[pivot])
        if not row:
            continue
        pivot = min(row, key=order.__getitem__)
        scale = row[pivot]
        if scale in (1, -1):
            row = {key: value * scale for key, value in row.items()}
        else:
            row = {key: Fraction(value) / scale for key, value in row.items()}
        for other in list(holders.get(pivot, ())):
            other_row = rows[other]
            factor = other_row[pivot]
            for key in row:
                if key not in other_row:
                    holders.setdefault(key, set()).add(other)
            _subtract(other_row, factor, row)
            for key in row:
                if key not in other_row:
                    holders[key].discard(other)
        rows[pivot] = row
        for key in row:
            holders.setdefault(key, set()).add(pivot)
    return sorted((pivot for pivot, row in rows.items() if len(row) == 1), key=order.__getitem__)


def _subtract(row: dict[K, Number], factor: Number, pivot_row: Mapping[K, Number]) -> None:
    """row -= factor × pivot_row, dropping the entries that become zero."""
    for key, value in pivot_row.items():
        updated = row.get(key, 0) - factor * value
        if updated:
            row[key] = updated
        else:
            row.pop(key, None)
