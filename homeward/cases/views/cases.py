"""Opening, reading and working a case."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import modelform_factory
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from homeward.cases import access, actions, search
from homeward.cases.actions.cases import SECTION_MODELS, SECTION_OF_CATEGORY
from homeward.cases.choices import STATUS_FLOW, Status
from homeward.cases.forms import (
    CaseEditForm,
    CaseForm,
    ChildForm,
    SectionForm,
    StatusForm,
    TimelineForm,
    optional_country_choices,
)
from homeward.cases.models import Contact
from homeward.cases.views.common import show_conflict
from homeward.core.api_types import parse_id
from homeward.core.forms import add_errors, flash_errors
from homeward.organisations.access import current_membership, member_required
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission

SIBLING_PREFIXES = ("child0", "child1", "child2")


def _case_fields(form: CaseForm) -> dict[str, Any]:
    return {k: v for k, v in form.cleaned_data.items() if v not in (None, "") or k == "reasons"}


@member_required(Permission.EDIT_CASES)
def case_new(request: HttpRequest) -> HttpResponse:
    """One page: the case, the first child and up to two siblings. While the operator types a
    name, likely existing children show beside the form (search before create)."""
    membership = current_membership(request)
    contact: Contact | None = None
    if contact_id := parse_id(request.GET.get("contact") or request.POST.get("contact")):
        contact = access.access_contact_by_id(membership, contact_id)
    country = membership.organisation.country
    form = CaseForm(request.POST or None, initial={"last_seen_country": country})
    medical = membership.has_perm(Permission.VIEW_MEDICAL)
    children = [
        ChildForm(
            request.POST or None, prefix=p, medical=medical, autofocus=p == SIBLING_PREFIXES[0]
        )
        for p in SIBLING_PREFIXES
    ]
    existing_id = request.POST.get("existing_child", "")
    if request.method == "POST" and form.is_valid() and all(c.is_valid() for c in children):
        data = [c.child_data() for c in children if c.has_names()]
        if known_id := parse_id(existing_id):
            # a known child: a repeat episode; the first name fields are ignored
            known = access.access_child_by_id(membership, known_id)
            data = [{"existing_child": known}] + [
                c.child_data() for c in children[1:] if c.has_names()
            ]
        try:
            case = actions.open_case(
                membership=membership,
                contact=contact,
                children=data,
                **_case_fields(form),
            )
        except ValidationError as error:
            add_errors(children[0] if "given_names" in error.message_dict else form, error)
        else:
            messages.success(request, _("Case %(ref)s opened.") % {"ref": case.reference})
            return redirect("case_detail", case_id=case.pk)
    return render(
        request,
        "cases/case_new.html",
        {
            "form": form,
            "children": children,
            "contact": contact,
            "existing_id": existing_id,
        },
    )


@member_required(Permission.EDIT_CASES)
def likely_existing(request: HttpRequest) -> HttpResponse:
    """The search-before-create panel (an htmx fragment), asked for as the page loads (a form
    shown again holds names already) and as the operator types."""
    membership = current_membership(request)
    given = request.GET.get("child0-given_names", "").strip()
    family = request.GET.get("child0-family_name", "").strip()
    year = request.GET.get("child0-birth_year", "") or request.GET.get("child0-birth_date", "")[:4]
    matches = []
    searched = len(given) + len(family) >= 3
    if searched:
        matches = search.likely_existing_children(
            membership,
            given_names=given,
            family_name=family,
            birth_year=int(year) if year.isascii() and year.isdigit() and len(year) == 4 else None,
        )
    selected = request.GET.get("existing_child", "")
    return render(
        request,
        "cases/_likely_existing.html",
        {"matches": matches, "selected": selected, "searched": searched},
    )


@member_required(Permission.VIEW_CASES)
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    membership = current_membership(request)
    return _case_page(request, membership, case_id, TimelineForm())


def _case_page(
    request: HttpRequest, membership: Membership, case_id: int, timeline_form: TimelineForm
) -> HttpResponse:
    """The case's page; `timeline_form` bound to what was typed when it was refused. The page
    shows each child's whole record (photo, medical details as the role allows), each read
    recorded as such."""
    read = access.read_case(membership, case_id)
    case = read.case
    children = [(access.view_child(membership, each.child), each.link) for each in read.children]
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "children": children,
            "section": read.section,
            "has_section": case.category in SECTION_OF_CATEGORY,
            "timeline": case.timeline.select_related("actor").order_by("-occurred_at", "-pk"),
            "risk": read.risk,
            "risk_factors": read.risk_factors,
            "closure": next(iter(read.closures), None),
            "timeline_form": timeline_form,
            "next_statuses": [Status(s) for s in STATUS_FLOW.get(case.status, ())],
            "can_edit": membership.has_perm(Permission.EDIT_CASES),
            "can_approve": membership.has_perm(Permission.APPROVE),
            "can_see_medical": membership.has_perm(Permission.VIEW_MEDICAL),
        },
    )


@member_required(Permission.EDIT_CASES)
def case_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    membership = current_membership(request)
    case = access.locate_case(membership, case_id)
    initial = {name: getattr(case, name) for name in CaseForm.base_fields}
    form = CaseEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes, seen = form.edits()
        try:
            actions.update_case(
                membership=membership,
                case=case,
                changes=changes,
                seen=seen,
            )
        except actions.EditConflict as conflict:
            case.refresh_from_db()
            show_conflict(form, conflict, {n: getattr(case, n) for n in CaseForm.base_fields})
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Case updated."))
            return redirect("case_detail", case_id=case.pk)
    return render(request, "cases/case_edit.html", {"case": case, "form": form})


@require_POST
@member_required(Permission.EDIT_CASES)
def timeline_add(request: HttpRequest, case_id: int) -> HttpResponse:
    membership = current_membership(request)
    case = access.locate_case(membership, case_id)
    form = TimelineForm(request.POST)
    if form.is_valid():
        try:
            actions.record_timeline(membership=membership, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            # back to the timeline, not the top of the page: the new entry heads it
            return redirect(reverse("case_detail", args=[case.pk]) + "#timeline")
    # refused: the page again, with what was typed and why it was refused, never an empty form
    return _case_page(request, membership, case.pk, form)


@require_POST
@member_required(Permission.EDIT_CASES)
def status_change(request: HttpRequest, case_id: int) -> HttpResponse:
    membership = current_membership(request)
    case = access.locate_case(membership, case_id)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            actions.change_status(
                membership=membership,
                case=case,
                status=form.cleaned_data["status"],
            )
        except ValidationError as error:
            flash_errors(request, error)
    return redirect("case_detail", case_id=case.pk)


@member_required(Permission.EDIT_CASES)
def child_add(request: HttpRequest, case_id: int) -> HttpResponse:
    membership = current_membership(request)
    case = access.locate_case(membership, case_id)
    medical = membership.has_perm(Permission.VIEW_MEDICAL)
    form = ChildForm(request.POST or None, prefix="child0", medical=medical)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_child_to_case(
                membership=membership,
                case=case,
                data=form.child_data(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Child added to the case."))
            return redirect("case_detail", case_id=case.pk)
    return render(request, "cases/child_add.html", {"case": case, "form": form})


@member_required(Permission.EDIT_CASES)
def section_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    """The category's own section: parental abduction, migration or runaway."""
    membership = current_membership(request)
    case = access.locate_case(membership, case_id)
    model = SECTION_MODELS.get(case.category)
    if model is None:
        raise Http404("this category has no section")
    current = getattr(case, SECTION_OF_CATEGORY[case.category], None)
    form_class = modelform_factory(model, form=SectionForm, exclude=["case"])
    form = cast(SectionForm, form_class(request.POST or None, instance=current))
    for name in model.COUNTRY_FIELDS:  # chosen by name, in the reader's language
        form.fields[name] = forms.ChoiceField(
            label=form.fields[name].label,
            choices=optional_country_choices,
            required=False,
            show_hidden_initial=True,
        )
    if request.method == "POST" and form.is_valid():
        changes, seen = form.edits()
        try:
            actions.update_section(
                membership=membership,
                case=case,
                changes=changes,
                seen=seen,
            )
        except actions.EditConflict as conflict:
            stored = getattr(
                access.locate_case(membership, case.pk), SECTION_OF_CATEGORY[case.category]
            )
            show_conflict(form, conflict, {n: getattr(stored, n) for n in conflict.theirs})
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("case_detail", case_id=case.pk)
    return render(request, "cases/section_edit.html", {"case": case, "form": form})
