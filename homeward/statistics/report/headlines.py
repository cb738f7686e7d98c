"""The headline figures of the report: a few counts and the shares a reader looks for first.

A share is computed from the unsuppressed counts, and shown only where every cell it is made
of is published: a share whose numerator is suppressed would give the suppressed count back
(share × total), and one built on a suppressed total would too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from homeward.statistics import dimensions as d
from homeward.statistics.charts import format_count, format_percent
from homeward.statistics.figures import Breakdown, Figures
from homeward.statistics.report.published import Cell, PublishedView, published_share

T = d.TOTAL
PHONE = ("phone_116000", "phone_other")


@dataclass(frozen=True)
class Headline:
    key: str
    label: str | Promise
    kind: str
    """"count", "percent", "years" (a range "low–high") or "band" (an age band's label)."""
    value: Decimal | None
    """None where it may not be shown (a suppressed cell) or cannot be computed."""
    high: Decimal | None = None
    """The top of a range (median ages across countries)."""
    text: str = ""
    """What the value is of, e.g. "53,711 of 70,855 contacts"; the label of a band."""

    @property
    def shown(self) -> bool:
        return self.value is not None

    @property
    def display(self) -> str:
        """The value as the report prints it: "70,855", "76 %", "12–16", "13–15"."""
        if self.value is None:
            return ""
        if self.kind == "percent":
            return format_percent(self.value)
        if self.kind == "band":
            return self.text
        if self.high is not None:
            return f"{format_count(self.value)}–{format_count(self.high)}"
        return format_count(self.value)


def _count(view: PublishedView, country: str, code: str, breakdown: Breakdown) -> Decimal | None:
    return view.value(code, country, breakdown)


def headlines(raw: Figures, view: PublishedView, *, country: str = T) -> list[Headline]:
    """`raw`: the unsuppressed counts of `country` ("_T": the network's); `view`: what is
    published of them."""

    def share(key: str, label: str | Promise, parts: Sequence[Cell], whole: Cell) -> Headline:
        return Headline(key, label, "percent", published_share(raw, view, country, parts, whole))

    contacts = _count(view, country, "CONTACTS_CHANNEL", (T,))
    new = _count(view, country, "CASES_NEW", (T,))
    carried = _count(view, country, "CASES_CARRIED_OVER", (T,))
    rows = [
        Headline("contacts", _("Contacts"), "count", contacts),
        share(
            "contacts_phone",
            _("of contacts by phone"),
            [("CONTACTS_CHANNEL", (c,)) for c in PHONE],
            ("CONTACTS_CHANNEL", (T,)),
        ),
        Headline("cases_new", _("New cases"), "count", new),
        Headline("cases_carried_over", _("Cases carried over"), "count", carried),
    ]
    for key, category, label in (
        ("runaway", "runaway", _("of new cases were runaways")),
        ("parental_abduction", "parental_abduction", _("were parental abductions")),
        ("migrant", "migrant", _("concerned children in migration")),
    ):
        rows.append(share(f"share_{key}", label, [("CASES_NEW", (category,))], ("CASES_NEW", (T,))))
    rows += [
        share(
            "cross_border",
            _("of new cases were cross-border"),
            [("CASES_CROSS_BORDER", (T, "yes"))],
            ("CASES_CROSS_BORDER", (T, T)),
        ),
        _median_age(view, country),
        _peak_age(raw, view, country),
        share(
            "runaway_girls",
            _("of runaways were girls"),
            [("CHILDREN_SEX", ("runaway", "female"))],
            ("CHILDREN_SEX", ("runaway", T)),
        ),
        share(
            "found_within_week",
            _("of children found were found within a week"),
            [("CASES_DURATION", (T, "lt_1w"))],
            ("CASES_DURATION", (T, T)),
        ),
        share(
            "runaway_repeat",
            _("of runaways had run away before"),
            [("RUNAWAY_REPEAT", ("repeat",))],
            ("RUNAWAY_REPEAT", (T,)),
        ),
        share(
            "abduction_international",
            _("of parental abductions were international"),
            [("CASES_SUBCATEGORY", ("parental_abduction", "international"))],
            ("CASES_SUBCATEGORY", ("parental_abduction", T)),
        ),
    ]
    return rows


def _median_age(view: PublishedView, country: str) -> Headline:
    """One country: its median. The network: the range of the countries' medians (a median of
    the network cannot be made from medians)."""
    label = _("median age of the children")
    if country != T:
        own = view.value("CHILDREN_AGE_MEDIAN", country, (T,))
        return Headline("median_age", label, "years", own)
    medians = [
        v for c in view.countries() if (v := view.value("CHILDREN_AGE_MEDIAN", c, (T,))) is not None
    ]
    if not medians:
        return Headline("median_age", label, "years", None)
    low, high = min(medians), max(medians)
    return Headline("median_age", label, "years", low, high=high if high != low else None)


def _peak_age(raw: Figures, view: PublishedView, country: str) -> Headline:
    """The age band with the most children, if its count is published."""
    label = _("the most frequent age")
    bands = [code for code in d.AGE_BAND.codes if code != d.UNKNOWN]
    counts = [(raw.get("CHILDREN_AGE", (T, band)) or Decimal(0), band) for band in bands]
    top, band = max(counts, default=(Decimal(0), ""))
    if top <= 0 or not view.is_published("CHILDREN_AGE", country, (T, band)):
        return Headline("peak_age", label, "band", None)
    return Headline("peak_age", label, "band", top, text=d.AGE_BAND.label_of(band))
