"""Finding cases: the filtered list with name search, and the shift handover summary."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from homeward.cases import access, search
from homeward.cases.forms import CaseFilterForm
from homeward.organisations.access import current_membership, member_required
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission

SEARCH_LIMIT = 500
"""A name or reference search ranks at most this many matches."""


@member_required(Permission.VIEW_CASES)
def case_list(request: HttpRequest) -> HttpResponse:
    """The filtered list. When only closed cases match under "Any open", it says so and links
    to the same search with closed cases included."""
    membership = current_membership(request)
    form = CaseFilterForm(request.GET or None)
    page: Page[Any] = Paginator([], 50).get_page(1)
    matches: list[search.CaseMatch] = []
    only_closed_match = False
    if form.is_valid() or not request.GET:
        data = form.cleaned_data if request.GET else {}
        status = data.get("status", "")  # "": any open status; "all": any status at all
        q = data.get("q", "").strip()
        narrowing = {
            "category": data.get("category", ""),
            "risk": data.get("risk", ""),
            "country": data.get("country", ""),
            "reported_from": data.get("reported_from"),
            "reported_to": data.get("reported_to"),
        }
        filters = access.CaseFilter(
            status="" if status == "all" else status, open_only=status == "", **narrowing
        )
        page, matches = _page(request, membership, q, filters)
        if not matches and status == "" and (q or any(narrowing.values())):
            closed_too, _matches = _page(request, membership, q, access.CaseFilter(**narrowing))
            only_closed_match = closed_too.paginator.count > 0
    query = request.GET.copy()
    query.pop("page", None)
    with_closed = query.copy()
    with_closed["status"] = "all"
    return render(
        request,
        "cases/case_list.html",
        {
            "form": form,
            "page": page,
            "matches": matches,
            "query": query.urlencode(),
            "only_closed_match": only_closed_match,
            "with_closed": with_closed.urlencode(),
        },
    )


def _page(
    request: HttpRequest, membership: Membership, q: str, filters: access.CaseFilter
) -> tuple[Page[Any], list[search.CaseMatch]]:
    """The requested page of 50 and its cases: ranked by name or reference when `q` is given
    (the best 500), else every case meeting the filters, the most urgent first."""
    number = request.GET.get("page")
    if q:
        ranked = Paginator(search.search_cases(membership, q, filters, limit=SEARCH_LIMIT), 50)
        page: Page[Any] = ranked.get_page(number)
        return page, list(page)
    page = Paginator(search.listed_cases(membership, filters), 50).get_page(number)
    return page, [search.CaseMatch(case=case) for case in page]


@member_required(Permission.VIEW_CASES)
def handover(request: HttpRequest) -> HttpResponse:
    """What the next shift needs: my open cases and everything needing attention, with the
    latest timeline entries, printable."""
    membership = current_membership(request)
    mine = list(access.my_cases(membership).prefetch_related("timeline", "case_children__child"))
    attention = list(
        access.cases_needing_attention(membership)
        .exclude(pk__in=[c.pk for c in mine])
        .prefetch_related("timeline", "case_children__child")[:50]
    )
    access.record_list_read(membership, "handover", mine, attention)
    return render(
        request,
        "cases/handover.html",
        {
            "mine": mine,
            "attention": attention,
        },
    )


@member_required(Permission.VIEW_CASES)
def case_go(request: HttpRequest) -> HttpResponse:
    """The top bar's box: a case reference opens that case, anything else is a name search
    of the case list (every status)."""
    q = request.GET.get("q", "").strip()[:200]
    if not q:
        return redirect("case_list")
    case = search.case_by_reference(current_membership(request), q)
    if case is not None:
        return redirect("case_detail", case_id=case.pk)
    return redirect(f"{reverse('case_list')}?{urlencode({'q': q, 'status': 'all'})}")
