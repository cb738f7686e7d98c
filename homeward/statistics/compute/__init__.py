"""Every indicator of the catalogue computed from Homeward's own data, through the ORM's
aggregation. Reads cases, contacts, cross-border requests, child alerts and publicity appeals
only through the functions their apps offer for counting (`cases.figures`,
`crossborder.figures`, `alerts.figures`, `appeals.figures`), never their models' managers.

CONTRACT (used by returns, dashboards, the demo and the benchmark):
    figures_for(organisation_ids, start, end) -> dict[int, Figures]
        Every indicator of `catalogue.CATALOGUE`, every cell of it (`catalogue.cells`: zeros
        included, with the "_T" totals, and for an open dimension the codes that occur), for
        each organisation, over the half-open period [start, end) of dates. A median has a
        cell only where there is something to take the median of (its population is not 0).
    annual_figures(organisation, year) -> Figures
        The same for one hotline and one calendar year.

Each organisation's period is its own calendar days, in its time zone (`Organisation.time_zone`,
which its hotlines share): from midnight there on `start` to midnight on `end`. One statement
per family of indicators counts for every organisation at once (organisations whose midnights
coincide share a clause), grouped by organisation and the codes of the breakdown; the few
hundred grouped rows are then added up into cells and totals here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from homeward.organisations.models import Organisation
from homeward.statistics.compute import (
    cases,
    children,
    closures,
    contacts,
    publicity,
    requests,
)
from homeward.statistics.compute.tally import Tally
from homeward.statistics.figures import Figures


def figures_for(organisation_ids: Sequence[int], start: date, end: date) -> dict[int, Figures]:
    if end <= start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    organisations = list(
        Organisation.objects.filter(pk__in=organisation_ids).only("pk", "country", "time_zone")
    )
    missing = set(organisation_ids) - {o.pk for o in organisations}
    if missing:
        raise ValueError(f"no organisation with the id {', '.join(map(str, sorted(missing)))}")
    bounds = {o.pk: (o.day_start(start), o.day_start(end)) for o in organisations}
    tally = Tally([o.pk for o in organisations])
    contacts.count(tally, bounds)
    cases.count_new(tally, bounds, {o.pk: o.country for o in organisations})
    cases.count_reasons(tally, bounds)
    cases.count_repeats(tally, bounds)
    cases.count_carried_over(tally, bounds)
    children.count(tally, bounds)
    closures.count(tally, bounds)
    requests.count(tally, bounds)
    publicity.count(tally, bounds)
    return tally.figures(scale={"REQUESTS_ACK_MEDIAN": requests.MINUTES_PER_HOUR})


def annual_figures(organisation: Organisation, year: int) -> Figures:
    return figures_for([organisation.pk], date(year, 1, 1), date(year + 1, 1, 1))[organisation.pk]
