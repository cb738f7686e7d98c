"""Every indicator of the catalogue computed from Homeward's own data, through the ORM's
aggregation. Reads cases, contacts and cross-border requests only through the functions their
apps offer for counting (never their models' managers directly).

CONTRACT (used by returns, dashboards, the demo and the benchmark):
    figures_for(organisation_ids, start, end) -> dict[int, Figures]
        Every indicator of `catalogue.CATALOGUE`, every cell of it (zeros included), for each
        organisation, over the half-open period [start, end) of dates.
    annual_figures(organisation, year) -> Figures
        The same for one hotline and one calendar year.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from homeward.organisations.models import Organisation
from homeward.statistics.figures import Figures


def figures_for(organisation_ids: Sequence[int], start: date, end: date) -> dict[int, Figures]:
    raise NotImplementedError("issue 15: the compute helper writes this")


def annual_figures(organisation: Organisation, year: int) -> Figures:
    return figures_for([organisation.pk], date(year, 1, 1), date(year + 1, 1, 1))[organisation.pk]
