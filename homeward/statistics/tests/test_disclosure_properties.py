"""What disclosure control promises, checked on random tables (Hypothesis): one- and
two-dimension tables with their totals, from one to four countries with the network's total
over them, counts small and large, thresholds from 2 to 10.

For every table: no published count lies in 1..threshold − 1; every relation (a total and the
cells it adds up) has no suppressed cell or at least two, so no suppressed cell is its total
less the others; beyond that, no suppressed non-zero cell is fixed by all the relations taken
together (solved here by a plain dense elimination, independently of the code under test); and
what is published is the input, unchanged.

The example database is off (nothing written to the tree); a failure prints the table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from homeward.statistics import catalogue
from homeward.statistics.dimensions import TOTAL
from homeward.statistics.disclosure import NETWORK, protect, suppress
from homeward.statistics.figures import Breakdown, Figures
from homeward.statistics.tests.disclosure_tables import relations_of, with_margins

COUNTRIES = ("BE", "DE", "FR", "PL")
Key = tuple[str, Breakdown]
Relation = tuple[Key, Sequence[Key]]

counts = st.one_of(st.just(0), st.integers(1, 12), st.integers(13, 400))
thresholds = st.integers(2, 10)


@st.composite
def network_tables(draw: st.DrawFn) -> dict[str, dict[Breakdown, int]]:
    """Per country, one table with margins: 1 or 2 dimensions of 1 to 4 codes each (the same
    layout in every country, as in a return)."""
    sizes = draw(st.lists(st.integers(1, 4), min_size=1, max_size=2))
    layout = [tuple(f"{chr(97 + d)}{i}" for i in range(size)) for d, size in enumerate(sizes)]
    inner_cells: list[Breakdown] = [()]
    for codes in layout:
        inner_cells = [(*cell, code) for cell in inner_cells for code in codes]
    countries = draw(st.lists(st.sampled_from(COUNTRIES), min_size=1, max_size=4, unique=True))
    return {
        country: {
            k: int(v) for k, v in with_margins({c: draw(counts) for c in inner_cells}).items()
        }
        for country in countries
    }


def values_and_relations(
    tables: Mapping[str, Mapping[Breakdown, int]],
) -> tuple[dict[Key, int], list[Relation]]:
    values: dict[Key, int] = {}
    for country, cells in tables.items():
        for breakdown, value in cells.items():
            values[(country, breakdown)] = value
            values[(NETWORK, breakdown)] = values.get((NETWORK, breakdown), 0) + value
    relations: list[Relation] = []
    for country in (*tables, NETWORK):
        cells = {b: v for (c, b), v in values.items() if c == country}
        for total, members in relations_of(cells):
            relations.append(((country, total), [(country, m) for m in members]))
    for breakdown in next(iter(tables.values())):
        relations.append(((NETWORK, breakdown), [(c, breakdown) for c in tables]))
    return values, relations


def fixed_by_the_relations(relations: Sequence[Relation], suppressed: set[Key]) -> set[Key]:
    """The suppressed cells that every solution of the relations gives the same value: dense
    Gauss–Jordan elimination over the suppressed cells; a cell is fixed where its pivot row has
    no other entry (every vector of the null space is zero there)."""
    columns = sorted(suppressed, key=repr)
    index = {cell: i for i, cell in enumerate(columns)}
    matrix = []
    for total, members in relations:
        row = [Fraction(0)] * len(columns)
        if total in index:
            row[index[total]] += 1
        for member in members:
            if member in index:
                row[index[member]] -= 1
        if any(row):
            matrix.append(row)
    pivots: list[int] = []
    rank = 0
    for col in range(len(columns)):
        found = next((r for r in range(rank, len(matrix)) if matrix[r][col] != 0), None)
        if found is None:
            continue
        matrix[rank], matrix[found] = matrix[found], matrix[rank]
        lead = matrix[rank][col]
        matrix[rank] = [v / lead for v in matrix[rank]]
        for r in range(len(matrix)):
            if r != rank and matrix[r][col] != 0:
                factor = matrix[r][col]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[rank], strict=True)]
        pivots.append(col)
        rank += 1
    return {
        columns[col]
        for r, col in enumerate(pivots)
        if all(v == 0 for c, v in enumerate(matrix[r]) if c != col)
    }


@settings(max_examples=150, deadline=None, database=None)
@given(tables=network_tables(), threshold=thresholds)
def test_suppression_hides_small_counts_and_leaves_nothing_to_recover(
    tables: dict[str, dict[Breakdown, int]], threshold: int
) -> None:
    values, relations = values_and_relations(tables)

    suppressed = suppress(values, relations, threshold)

    published = {key: value for key, value in values.items() if key not in suppressed}
    assert not [key for key, value in published.items() if 0 < value < threshold]
    for total, members in relations:
        hidden = sum(cell in suppressed for cell in (total, *members))
        assert hidden != 1, (total, members)
    recoverable = fixed_by_the_relations(relations, set(suppressed))
    assert all(values[key] == 0 for key in recoverable), recoverable
    assert suppress(values, relations, threshold) == suppressed


INDICATORS = (
    "CONTACTS_CHANNEL",
    "CASES_CLOSED",
    "CASES_REASON",
    "CHILDREN_AGE",
    "CASES_CROSS_BORDER",
)


@st.composite
def returns(draw: st.DrawFn) -> dict[str, Figures]:
    """Figures as hotlines return them, for real indicators of the catalogue: one of each kind
    (one dimension, two dimensions, not additive, with a median over it), and new cases by
    category, the same counts as the cross-border table's totals."""
    countries = draw(st.lists(st.sampled_from(COUNTRIES), min_size=1, max_size=3, unique=True))
    result: dict[str, Figures] = {}
    for country in countries:
        figures = Figures()
        for code in INDICATORS:
            indicator = catalogue.indicator(code)
            cells: list[Breakdown] = [()]
            for dimension in indicator.dimensions:
                cells = [(*cell, value) for cell in cells for value in dimension.codes[:4]]
            inner = {cell: draw(counts) for cell in cells}
            table = with_margins(inner)
            if not indicator.additive:  # the total is the number of cases, not the sum
                table[(TOTAL,)] = max(inner.values()) + draw(st.integers(0, 30))
            for breakdown, value in table.items():
                figures.set(code, breakdown, value)
        for breakdown, value in figures.cells("CASES_CROSS_BORDER").items():
            if breakdown[1] == TOTAL:
                figures.set("CASES_NEW", breakdown[:1], value)
        for category in [*catalogue.indicator("CHILDREN_AGE").dimensions[0].codes[:4], TOTAL]:
            figures.set("CHILDREN_AGE_MEDIAN", (category,), draw(st.integers(0, 17)))
        result[country] = figures
    return result


@settings(max_examples=60, deadline=None, database=None)
@given(by_country=returns(), threshold=thresholds)
def test_protect_publishes_returns_unchanged_except_what_it_must_hide(
    by_country: dict[str, Figures], threshold: int
) -> None:
    published = protect(by_country, threshold, year=2025)

    for cell in published:
        indicator = catalogue.indicator(cell.indicator)
        if not indicator.is_count:
            continue
        given_value: Decimal | None
        if cell.country == NETWORK:
            given_value = sum(
                (f.get(cell.indicator, cell.breakdown) or Decimal(0) for f in by_country.values()),
                Decimal(0),
            )
        else:
            given_value = by_country[cell.country].get(cell.indicator, cell.breakdown)
        if cell.suppressed:
            assert cell.value is None
        else:
            assert cell.value is not None and cell.value == given_value
            assert not 0 < cell.value < threshold
    for code in INDICATORS:
        tables = {c: published.table(code, c) for c in (*published.countries, NETWORK)}
        if catalogue.indicator(code).additive:
            for table in tables.values():
                for total, members in relations_of(table):
                    hidden = [table[b].suppressed for b in (total, *members)]
                    assert sum(hidden) != 1, (code, total, members)
        for breakdown in tables[NETWORK]:
            across = [tables[country][breakdown].suppressed for country in tables]
            assert sum(across) != 1, (code, breakdown)
    for country in (*published.countries, NETWORK):
        for by_category, new in published.table("CASES_NEW", country).items():
            same = published.cell("CASES_CROSS_BORDER", country, (*by_category, TOTAL))
            assert same is not None and same.suppressed == new.suppressed, (country, by_category)
        for category, median in published.table("CHILDREN_AGE_MEDIAN", country).items():
            if country == NETWORK:
                assert median.value is None and not median.suppressed
                continue
            population = published.cell("CHILDREN_AGE", country, (*category, TOTAL))
            known = by_country[country].get("CHILDREN_AGE", (*category, TOTAL)) or 0
            known -= by_country[country].get("CHILDREN_AGE", (*category, "unknown")) or 0
            if median.value is not None:
                assert population is not None and not population.suppressed
                assert known >= threshold
