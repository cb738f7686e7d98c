"""What every export shows the same way: country names, breakdown labels, numbers, and the two
symbols for a figure that is not shown (the UK Government Analysis Function's table symbols:
[c] confidential, [x] not available)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django_countries import countries

from homeward.statistics import catalogue
from homeward.statistics.dimensions import TOTAL, Dimension
from homeward.statistics.disclosure import NETWORK, PublishedCell
from homeward.statistics.figures import Breakdown

SUPPRESSED = "[c]"
NOT_AVAILABLE = "[x]"


def legend() -> list[tuple[str, str]]:
    return [
        (
            SUPPRESSED,
            _("hidden by disclosure control (a small count, or a cell that would give one away)"),
        ),
        (NOT_AVAILABLE, _("not available (the network has no median)")),
    ]


def threshold_note(threshold: int) -> str:
    return _(
        "Counts from 1 to %(last)s are hidden, and so are the cells that would let them be "
        "worked out from a total; zero is shown."
    ) % {"last": threshold - 1}


def unit_label(unit: catalogue.Unit) -> str:
    labels = {
        catalogue.Unit.COUNT: _("number"),
        catalogue.Unit.YEARS: _("years"),
        catalogue.Unit.DAYS: _("days"),
        catalogue.Unit.HOURS: _("hours"),
    }
    return labels[unit]


def country_name(code: str) -> str:
    if code == NETWORK:
        return _("Network")
    return str(countries.name(code)) or code


def code_label(dimension: Dimension, code: str) -> str:
    if dimension.open and code != TOTAL:
        return country_name(code)
    return dimension.label_of(code)


def breakdown_label(indicator: catalogue.Indicator, breakdown: Breakdown) -> str:
    return " · ".join(
        code_label(dimension, code)
        for dimension, code in zip(indicator.dimensions, breakdown, strict=True)
    )


def number(value: Decimal) -> int | float:
    """A count as a whole number, a median as a decimal one."""
    return int(value) if value == value.to_integral_value() else float(value)


def plain(value: Decimal) -> str:
    """A number as text, without exponent or trailing zeros: 12, 14.5."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def status(cell: PublishedCell) -> str:
    """published, suppressed or not_available (the machine-readable word)."""
    if cell.suppressed:
        return "suppressed"
    return "published" if cell.value is not None else "not_available"


def shown(cell: PublishedCell) -> int | float | str:
    """The cell as a table shows it: its number, or the symbol for why there is none."""
    if cell.suppressed:
        return SUPPRESSED
    if cell.value is None:
        return NOT_AVAILABLE
    return number(cell.value)
