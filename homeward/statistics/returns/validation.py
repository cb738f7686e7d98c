"""Checks every cell of an uploaded return before anything is stored (docs/statistics.md,
"Annual returns", lists each rule). Every error names its cell; the return is stored only if
there is none (`ReturnRefused` carries them all)."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_countries import countries

from homeward.core.tables import shown
from homeward.statistics import dimensions as d
from homeward.statistics.catalogue import BY_CODE, CATALOGUE, Indicator, cells
from homeward.statistics.figures import Breakdown, Figures
from homeward.statistics.returns.cells import (
    SAME_TOTALS,
    Cell,
    describe,
    relations,
)
from homeward.statistics.returns.reading import FILE, Entry, Problem, read_upload

MAX_PROBLEMS = 500
MAX_COUNT = Decimal(10**9)
MAX_MEASURE = Decimal(99_999)
ONE_DECIMAL = Decimal("0.1")
NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
SPACES = re.compile(r"[\s\u00a0\u202f\u2009]")
"""Spaces people and spreadsheet programs put between thousands."""


class ReturnRefused(ValidationError):
    """The upload, refused: `problems` names each cell (the dict form, cell -> messages, is
    what the API's error format shows)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        by_where: dict[str, list[str]] = defaultdict(list)
        for problem in problems:
            by_where[problem.where].append(problem.message)
        super().__init__(dict(by_where))


def check_upload(file_name: str, content: bytes) -> Figures:
    """The return's figures, or ReturnRefused with every problem of the file."""
    upload = read_upload(file_name, content)
    if upload.unreadable:
        raise ReturnRefused(upload.problems)
    figures, problems = check_entries(upload.entries, upload.file_format)
    problems = _unique([*upload.problems, *problems])
    if problems:
        if len(problems) > MAX_PROBLEMS:
            hidden = len(problems) - MAX_PROBLEMS
            more = _("%(count)s more errors are not listed: correct these and upload again.")
            problems = [*problems[:MAX_PROBLEMS], Problem(FILE, more % {"count": hidden})]
        raise ReturnRefused(problems)
    return figures


def _unique(problems: list[Problem]) -> list[Problem]:
    """The same problem once (a wrong column code in a workbook is met on every row)."""
    return list(dict.fromkeys(problems))


class _Check:
    def __init__(self, file_format: str) -> None:
        self.file_format = file_format
        self.problems: list[Problem] = []
        self.figures = Figures()
        self.value_at: dict[Cell, str] = {}
        self.empty_at: dict[Cell, str] = {}
        self.refused: set[Cell] = set()
        self.touched: set[str] = set()
        """Indicators with at least one cell in the file, filled or not."""
        self.filled: set[str] = set()
        """Indicators with at least one value, valid or not."""

    def problem(self, where: str, message: str, value: str = "") -> None:
        self.problems.append(Problem(where, message, shown(value)))

    # --- each cell -------------------------------------------------------------------------

    def entry(self, entry: Entry) -> None:
        indicator = self._indicator(entry)
        if indicator is None:
            return
        breakdown = self._breakdown(entry, indicator)
        if breakdown is None:
            return
        cell = (indicator.code, breakdown)
        self.touched.add(indicator.code)
        first = self.value_at.get(cell) or self.empty_at.get(cell)
        if first is not None:
            self.problem(
                entry.value_at,
                _("The same cell as %(first)s: give each cell once.") % {"first": first},
                entry.value,
            )
            return
        if not entry.value:
            self.empty_at[cell] = entry.value_at
            return
        self.filled.add(indicator.code)
        self.value_at[cell] = entry.value_at
        value = self._value(entry, indicator)
        if value is None:
            self.refused.add(cell)
        else:
            self.figures.set(indicator.code, breakdown, value)

    def _indicator(self, entry: Entry) -> Indicator | None:
        if not entry.indicator:
            self.problem(entry.indicator_at, _("Give the indicator's code."))
            return None
        indicator = BY_CODE.get(entry.indicator.upper())
        if indicator is None:
            self.problem(
                entry.indicator_at,
                _("No indicator has this code. The codes are: %(codes)s.")
                % {"codes": ", ".join(BY_CODE)},
                entry.indicator,
            )
        return indicator

    def _breakdown(self, entry: Entry, indicator: Indicator) -> Breakdown | None:
        codes: list[str] = []
        wrong = False
        for position, text in enumerate(entry.codes):
            where = entry.codes_at[position]
            if position >= len(indicator.dimensions):
                if text:
                    wrong = True
                    self.problem(
                        where,
                        _("%(code)s has no breakdown here: leave this empty.")
                        % {"code": indicator.code},
                        text,
                    )
                continue
            dimension = indicator.dimensions[position]
            code = _code_of(dimension, text)
            if code is None:
                wrong = True
                self.problem(where, _unknown_code(dimension, text), text)
            else:
                codes.append(code)
        return None if wrong else tuple(codes)

    def _value(self, entry: Entry, indicator: Indicator) -> Decimal | None:
        text = SPACES.sub("", entry.value)
        count = indicator.is_count
        if not NUMBER.match(text):
            if count:
                message = _("This is not a number: a count is a whole number (0, 1, 2…).")
            else:
                message = _(
                    "This is not a number: write the median in %(unit)s, with at most one "
                    "decimal (for example 12.5)."
                ) % {"unit": indicator.unit.value}
            self.problem(entry.value_at, message, entry.value)
            return None
        try:
            value = Decimal(text.replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            self.problem(entry.value_at, _("This is not a number."), entry.value)
            return None
        if value < 0:
            message = (
                _("A count cannot be negative.") if count else _("A median cannot be negative.")
            )
            self.problem(entry.value_at, message, entry.value)
            return None
        if count and value != value.to_integral_value():
            self.problem(
                entry.value_at, _("A count is a whole number, without decimals."), entry.value
            )
            return None
        limit = MAX_COUNT if count else MAX_MEASURE
        if value > limit:
            self.problem(
                entry.value_at,
                _("This is more than %(limit)s: check the value.") % {"limit": f"{limit:,}"},
                entry.value,
            )
            return None
        return value if count else value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)

    # --- the whole return ------------------------------------------------------------------

    def completeness(self) -> None:
        """The minimum common set complete; any other count indicator all or nothing."""
        for indicator in CATALOGUE:
            if not indicator.is_count:
                continue  # a median may stay empty where nothing was counted
            if not indicator.minimum and indicator.code not in self.filled:
                continue
            if indicator.minimum and indicator.code not in self.touched:
                self.problem(
                    self._indicator_at(indicator),
                    _(
                        "Required, and not in the file: caseload, age and sex (%(codes)s) "
                        "are asked of every hotline."
                    )
                    % {"codes": ", ".join(i.code for i in CATALOGUE if i.minimum)},
                )
                continue
            for breakdown in cells(indicator):
                cell = (indicator.code, breakdown)
                if cell in self.value_at:
                    continue
                where = self.empty_at.get(cell)
                self.problem(where or describe(*cell), self._missing(indicator, where))

    def _indicator_at(self, indicator: Indicator) -> str:
        if self.file_format == "xlsx":
            return _("Sheet %(sheet)s") % {"sheet": indicator.code}
        return _("indicator %(code)s") % {"code": indicator.code}

    @staticmethod
    def _missing(indicator: Indicator, where: str | None) -> str:
        if indicator.minimum:
            if where:
                return _("Required, and empty: caseload, age and sex are asked of every hotline.")
            return _(
                "Required, and not in the file: caseload, age and sex are asked of every hotline."
            )
        if where:
            return _(
                "Empty, but other cells of %(code)s are filled: fill every cell of an "
                "indicator, or leave it all empty."
            ) % {"code": indicator.code}
        return _(
            "Not in the file, but other cells of %(code)s are filled: give every cell of an "
            "indicator, or none."
        ) % {"code": indicator.code}

    def sums(self) -> None:
        """Each total of an additive indicator is the sum of its cells, along every dimension."""
        for indicator in CATALOGUE:
            cells = self.figures.cells(indicator.code)
            if not cells:
                continue
            for dimension, total, members in relations(indicator):
                if total not in cells or any(member not in cells for member in members):
                    continue
                added = sum((cells[member] for member in members), Decimal(0))
                if added != cells[total]:
                    self.problem(
                        self.value_at[(indicator.code, total)],
                        _(
                            "This total is %(total)s, but the cells it totals by %(dimension)s "
                            "add up to %(sum)s."
                        )
                        % {
                            "total": _number(cells[total]),
                            "dimension": dimension.label,
                            "sum": _number(added),
                        },
                        _number(cells[total]),
                    )

    def same_totals(self) -> None:
        """Indicators that count the same contacts, cases or children agree on their totals."""
        for group in SAME_TOTALS:
            given = [
                (cell, value) for cell in group if (value := self.figures.get(*cell)) is not None
            ]
            if not given:
                continue
            first, first_value = given[0]
            for cell, value in given[1:]:
                if value != first_value:
                    self.problem(
                        self.value_at[cell],
                        _(
                            "This is %(value)s, but %(other)s is %(other_value)s: both count "
                            "the same contacts, cases or children, so they must be equal."
                        )
                        % {
                            "value": _number(value),
                            "other": f"{describe(*first)} ({self.value_at[first]})",
                            "other_value": _number(first_value),
                        },
                        _number(value),
                    )


def check_entries(entries: list[Entry], file_format: str) -> tuple[Figures, list[Problem]]:
    check = _Check(file_format)
    for entry in entries:
        check.entry(entry)
    check.completeness()
    check.sums()
    check.same_totals()
    return check.figures, check.problems


def _code_of(dimension: d.Dimension, text: str) -> str | None:
    if text.upper() == d.TOTAL:
        return d.TOTAL
    if dimension.open:
        code = text.upper()
        return code if len(code) == 2 and code in countries else None
    by_fold = {code.casefold(): code for code in dimension.codes}
    return by_fold.get(text.casefold())


def _unknown_code(dimension: d.Dimension, text: str) -> str:
    if not text:
        return _("Give the code of the %(dimension)s.") % {"dimension": dimension.label}
    if dimension.open:
        return _(
            "Not an ISO 3166-1 alpha-2 country code (for example DE, FR), nor “%(total)s” for "
            "the total."
        ) % {"total": d.TOTAL}
    return _("Unknown %(dimension)s code. The codes are: %(codes)s.") % {
        "dimension": dimension.label,
        "codes": ", ".join((*dimension.codes, d.TOTAL)),
    }


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"
