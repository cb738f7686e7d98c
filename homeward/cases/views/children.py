"""A child's record: names, episodes, description; photo and medical details behind their
permissions. Every view of the record is in the audit trail."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from homeward.audit.actions import record_read
from homeward.cases import access, actions
from homeward.cases.forms import ChildEditForm, PhotoForm
from homeward.cases.views.common import show_conflict
from homeward.core.forms import add_errors, flash_errors
from homeward.organisations.access import current_membership, member_required
from homeward.organisations.roles import Permission


@member_required(Permission.VIEW_CASES)
def child_detail(request: HttpRequest, child_id: int) -> HttpResponse:
    membership = current_membership(request)
    child = access.access_child_by_id(membership, child_id)
    view = access.view_child(membership, child)
    episodes = child.episodes.select_related("case").order_by("-case__reported_at")
    return render(
        request,
        "cases/child_detail.html",
        {
            "view": view,
            "child": child,
            "episodes": episodes,
            "names": child.other_names.all(),
            "photo_form": PhotoForm(),
            "can_edit": membership.has_perm(Permission.EDIT_CASES),
        },
    )


@never_cache
@member_required(Permission.VIEW_PHOTOS)
def child_photo(request: HttpRequest, child_id: int) -> HttpResponseBase:
    membership = current_membership(request)
    child = access.access_child_by_id(membership, child_id)
    if not child.photo:
        raise Http404("no photo")
    record_read(
        actor=membership.user,
        organisation=membership.organisation,
        action="cases.child.photo_read",
        target=child,
        fields=["photo"],
    )
    response = FileResponse(child.photo.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = "inline"
    return response


@require_POST
@member_required(Permission.EDIT_CASES)
def child_photo_upload(request: HttpRequest, child_id: int) -> HttpResponse:
    membership = current_membership(request)
    if not membership.has_perm(Permission.VIEW_PHOTOS):
        raise PermissionDenied
    child = access.access_child_by_id(membership, child_id)
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a photo (JPEG or PNG, up to 8 MB)."))
    else:
        try:
            actions.set_child_photo(
                membership=membership,
                child=child,
                upload=form.cleaned_data["photo"],
            )
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(
                request, _("Photo saved; its location data and other metadata were removed.")
            )
    return redirect("child_detail", child_id=child.pk)


@require_POST
@member_required(Permission.EDIT_CASES)
def child_name_add(request: HttpRequest, child_id: int) -> HttpResponse:
    membership = current_membership(request)
    child = access.access_child_by_id(membership, child_id)
    try:
        actions.add_child_name(
            membership=membership,
            child=child,
            value=request.POST.get("value", ""),
            kind=request.POST.get("kind", "other_form"),
            source=request.POST.get("source", "")[:200],
        )
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("child_detail", child_id=child.pk)


@member_required(Permission.EDIT_CASES)
def child_edit(request: HttpRequest, child_id: int) -> HttpResponse:
    membership = current_membership(request)
    child = access.access_child_by_id(membership, child_id)
    medical = membership.has_perm(Permission.VIEW_MEDICAL)
    form = ChildEditForm(
        request.POST or None, medical=medical, initial=ChildEditForm.initial_for(child)
    )
    if request.method == "POST" and form.is_valid():
        changes, seen = form.edits()
        try:
            actions.update_child(
                membership=membership,
                child=child,
                changes=changes,
                seen=seen,
            )
        except actions.EditConflict as conflict:
            child.refresh_from_db()
            show_conflict(form, conflict, ChildEditForm.initial_for(child))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The child's record is updated."))
            return redirect("child_detail", child_id=child.pk)
    if request.method == "GET":
        access.view_child(membership, child, purpose="read_for_edit")
    return render(request, "cases/child_edit.html", {"child": child, "form": form})
