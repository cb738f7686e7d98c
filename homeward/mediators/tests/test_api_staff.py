"""The staff API for the mediator network: the manager publishes and assigns, an assigned
mediator reads and closes her mediation; a request does not exist for a mediator not assigned
to it (404, nothing read or written), and a hotline reaches only its own case's referral."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from homeward.audit.models import AuditEvent
from homeward.mediators import actions
from homeward.mediators.models import MediationRequest, Mediator
from homeward.organisations import actions as org_actions
from homeward.organisations.models import Membership
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast
from homeward.testing.mediators import (
    make_mediators,
    make_request,
    manager,
    mediator_account,
    profile,
    request_data,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/mediators"


def _client(member: Membership) -> Client:
    secret = org_actions.create_api_token(membership=member, name="med", days=1).secret
    return Client(headers={"Authorization": f"Bearer {secret}"})


def _post(client: Client, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(url, body or {}, content_type="application/json")


def test_the_manager_publishes_and_assigns_the_mediator_records_the_outcome(cast: Cast) -> None:
    boss = _client(manager(cast))
    anna = mediator_account(cast, "anna", gender="woman", background="psychosocial")
    piotr = make_mediators(profile(gender="man", background="legal"))[0]
    draft = make_mediators(profile())[0]
    actions.unpublish_profile(membership=manager(cast), mediator=draft)

    listed = boss.get(f"{API}/profiles", {"state": "unpublished"}).json()["items"]
    assert [p["pk"] for p in listed] == [draft.pk]
    assert _post(boss, f"{API}/profiles/{draft.pk}/publish").json()["state"] == "published"
    assert Client().get(f"/api/v1/public/mediators/{draft.public_id}").status_code == 200

    request = make_request()
    own = Mediator.objects.get(user=anna.user)
    assigned = _post(
        boss, f"{API}/requests/{request.pk}/assign", {"first": own.pk, "second": piotr.pk}
    )
    assert assigned.json()["state"] == "assigned"

    mine = _client(anna)
    assert [r["pk"] for r in mine.get(f"{API}/requests").json()["items"]] == [request.pk]
    detail = mine.get(f"{API}/requests/{request.pk}").json()
    assert detail["contact_email"] == "parent@family.test"
    assert AuditEvent.objects.filter(action="mediators.request.read").exists()
    closed = _post(
        mine,
        f"{API}/requests/{request.pk}/outcome",
        {"outcome": "full", "outcome_on": "2030-01-02"},
    )
    assert (closed.status_code, closed.json()["outcome"]) == (200, "full")
    # a mediator does not publish
    assert _post(mine, f"{API}/profiles/{draft.pk}/unpublish").status_code == 403


def test_a_request_does_not_exist_for_an_unassigned_mediator_nor_another_hotline(
    cast: Cast,
) -> None:
    anna = mediator_account(cast, "anna")
    other = mediator_account(cast, "other")
    case = make_case(cast, category="parental_abduction", subcategory="international")
    referral = actions.refer_from_case(
        membership=cast.member("be_operator"),
        case=case,
        network=manager(cast).organisation,
        data=request_data(),
    )
    pair = [Mediator.objects.get(user=m.user) for m in (anna, other)]
    actions.assign_pair(membership=manager(cast), request=referral, first=pair[0], second=pair[1])
    client = _client(mediator_account(cast, "stranger"))
    hotline_api = _client(cast.member("fr_operator"))
    french = Client()
    french.force_login(cast.user("fr_operator"))
    events = AuditEvent.objects.count()

    assert client.get(f"{API}/requests/{referral.pk}").status_code == 404
    assert client.get(f"{API}/requests").json()["items"] == []
    refused = _post(
        client,
        f"{API}/requests/{referral.pk}/outcome",
        {"outcome": "none", "outcome_on": "2030-01-02"},
    )
    assert refused.status_code == 404
    # the French hotline did not refer: the Belgian case's mediation section does not exist
    # for it, and the network's API is not a hotline's at all
    assert french.get(f"/mediators/case/{case.pk}/").status_code == 404
    assert hotline_api.get(f"{API}/requests/{referral.pk}").status_code == 403

    assert AuditEvent.objects.count() == events
    after = MediationRequest.objects.get(pk=referral.pk)
    assert (after.state, after.outcome) == ("assigned", "")
    # the referring hotline sees its referral on its own case
    belgian = Client()
    belgian.force_login(cast.user("be_operator"))
    assert "Pair assigned" in belgian.get(f"/mediators/case/{case.pk}/").content.decode()
