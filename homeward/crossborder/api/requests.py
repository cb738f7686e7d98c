"""Cooperation requests through the API: list, draft, read, and move along the procedure."""

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from homeward.cases import access as case_access
from homeward.cases.models import Case
from homeward.core.api_types import Id
from homeward.core.handlers import named_in_body
from homeward.crossborder import access, actions
from homeward.crossborder.api.common import request_in_url
from homeward.crossborder.models import CooperationRequest
from homeward.crossborder.schemas import (
    CaseRefOut,
    DecisionIn,
    LinkCaseIn,
    NoteIn,
    OpenCaseIn,
    OptionalReasonIn,
    ReasonIn,
    RequestFilter,
    RequestIn,
    RequestListItemOut,
    RequestOut,
    SummaryIn,
)
from homeward.organisations.access import record_read_by, require_permission, who
from homeward.organisations.models import Organisation
from homeward.organisations.roles import Permission

router = Router(tags=["crossborder"])

REQUEST_READ_FIELDS = ["question", "languages", "decline_reason", "shared_fields"]


@router.get(
    "/crossborder/requests",
    operation_id="list_requests",
    response=list[RequestListItemOut],
    summary="Your hotline's requests, sent and received, newest first",
)
@paginate
def list_requests(
    request: HttpRequest, filters: Query[RequestFilter]
) -> QuerySet[CooperationRequest]:
    membership = who(request)
    requests = access.requests_of(membership)
    org = membership.organisation
    if filters.direction == "incoming":
        requests = requests.filter(receiver=org)
    elif filters.direction == "outgoing":
        requests = requests.filter(sender=org)
    if filters.state:
        requests = requests.filter(state=filters.state)
    return requests.order_by("-created_at", "-pk")


@router.get(
    "/crossborder/waiting",
    operation_id="list_waiting_requests",
    response=list[RequestListItemOut],
    summary="What waits for your hotline: to acknowledge, to approve, decisions due",
)
@paginate
def waiting(request: HttpRequest) -> QuerySet[CooperationRequest]:
    membership = who(request)
    return access.waiting_for(membership)


def _receiver(organisation: Organisation, country: str) -> Organisation:
    found = list(access.receivers_for(organisation).filter(Q(country=country))[:2])
    if len(found) != 1:
        raise ValidationError(
            {"receiver_country": _("No other hotline of the network in this country.")}
        )
    return found[0]


@router.post(
    "/crossborder/requests",
    operation_id="create_request",
    response={201: RequestOut},
    summary="Draft a request from one of your cases, with the fields you choose to share",
)
def create_request(request: HttpRequest, payload: RequestIn) -> Status[CooperationRequest]:
    membership = who(request)
    require_permission(membership, Permission.EDIT_CASES)  # before any reference is looked up
    case = named_in_body("case_id", lambda: case_access.locate_case(membership, payload.case_id))
    draft = actions.draft_request(
        membership=membership,
        case=case,
        receiver=_receiver(membership.organisation, payload.receiver_country),
        request_type=str(payload.request_type),
        urgency=str(payload.urgency) if payload.urgency else None,
        question=payload.question,
        languages=list(payload.languages),
        shared_fields=payload.shared_fields,
    )
    return Status(201, draft)


@router.get(
    "/crossborder/requests/{request_id}",
    operation_id="get_request",
    response=RequestOut,
    url_name="xb_request",
    summary="One request as your side sees it (an audited read; never the other side's case)",
)
def get_request(request: HttpRequest, request_id: Id) -> CooperationRequest:
    membership, item = request_in_url(request, request_id)
    record_read_by(membership, "crossborder.request.read", item, REQUEST_READ_FIELDS)
    return item


@router.post(
    "/crossborder/requests/{request_id}/send",
    operation_id="send_request",
    response=RequestOut,
    summary="Send a draft (it waits for a supervisor when personal data is shared)",
)
def send_request(request: HttpRequest, request_id: Id) -> CooperationRequest:
    membership, item = request_in_url(request, request_id)
    return actions.send_request(membership=membership, request=item)


@router.post(
    "/crossborder/requests/{request_id}/approve",
    operation_id="approve_request",
    response=RequestOut,
    summary="Approve sharing personal data: the request goes (supervisors)",
)
def approve_request(request: HttpRequest, request_id: Id) -> CooperationRequest:
    membership, item = request_in_url(request, request_id)
    return actions.approve_request(membership=membership, request=item)


@router.post(
    "/crossborder/requests/{request_id}/send-back",
    operation_id="send_back_request",
    response=RequestOut,
    summary="Send the sharing back to its author with a reason, instead of approving (supervisors)",
)
def send_back(request: HttpRequest, request_id: Id, payload: ReasonIn) -> CooperationRequest:
    membership, item = request_in_url(request, request_id)
    return actions.send_back(membership=membership, request=item, reason=payload.reason)


@router.post(
    "/crossborder/requests/{request_id}/acknowledge",
    operation_id="acknowledge_request",
    response=RequestOut,
    summary="Acknowledge a request sent to you (stops the deadline watch)",
)
def acknowledge(request: HttpRequest, request_id: Id) -> CooperationRequest:
    membership, item = request_in_url(request, request_id)
    return actions.acknowledge(membership=membership, request=item)


@router.post(
    "/crossborder/requests/{request_id}/start",
    operation_id="start_request",
    response=RequestOut,
    summary="Start working on a request sent to you",
)
def start_work(request: HttpRequest, request_id: Id) -> CooperationRequest:
    membership, item = request_in_url(request, request_id)
    return actions.start_work(membership=membership, request=item)


@router.post(
    "/crossborder/requests/{request_id}/complete",
    operation_id="complete_request",
    response=RequestOut,
    summary="Complete a request sent to you, with a summary",
)
def complete(request: HttpRequest, request_id: Id, payload: SummaryIn) -> CooperationRequest:
    membership, item = request_in_url(request, request_id)
    return actions.complete(membership=membership, request=item, summary=payload.summary)


@router.post(
    "/crossborder/requests/{request_id}/decline",
    operation_id="decline_request",
    response=RequestOut,
    summary="Decline a request sent to you, saying why",
)
def decline(request: HttpRequest, request_id: Id, payload: ReasonIn) -> CooperationRequest:
    membership, item = request_in_url(request, request_id)
    return actions.decline(membership=membership, request=item, reason=payload.reason)


@router.post(
    "/crossborder/requests/{request_id}/withdraw",
    operation_id="withdraw_request",
    response=RequestOut,
    summary="Withdraw your request",
)
def withdraw(request: HttpRequest, request_id: Id, payload: OptionalReasonIn) -> CooperationRequest:
    membership, item = request_in_url(request, request_id)
    return actions.withdraw(membership=membership, request=item, reason=payload.reason)


@router.post(
    "/crossborder/requests/{request_id}/located",
    operation_id="report_child_located",
    response=RequestOut,
    summary="Report the child located: the sender must decide within 12 hours (decision_due_at)",
)
def report_located(request: HttpRequest, request_id: Id, payload: NoteIn) -> CooperationRequest:
    membership, item = request_in_url(request, request_id)
    return actions.report_located(membership=membership, request=item, note=payload.note)


@router.post(
    "/crossborder/requests/{request_id}/decision",
    operation_id="record_located_decision",
    response=RequestOut,
    summary="Record the decision on the located child (either hotline): the 12-hour clock stops",
)
def record_decision(
    request: HttpRequest, request_id: Id, payload: DecisionIn
) -> CooperationRequest:
    membership, item = request_in_url(request, request_id)
    return actions.record_decision(
        membership=membership,
        request=item,
        decision=payload.decision,
        authority=payload.decision_authority,
        decided_at=payload.decided_at,
    )


@router.post(
    "/crossborder/requests/{request_id}/open-case",
    operation_id="open_case_from_request",
    response={201: CaseRefOut},
    summary="Open your own case from a request sent to you, from what was shared, linked to it",
)
def open_case(request: HttpRequest, request_id: Id, payload: OpenCaseIn) -> Status[Case]:
    membership, item = request_in_url(request, request_id)
    case = actions.open_case_from_request(
        membership=membership,
        request=item,
        category=str(payload.category),
        subcategory=str(payload.subcategory),
        summary=payload.summary,
    )
    return Status(201, case)


@router.post(
    "/crossborder/requests/{request_id}/link-case",
    operation_id="link_case",
    response=RequestOut,
    summary="Link your own hotline's case to a request sent to you",
)
def link_case(request: HttpRequest, request_id: Id, payload: LinkCaseIn) -> CooperationRequest:
    membership, item = request_in_url(request, request_id)
    require_permission(membership, Permission.EDIT_CASES)  # before the case is looked up
    case = named_in_body("case_id", lambda: case_access.locate_case(membership, payload.case_id))
    return actions.link_receiver_case(membership=membership, request=item, case=case)
