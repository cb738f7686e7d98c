"""Logging a contact during a call: one screen, sensible defaults, one step."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from homeward.cases import access, actions
from homeward.cases.choices import ContactType
from homeward.cases.forms import ContactForm
from homeward.cases.forms_contacts import ContactLinkForm, ContactRetypeForm
from homeward.cases.models import Contact
from homeward.core.api_types import parse_id
from homeward.core.forms import add_errors
from homeward.organisations.access import current_membership, member_required
from homeward.organisations.roles import Permission


@member_required(Permission.EDIT_CASES)
def contact_log(request: HttpRequest) -> HttpResponse:
    membership = current_membership(request)
    case = None
    if case_id := parse_id(request.GET.get("case") or request.POST.get("case")):
        case = access.locate_case(membership, case_id)
    languages = membership.organisation.languages
    form = ContactForm(
        request.POST or None,
        initial={
            "language": languages[0] if languages else "",
            "contact_type": ContactType.EXISTING_CASE if case else ContactType.NEW_CASE,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            contact = actions.log_contact(
                membership=membership,
                case=case,
                **form.action_fields(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if case is not None:
                messages.success(request, _("Contact logged on %(ref)s.") % {"ref": case.reference})
                return redirect("case_detail", case_id=case.pk)
            if contact.contact_type == ContactType.NEW_CASE:
                return redirect(f"{reverse('case_new')}?contact={contact.pk}")
            messages.success(request, _("Contact logged. Ready for the next one."))
            return redirect("contact_log")
    return render(request, "cases/contact_log.html", {"form": form, "case": case})


@member_required(Permission.VIEW_CASES)
def contact_list(request: HttpRequest) -> HttpResponse:
    membership = current_membership(request)
    contacts = access.contacts_of(membership).select_related("case", "logged_by")
    page = Paginator(contacts, 50).get_page(request.GET.get("page"))
    return render(request, "cases/contact_list.html", {"page": page})


@member_required(Permission.VIEW_CASES)
def contact_detail(request: HttpRequest, contact_id: int) -> HttpResponse:
    membership = current_membership(request)
    contact = access.read_contact(membership, contact_id)
    return _contact_page(request, contact, ContactLinkForm(), ContactRetypeForm())


@require_POST
@member_required(Permission.EDIT_CASES)
def contact_link(request: HttpRequest, contact_id: int) -> HttpResponse:
    membership = current_membership(request)
    contact = access.read_contact(membership, contact_id)
    form = ContactLinkForm(request.POST)
    if form.is_valid():
        try:
            case = access.access_case_by_reference(membership, form.cleaned_data["reference"])
        except Http404:
            form.add_error("reference", _("Your hotline has no case with this reference."))
        else:
            try:
                actions.link_contact(membership=membership, contact=contact, case=case)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Contact linked to %(ref)s.") % {"ref": case.reference})
                return redirect("contact_detail", contact_id=contact.pk)
    return _contact_page(request, contact, form, ContactRetypeForm())


@require_POST
@member_required(Permission.EDIT_CASES)
def contact_retype(request: HttpRequest, contact_id: int) -> HttpResponse:
    membership = current_membership(request)
    contact = access.read_contact(membership, contact_id)
    form = ContactRetypeForm(request.POST)
    if form.is_valid():
        try:
            actions.retype_contact(
                membership=membership,
                contact=contact,
                contact_type=form.cleaned_data["contact_type"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Contact saved as: %(kind)s.") % {"kind": contact.get_contact_type_display()},
            )
            return redirect("contact_detail", contact_id=contact.pk)
    return _contact_page(request, contact, ContactLinkForm(), form)


def _contact_page(
    request: HttpRequest,
    contact: Contact,
    link_form: ContactLinkForm,
    retype_form: ContactRetypeForm,
) -> HttpResponse:
    context = {
        "contact": contact,
        "without_case": contact.case_id is None and contact.contact_type == ContactType.NEW_CASE,
        "link_form": link_form,
        "retype_form": retype_form,
    }
    return render(request, "cases/contact_detail.html", context)
