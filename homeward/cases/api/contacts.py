"""Contacts through the API: every call, message or visit, whether or not it became a case."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from homeward.cases import access, actions
from homeward.cases.models import Contact
from homeward.cases.schemas.contacts import (
    ContactFilter,
    ContactIn,
    ContactListItemOut,
    ContactOut,
    contact_out,
)
from homeward.core.api_types import Id
from homeward.core.handlers import named_in_body
from homeward.organisations.access import record_read_by, who

router = Router(tags=["contacts"])


@router.post(
    "/contacts", operation_id="log_contact", response={201: ContactOut}, summary="Log one contact"
)
def log_contact(request: HttpRequest, payload: ContactIn) -> Status[ContactOut]:
    membership = who(request)
    fields = payload.changes()
    case_id = fields.pop("case_id", None)
    case = (
        named_in_body("case_id", lambda: access.locate_case(membership, case_id))
        if case_id is not None
        else None
    )
    contact = actions.log_contact(membership=membership, case=case, **fields)
    return Status(201, contact_out(contact))


@router.get(
    "/contacts",
    operation_id="list_contacts",
    response=list[ContactListItemOut],
    summary="The hotline's contacts, newest first (without notes or caller details)",
)
@paginate
def list_contacts(request: HttpRequest, filters: Query[ContactFilter]) -> QuerySet[Contact]:
    membership = who(request)
    contacts = filters.apply(access.contacts_of(membership), membership.organisation)
    return contacts.order_by("-started_at", "-pk")


@router.get(
    "/contacts/{contact_id}",
    operation_id="get_contact",
    response=ContactOut,
    summary="One contact (an audited read)",
)
def get_contact(request: HttpRequest, contact_id: Id) -> ContactOut:
    membership = who(request)
    contact = access.access_contact_by_id(membership, contact_id)
    record_read_by(membership, "cases.contact.read", contact, access.CONTACT_READ_FIELDS)
    return contact_out(contact)
