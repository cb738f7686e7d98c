"""Cases through the API: open, read, work and close a case; its risk, timeline and children."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from homeward.cases import access, actions, search, versions
from homeward.cases.api.common import IF_MATCH, child_input
from homeward.cases.models import Case, TimelineEvent
from homeward.cases.schemas.cases import (
    AssignIn,
    CaseDetailOut,
    CaseIn,
    CaseListItemOut,
    CaseListQuery,
    CaseOut,
    CasePatchIn,
    ReopenIn,
    SectionIn,
    SectionOut,
    StatusIn,
    case_detail_out,
    case_out,
    ranked_case_row,
    section_out,
)
from homeward.cases.schemas.children import CaseChildOut, ChildIn, case_child_out
from homeward.cases.schemas.closure import ClosureIn, ClosureOut, DecisionIn, closure_out
from homeward.cases.schemas.risk import RiskIn, RiskOut, risk_out
from homeward.cases.schemas.timeline import TimelineIn, TimelineOut
from homeward.core.api_types import Id
from homeward.core.handlers import named_in_body
from homeward.organisations.access import record_read_by, require_permission, who
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission

router = Router(tags=["cases"])

SEARCH_LIMIT = 500
"""GET /cases?q= ranks at most this many matches."""


def _case(request: HttpRequest, case_id: Id) -> tuple[Membership, Case]:
    membership = who(request)
    return membership, access.locate_case(membership, case_id)


@router.get(
    "/cases",
    operation_id="list_cases",
    response=list[CaseListItemOut],
    summary="The hotline's cases",
)
@paginate
def list_cases(
    request: HttpRequest, filters: Query[CaseListQuery]
) -> QuerySet[Case, dict[str, Any]] | list[dict[str, Any]]:
    membership = who(request)
    narrowing = filters.case_filter()
    if filters.q and filters.q.strip():
        matches = search.search_cases(membership, filters.q, narrowing, limit=SEARCH_LIMIT)
        return [ranked_case_row(m.case, m.score, list(m.reasons)) for m in matches]
    rows: QuerySet[Case, dict[str, Any]] = access.case_list(
        membership, narrowing, newest_first=True
    ).values(*access.LIST_ROW)
    return rows


@router.post(
    "/cases",
    operation_id="open_case",
    response={201: CaseDetailOut},
    summary="Open a case for one or more children (siblings share a case)",
)
def open_case(request: HttpRequest, payload: CaseIn) -> Status[CaseDetailOut]:
    membership = who(request)
    require_permission(membership, Permission.EDIT_CASES)  # before any reference is looked up
    fields = payload.changes()
    children = [
        child_input(membership, child, f"children.{index}.")
        for index, child in enumerate(fields.pop("children"))
    ]
    contact_id = fields.pop("contact_id", None)
    contact = (
        named_in_body("contact_id", lambda: access.access_contact_by_id(membership, contact_id))
        if contact_id is not None
        else None
    )
    case = actions.open_case(
        membership=membership,
        children=children,
        contact=contact,
        section=fields.pop("section", None),
        **fields,
    )
    return Status(201, case_detail_out(access.read_case(membership, case.pk), membership))


@router.get(
    "/cases/{case_id}",
    operation_id="get_case",
    response=CaseDetailOut,
    summary="One case, with its children (its ETag names this version of the case)",
)
def get_case(request: HttpRequest, case_id: Id, response: HttpResponse) -> CaseDetailOut:
    membership = who(request)
    detail = access.read_case(membership, case_id)
    response["ETag"] = versions.etag(detail.case)
    return case_detail_out(detail, membership)


@router.patch(
    "/cases/{case_id}",
    operation_id="update_case",
    response=CaseOut,
    summary="Change the case fields you send; with If-Match, only if the case is unchanged",
)
def update_case(
    request: HttpRequest,
    case_id: Id,
    payload: CasePatchIn,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> CaseOut:
    membership, case = _case(request, case_id)
    case = actions.update_case(
        membership=membership,
        case=case,
        changes=payload.changes(),
        if_match=if_match,
    )
    response["ETag"] = versions.etag(case)
    return case_out(case)


@router.put(
    "/cases/{case_id}/section",
    operation_id="update_case_section",
    response=SectionOut,
    summary="Set fields of the category's own section (the fields you send)",
)
def update_section(request: HttpRequest, case_id: Id, payload: SectionIn) -> SectionOut | None:
    membership, case = _case(request, case_id)
    section = actions.update_section(membership=membership, case=case, changes=payload.changes())
    return section_out(section)


@router.post(
    "/cases/{case_id}/status",
    operation_id="change_status",
    response=CaseOut,
    summary="Move a case along",
)
def change_status(request: HttpRequest, case_id: Id, payload: StatusIn) -> CaseOut:
    membership, case = _case(request, case_id)
    case = actions.change_status(
        membership=membership,
        case=case,
        status=str(payload.status),
        note=payload.note,
    )
    return case_out(case)


@router.post(
    "/cases/{case_id}/assign",
    operation_id="assign_case",
    response=CaseOut,
    summary="Assign a case to a colleague, with a handover note",
)
def assign_case(request: HttpRequest, case_id: Id, payload: AssignIn) -> CaseOut:
    membership, case = _case(request, case_id)
    require_permission(membership, Permission.EDIT_CASES)  # before the colleague is looked up
    assignee = access.case_workers_of(membership).filter(pk=payload.member_id).first()
    if assignee is None:
        raise ValidationError({"member_id": _("Choose an active colleague who works cases.")})
    case = actions.assign_case(
        membership=membership,
        case=case,
        assignee=assignee,
        handover_note=payload.handover_note,
    )
    return case_out(case)


@router.get(
    "/cases/{case_id}/timeline",
    operation_id="list_timeline",
    response=list[TimelineOut],
    summary="What happened in a case, oldest first",
)
@paginate
def case_timeline(request: HttpRequest, case_id: Id) -> QuerySet[TimelineEvent]:
    membership, case = _case(request, case_id)
    record_read_by(membership, "cases.timeline.read", case, ["timeline"])
    return case.timeline.select_related("actor").order_by("occurred_at", "pk")


@router.post(
    "/cases/{case_id}/timeline",
    operation_id="add_timeline_entry",
    response={201: TimelineOut},
    summary="Record police informed, information received, publicity, support, a message or a note",
)
def add_timeline_entry(
    request: HttpRequest, case_id: Id, payload: TimelineIn
) -> Status[TimelineOut]:
    membership, case = _case(request, case_id)
    event = actions.record_timeline(
        membership=membership,
        case=case,
        kind=str(payload.kind),
        text=payload.text,
        occurred_at=payload.occurred_at,
    )
    return Status(201, TimelineOut.from_orm(event))


@router.get(
    "/cases/{case_id}/risk",
    operation_id="list_risk_assessments",
    response=list[RiskOut],
    summary="The case's risk assessments with their factors, newest (current) first",
)
@paginate
def risk_history(request: HttpRequest, case_id: Id) -> list[RiskOut]:
    membership, case = _case(request, case_id)
    record_read_by(membership, "cases.risk.read", case, ["risk_grade", "risk_factors", "rationale"])
    assessments = case.risk_assessments.select_related("assessed_by").prefetch_related("factors")
    return [risk_out(assessment, membership) for assessment in assessments]


@router.post(
    "/cases/{case_id}/risk",
    operation_id="assess_risk",
    response={201: RiskOut},
    summary="Assess (or reassess) the risk, with the factors behind it",
)
def assess_risk(request: HttpRequest, case_id: Id, payload: RiskIn) -> Status[RiskOut]:
    membership, case = _case(request, case_id)
    assessment = actions.assess_risk(
        membership=membership,
        case=case,
        grade=str(payload.grade),
        rationale=payload.rationale,
        factors=[factor.model_dump() for factor in payload.factors],
    )
    return Status(201, risk_out(assessment, membership))


@router.post(
    "/cases/{case_id}/closure",
    operation_id="request_closure",
    response={201: ClosureOut},
    summary="Request closure with the outcome; a supervisor approves",
)
def request_closure(request: HttpRequest, case_id: Id, payload: ClosureIn) -> Status[ClosureOut]:
    membership, case = _case(request, case_id)
    closure = actions.request_closure(membership=membership, case=case, **payload.model_dump())
    return Status(201, closure_out(closure))


@router.post(
    "/closures/{closure_id}/decision",
    operation_id="decide_closure",
    response=ClosureOut,
    summary="Approve a closure (the case closes) or send it back with a note",
)
def decide_closure(request: HttpRequest, closure_id: Id, payload: DecisionIn) -> ClosureOut:
    membership = who(request)
    closure = actions.decide_closure(
        membership=membership,
        closure=access.access_closure_by_id(membership, closure_id),
        approve=payload.decision == "approve",
        note=payload.decision_note,
    )
    return closure_out(closure)


@router.post(
    "/cases/{case_id}/reopen",
    operation_id="reopen_case",
    response=CaseOut,
    summary="Reopen a closed case",
)
def reopen_case(request: HttpRequest, case_id: Id, payload: ReopenIn) -> CaseOut:
    membership, case = _case(request, case_id)
    case = actions.reopen_case(membership=membership, case=case, reason=payload.reason)
    return case_out(case)


@router.post(
    "/cases/{case_id}/children",
    operation_id="add_child",
    response={201: CaseChildOut},
    summary="Add a child to a case: a new child, or one of an earlier case",
)
def add_child(request: HttpRequest, case_id: Id, payload: ChildIn) -> Status[CaseChildOut]:
    membership, case = _case(request, case_id)
    require_permission(membership, Permission.EDIT_CASES)  # before any reference is looked up
    link = actions.add_child_to_case(
        membership=membership,
        case=case,
        data=child_input(membership, payload.changes()),
    )
    return Status(201, case_child_out(link))
