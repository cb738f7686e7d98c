"""A hotline's own figures (view_own_statistics): any run of days, beside the same days a year
earlier, every indicator by code with its cells. The hotline's internal view: counts, no
personal data, no disclosure control."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from homeward.organisations.access import who
from homeward.statistics import access
from homeward.statistics.own_figures import Period
from homeward.statistics.schemas.figures import OwnFiguresOut, PeriodQuery, own_figures_out

router = Router(tags=["statistics"])


@router.get(
    "/statistics/figures",
    operation_id="get_own_figures",
    response=OwnFiguresOut,
    summary="Your hotline's figures for a period, beside the same days a year earlier",
)
def get_own_figures(request: HttpRequest, query: Query[PeriodQuery]) -> OwnFiguresOut:
    membership = who(request)
    default = access.this_year_so_far(membership.organisation)
    period = Period(query.start or default.first, query.end or default.last)
    if period.last < period.first:
        raise ValidationError({"end": _("The period ends before it starts.")})
    figures = access.own_figures(membership, period)
    return own_figures_out(membership.organisation.slug, figures)
