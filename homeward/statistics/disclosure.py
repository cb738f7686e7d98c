"""Disclosure control for every figure that leaves a hotline.

CONTRACT (used by the network report, its exports and API, and the network office's view of a
hotline's return):
    THRESHOLD: settings.HOMEWARD_DISCLOSURE_THRESHOLD (default 5): counts 1..THRESHOLD-1 are
        suppressed (primary), then further cells (secondary) so that no suppressed cell can be
        derived from a total or a difference.
    suppress(values, relations, threshold) -> set of suppressed cell keys
        The generic algorithm: `values` maps a cell key to its count, `relations` lists
        (total key, member keys) whose members add up to the total.
    protect(by_country, threshold=None) -> Published
        Per-country Figures (ISO code -> Figures) in, the published cells out: the network total
        (country "_T") added for every count cell, the relations of every additive indicator and
        of the country dimension built from the catalogue, suppression applied, and medians
        hidden where their population count is suppressed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from homeward.statistics.figures import Breakdown


@dataclass(frozen=True)
class PublishedCell:
    indicator: str
    country: str
    """ISO 3166-1 alpha-2, or "_T" for the network."""
    breakdown: Breakdown
    value: Decimal | None
    """None where suppressed (or not available, e.g. a network median)."""
    suppressed: bool
