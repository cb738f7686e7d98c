"""The hotline's appeal policy and the widget sites of its countries, through the API."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from homeward.appeals import access, actions
from homeward.appeals.schemas import BlockIn, PolicyIn, PolicyOut, SiteOut, site_out
from homeward.core.api_types import Id
from homeward.organisations.access import who

router = Router(tags=["appeals"])


def _policy_out(membership_policy: object) -> PolicyOut:
    return PolicyOut.model_validate(membership_policy, from_attributes=True)


@router.get(
    "/appeal-policy",
    operation_id="get_appeal_policy",
    response=PolicyOut,
    summary="Your hotline's appeal policy (durations, whose consent)",
)
def get_policy(request: HttpRequest) -> PolicyOut:
    return _policy_out(access.policy_of(who(request).organisation))


@router.put(
    "/appeal-policy",
    operation_id="update_appeal_policy",
    response=PolicyOut,
    summary="Change the appeal policy (organisation admin)",
)
def update_policy(request: HttpRequest, body: PolicyIn) -> PolicyOut:
    return _policy_out(actions.edit_policy(membership=who(request), **body.model_dump()))


@router.get(
    "/widget-sites",
    operation_id="list_widget_sites",
    response=list[SiteOut],
    summary="The widget sites of your hotline's countries (organisation admin)",
)
def list_sites(request: HttpRequest) -> list[SiteOut]:
    return [site_out(s) for s in access.sites_of(who(request))]


@router.post(
    "/widget-sites/{site_id}/block",
    operation_id="block_widget_site",
    response=SiteOut,
    summary="Block a site: its widget shows nothing",
)
def block_site(request: HttpRequest, site_id: Id, body: BlockIn) -> SiteOut:
    membership = who(request)
    return site_out(actions.block_site(membership=membership, site_id=site_id, reason=body.reason))


@router.post(
    "/widget-sites/{site_id}/unblock",
    operation_id="unblock_widget_site",
    response=SiteOut,
    summary="Unblock a site",
)
def unblock_site(request: HttpRequest, site_id: Id) -> SiteOut:
    return site_out(actions.unblock_site(membership=who(request), site_id=site_id))
