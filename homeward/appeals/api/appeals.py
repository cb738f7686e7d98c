"""Appeals through the API: list, draft, read, change, publish, end, and the takedown
checklist."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Router, Status

from homeward.appeals import access, actions
from homeward.appeals.models import Appeal
from homeward.appeals.rules import what_is_missing
from homeward.appeals.schemas import (
    AppealCreateIn,
    AppealOut,
    AppealPatchIn,
    ChecklistItemOut,
    TakedownOut,
    TickIn,
    appeal_out,
    item_out,
    takedown_out,
)
from homeward.cases import access as case_access
from homeward.core.api_types import Id
from homeward.core.handlers import named_in_body
from homeward.organisations.access import require_permission, who
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission

router = Router(tags=["appeals"])


def _out(appeal: Appeal) -> AppealOut:
    missing = (
        what_is_missing(appeal, access.policy_of(appeal.organisation))
        if appeal.state == "draft"
        else []
    )
    return appeal_out(appeal, missing)


def _in_url(request: HttpRequest, appeal_id: int) -> tuple[Membership, Appeal]:
    membership = who(request)
    return membership, access.locate_appeal(membership, appeal_id)


@router.get(
    "/appeals",
    operation_id="list_appeals",
    response=list[AppealOut],
    summary="Your hotline's appeals, newest first (of one case with case_id)",
)
def list_appeals(request: HttpRequest, case_id: Id | None = None) -> list[AppealOut]:
    membership = who(request)
    appeals = access.appeals_of(membership)
    if case_id is not None:
        appeals = appeals.filter(case_id=case_id)
    return [_out(a) for a in appeals[:200]]


@router.post(
    "/appeals",
    operation_id="create_appeal",
    response={201: AppealOut},
    summary="A draft appeal for a child of one of your cases, prefilled",
)
def create_appeal(request: HttpRequest, body: AppealCreateIn) -> Status[AppealOut]:
    membership = who(request)
    require_permission(membership, Permission.EDIT_CASES)
    case = named_in_body("case_id", lambda: case_access.locate_case(membership, body.case_id))
    child = next(
        (
            cc.child
            for cc in case.case_children.select_related("child")
            if cc.child_id == body.child_id
        ),
        None,
    )
    if child is None:
        named_in_body("child_id", _not_found)
        raise AssertionError  # named_in_body raised
    appeal = actions.create_draft(membership=membership, case=case, child=child)
    return Status(201, _out(appeal))


def _not_found() -> None:
    raise Http404("no such child")


@router.get(
    "/appeals/{appeal_id}",
    operation_id="get_appeal",
    response=AppealOut,
    summary="One appeal, with what its publication still needs (an audited read)",
)
def get_appeal(request: HttpRequest, appeal_id: Id) -> AppealOut:
    membership = who(request)
    return _out(access.read_appeal(membership, appeal_id))


@router.patch(
    "/appeals/{appeal_id}",
    operation_id="update_appeal",
    response=AppealOut,
    summary="Change a draft's content (only the fields sent)",
)
def update_appeal(request: HttpRequest, appeal_id: Id, body: AppealPatchIn) -> AppealOut:
    membership, appeal = _in_url(request, appeal_id)
    return _out(actions.edit_draft(membership=membership, appeal=appeal, **body.changes()))


@router.post(
    "/appeals/{appeal_id}/publish",
    operation_id="publish_appeal",
    response=AppealOut,
    summary="Publish (approve): refused, naming what is missing, without consent",
)
def publish_appeal(request: HttpRequest, appeal_id: Id) -> AppealOut:
    membership, appeal = _in_url(request, appeal_id)
    return _out(actions.publish(membership=membership, appeal=appeal))


@router.post(
    "/appeals/{appeal_id}/end",
    operation_id="end_appeal",
    response=AppealOut,
    summary="End the appeal now (or discard a draft): gone everywhere at once",
)
def end_appeal(request: HttpRequest, appeal_id: Id) -> AppealOut:
    membership, appeal = _in_url(request, appeal_id)
    return _out(actions.end_appeal(membership=membership, appeal=appeal))


@router.get(
    "/appeals/{appeal_id}/takedown",
    operation_id="get_appeal_takedown",
    response=TakedownOut,
    summary="When and why it was taken down, and the checklist of what Homeward "
    "cannot reach (404 while it runs)",
)
def get_takedown(request: HttpRequest, appeal_id: Id) -> TakedownOut:
    _membership, appeal = _in_url(request, appeal_id)
    takedown = access.takedown_of(appeal)
    if takedown is None:
        raise Http404("no takedown")
    return takedown_out(takedown)


@router.post(
    "/appeals/{appeal_id}/takedown/items/{item_id}",
    operation_id="tick_takedown_item",
    response=ChecklistItemOut,
    summary="Mark a checklist item done (or not)",
)
def tick_item(request: HttpRequest, appeal_id: Id, item_id: Id, body: TickIn) -> ChecklistItemOut:
    membership, appeal = _in_url(request, appeal_id)
    item = access.checklist_item(appeal, item_id)
    return item_out(actions.tick_item(membership=membership, item=item, done=body.done))
