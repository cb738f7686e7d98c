"""Disclosure control for every figure that leaves a hotline (docs/statistics.md, "Disclosure
control").

CONTRACT (used by the network report, its exports and API, and the network office's view of a
hotline's return):
    threshold() -> int: settings.HOMEWARD_DISCLOSURE_THRESHOLD (default 5): counts
        1..threshold-1 are suppressed (primary), then further cells (secondary) so that no
        suppressed cell can be derived from a total or a difference.
    suppress(values, relations, threshold) -> set of suppressed cell keys
        The generic algorithm (suppression.py): `values` maps a cell key to its count,
        `relations` lists (total key, member keys) whose members add up to the total.
    protect(by_country, threshold=None, *, year) -> Published
        Per-country Figures (ISO code -> Figures) in, the published cells out: the network total
        (country "_T") added for every count cell, the relations of every additive indicator and
        of the country dimension built from the catalogue, suppression applied, and medians
        hidden where their population count is suppressed or too small. The network has no
        median (None, not suppressed: "not available").
    Published: the year, the threshold, the countries that reported, the cells in a stable
        order (catalogue order, countries then the network, breakdowns in dimension order), and
        lookups: cell(), value(), table(), across_countries(), share(); of_country(code) for one
        hotline's part of the network's report.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from homeward.statistics import catalogue
from homeward.statistics.dimensions import TOTAL
from homeward.statistics.figures import Breakdown, Figures
from homeward.statistics.suppression import suppress

__all__ = ["NETWORK", "Published", "PublishedCell", "protect", "suppress", "threshold"]

NETWORK = TOTAL
"""The country code of the network's cells (the SDMX total)."""

CellKey = tuple[str, str, Breakdown]
"""(indicator, country, breakdown)."""


def threshold() -> int:
    value = getattr(settings, "HOMEWARD_DISCLOSURE_THRESHOLD", 5)
    if not isinstance(value, int) or isinstance(value, bool) or value < 2:
        raise ImproperlyConfigured(
            f"HOMEWARD_DISCLOSURE_THRESHOLD must be a whole number of at least 2, not {value!r}"
        )
    return value


@dataclass(frozen=True)
class PublishedCell:
    indicator: str
    country: str
    """ISO 3166-1 alpha-2, or "_T" for the network."""
    breakdown: Breakdown
    value: Decimal | None
    """None where suppressed (or not available, e.g. a network median)."""
    suppressed: bool

    @property
    def available(self) -> bool:
        """False for a value that does not exist (a network median), as against a hidden one."""
        return self.value is not None or self.suppressed


@dataclass
class Published:
    year: int
    threshold: int
    countries: tuple[str, ...]
    """The countries that reported, in alphabetical order (the network's cell is "_T")."""
    cells: tuple[PublishedCell, ...]
    _index: dict[CellKey, PublishedCell] = field(init=False, repr=False, compare=False)
    _tables: dict[tuple[str, str], dict[Breakdown, PublishedCell]] = field(
        init=False, repr=False, compare=False
    )
    _columns: dict[tuple[str, Breakdown], dict[str, PublishedCell]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        self._index = {}
        self._tables = {}
        self._columns = {}
        for c in self.cells:
            self._index[(c.indicator, c.country, c.breakdown)] = c
            self._tables.setdefault((c.indicator, c.country), {})[c.breakdown] = c
            self._columns.setdefault((c.indicator, c.breakdown), {})[c.country] = c

    def __iter__(self) -> Iterator[PublishedCell]:
        return iter(self.cells)

    @property
    def indicators(self) -> tuple[catalogue.Indicator, ...]:
        """The catalogue's indicators that have cells here, in catalogue order."""
        present = {cell.indicator for cell in self.cells}
        return tuple(i for i in catalogue.CATALOGUE if i.code in present)

    def of_country(self, country: str) -> Published:
        """One country's cells of this report (its covers chosen with the whole network's, so
        that the two views cannot be combined to undo each other), for that hotline's export."""
        if country not in self.countries:
            raise ValueError(f"{country} did not report for {self.year}")
        return Published(
            year=self.year,
            threshold=self.threshold,
            countries=(country,),
            cells=tuple(c for c in self.cells if c.country == country),
        )

    def cell(self, indicator: str, country: str, breakdown: Breakdown) -> PublishedCell | None:
        return self._index.get((indicator, country, breakdown))

    def value(self, indicator: str, country: str, breakdown: Breakdown) -> Decimal | None:
        cell = self.cell(indicator, country, breakdown)
        return cell.value if cell else None

    def table(self, indicator: str, country: str) -> dict[Breakdown, PublishedCell]:
        """One country's (or the network's) cells of an indicator, in dimension order."""
        return dict(self._tables.get((indicator, country), {}))

    def across_countries(self, indicator: str, breakdown: Breakdown) -> dict[str, PublishedCell]:
        """One cell of an indicator in every country, then the network ("_T")."""
        return dict(self._columns.get((indicator, breakdown), {}))

    def share(
        self,
        indicator: str,
        country: str,
        breakdown: Breakdown,
        of: Breakdown | None = None,
        of_indicator: str | None = None,
    ) -> Decimal | None:
        """cell / total, as a fraction from 0 to 1, where both are published: the total is the
        cell `of` (by default the indicator's grand total, "_T" in every dimension) of
        `of_indicator` (by default the same indicator). None where either is suppressed, not
        available or missing, or the total is zero: a share of a hidden figure would give it
        away."""
        total_breakdown = of if of is not None else tuple(TOTAL for _ in breakdown)
        part = self.value(indicator, country, breakdown)
        whole = self.value(of_indicator or indicator, country, total_breakdown)
        if part is None or whole is None or whole == 0:
            return None
        return part / whole


def protect(
    by_country: Mapping[str, Figures], threshold: int | None = None, *, year: int
) -> Published:
    """The cells that may be published from these countries' figures for `year`."""
    limit = _checked_threshold(threshold)
    countries = tuple(sorted(by_country))
    for country in countries:
        if country == NETWORK or len(country) != 2 or not country.isalpha():
            raise ValueError(f"not an ISO 3166-1 alpha-2 country code: {country!r}")
    counts: dict[CellKey, Decimal] = {}
    medians: dict[CellKey, Decimal] = {}
    layout = _layout(by_country)
    for indicator, breakdowns in layout.items():
        for country in countries:
            figures = by_country[country]
            for breakdown in breakdowns:
                value = figures.get(indicator.code, breakdown)
                if value is None:
                    continue
                target = counts if indicator.is_count else medians
                target[(indicator.code, country, breakdown)] = value
        if indicator.is_count:
            for breakdown in breakdowns:
                members = [counts.get((indicator.code, c, breakdown)) for c in countries]
                counts[(indicator.code, NETWORK, breakdown)] = sum(
                    (v for v in members if v is not None), Decimal(0)
                )
    hidden = suppress(counts, _relations(layout, countries, counts), limit)
    cells: list[PublishedCell] = []
    for indicator, breakdowns in layout.items():
        for country in (*countries, NETWORK):
            for breakdown in breakdowns:
                key = (indicator.code, country, breakdown)
                if indicator.is_count:
                    if key in counts:
                        cells.append(_count_cell(key, counts[key], key in hidden))
                elif country == NETWORK:
                    cells.append(PublishedCell(*key, value=None, suppressed=False))
                elif key in medians:
                    cells.append(_median_cell(indicator, key, medians[key], counts, hidden, limit))
    return Published(year=year, threshold=limit, countries=countries, cells=tuple(cells))


def _checked_threshold(value: int | None) -> int:
    if value is None:
        return threshold()
    if value < 2:
        raise ValueError(f"the disclosure threshold must be at least 2, not {value}")
    return value


def _layout(by_country: Mapping[str, Figures]) -> dict[catalogue.Indicator, list[Breakdown]]:
    """Every indicator that any country reported, in catalogue order, with the union of the
    breakdowns reported, in dimension order."""
    seen: dict[str, set[Breakdown]] = {}
    for country, figures in by_country.items():
        for code, breakdown, value in figures:
            indicator = catalogue.BY_CODE.get(code)
            if indicator is None:
                raise ValueError(f"{country}: {code} is not an indicator of the catalogue")
            if len(breakdown) != len(indicator.dimensions):
                raise ValueError(
                    f"{country}: {code} has {len(indicator.dimensions)} dimensions, "
                    f"not the {len(breakdown)} of {breakdown!r}"
                )
            if indicator.is_count and value < 0:
                raise ValueError(f"{country}: {code} {breakdown!r} is negative ({value})")
            seen.setdefault(code, set()).add(breakdown)
    layout: dict[catalogue.Indicator, list[Breakdown]] = {}
    for indicator in catalogue.CATALOGUE:
        if indicator.code in seen:
            layout[indicator] = sorted(seen[indicator.code], key=partial(_position, indicator))
    return layout


def _position(indicator: catalogue.Indicator, breakdown: Breakdown) -> tuple[tuple[int, str], ...]:
    """A dimension's codes in their catalogue order, codes of an open dimension alphabetically
    after them, the total last."""
    place: list[tuple[int, str]] = []
    for dimension, code in zip(indicator.dimensions, breakdown, strict=True):
        if code == TOTAL:
            place.append((2, ""))
        elif code in dimension.codes:
            place.append((0, f"{dimension.codes.index(code):04d}"))
        else:
            place.append((1, code))
    return tuple(place)


def _relations(
    layout: Mapping[catalogue.Indicator, list[Breakdown]],
    countries: tuple[str, ...],
    counts: Mapping[CellKey, Decimal],
) -> list[tuple[CellKey, list[CellKey]]]:
    """Within each country (and the network): a dimension's total is the sum of its codes, for
    every additive indicator, in every direction of a multi-dimension one. Across countries:
    the network's cell is the sum of the countries' cells, for every count. Across tables: a
    cell equals the cells of other indicators that count the same thing
    (catalogue.SAME_COUNTS), so they are hidden together."""
    relations: list[tuple[CellKey, list[CellKey]]] = []
    for indicator, breakdowns in layout.items():
        if not indicator.is_count:
            continue
        if indicator.additive:
            for country in (*countries, NETWORK):
                present = [b for b in breakdowns if (indicator.code, country, b) in counts]
                for total, parts in _margins(present):
                    relations.append(
                        (
                            (indicator.code, country, total),
                            [(indicator.code, country, part) for part in parts],
                        )
                    )
        for breakdown in breakdowns:
            members = [
                (indicator.code, c, breakdown)
                for c in countries
                if (indicator.code, c, breakdown) in counts
            ]
            relations.append(((indicator.code, NETWORK, breakdown), members))
            for country in (*countries, NETWORK):
                cell = (indicator.code, country, breakdown)
                for other, other_breakdown in catalogue.same_counts(indicator.code, breakdown):
                    same = (other, country, other_breakdown)
                    if cell in counts and same in counts:
                        relations.append((cell, [same]))
    return relations


def _margins(breakdowns: list[Breakdown]) -> list[tuple[Breakdown, list[Breakdown]]]:
    """For each cell with a total in dimension i, the cells that differ from it only there."""
    groups: dict[tuple[int, Breakdown], tuple[list[Breakdown], list[Breakdown]]] = {}
    for breakdown in breakdowns:
        for i, code in enumerate(breakdown):
            key = (i, (*breakdown[:i], "", *breakdown[i + 1 :]))
            totals, members = groups.setdefault(key, ([], []))
            (totals if code == TOTAL else members).append(breakdown)
    return [(totals[0], members) for totals, members in groups.values() if totals and members]


def _count_cell(key: CellKey, value: Decimal, hidden: bool) -> PublishedCell:
    return PublishedCell(*key, value=None if hidden else value, suppressed=hidden)


def _median_cell(
    indicator: catalogue.Indicator,
    key: CellKey,
    value: Decimal,
    counts: Mapping[CellKey, Decimal],
    hidden: set[CellKey],
    limit: int,
) -> PublishedCell:
    """A median is published where its population's cell is and the median's own base (the
    population less the codes it does not count) is at least the threshold. Where the
    population is a published zero there is no median: not available."""
    code, country, breakdown = key
    population = catalogue.indicator(indicator.population)
    extra = len(population.dimensions) - len(breakdown)
    total_key = (population.code, country, breakdown + (TOTAL,) * extra)
    total = counts.get(total_key)
    if total is None or total_key in hidden:
        return PublishedCell(code, country, breakdown, value=None, suppressed=True)
    if total == 0:
        return PublishedCell(code, country, breakdown, value=None, suppressed=False)
    base = total - sum(
        (
            counts.get((population.code, country, breakdown + (TOTAL,) * (extra - 1) + (x,)))
            or Decimal(0)
            for x in indicator.population_excludes
        ),
        Decimal(0),
    )
    if base < limit:
        return PublishedCell(code, country, breakdown, value=None, suppressed=True)
    return PublishedCell(code, country, breakdown, value=value, suppressed=False)
