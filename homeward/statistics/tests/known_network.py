"""The known network (known_data.py) written through the real actions, with the clock set to
when each thing happened: contacts logged, cases opened (siblings, repeat episodes, sections),
requests drafted, sent and acknowledged, closures requested, approved and reopened."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from unittest import mock

from homeward.cases import actions as case_actions
from homeward.cases.models import Case, Child
from homeward.crossborder import actions as xb_actions
from homeward.organisations import actions as org_actions
from homeward.organisations.models import Membership, Organisation
from homeward.organisations.roles import OrganisationKind
from homeward.statistics.tests.known_data import (
    CASES,
    CONTACTS,
    REQUESTS,
    ZONES,
    CaseSpec,
    RequestSpec,
    case_org,
    utc,
)
from homeward.testing.cast import Cast


@contextmanager
def clock(moment: datetime) -> Iterator[None]:
    """The actions run as if it were `moment` (their own timestamps included)."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


@dataclass
class Network:
    organisations: dict[str, Organisation]
    operators: dict[str, Membership]
    supervisors: dict[str, Membership]
    cases: dict[str, Case] = field(default_factory=dict)


def build(cast: Cast) -> Network:
    portugal = org_actions.create_organisation(
        acting_user=None, name="Test Hotline Portugal", slug="test-pt",
        kind=OrganisationKind.NATIONAL_HOTLINE, country="PT", time_zone=ZONES["PT"],
    )  # fmt: skip
    network = Network(
        organisations={"BE": cast.be, "PT": portugal},
        operators={"BE": cast.member("be_operator")},
        supervisors={"BE": cast.member("be_supervisor")},
    )
    network.operators["PT"] = cast.join("pt-operator@cast.test", portugal, "operator")
    network.supervisors["PT"] = cast.join("pt-supervisor@cast.test", portugal, "supervisor")
    for contact in CONTACTS:
        with clock(contact.started):
            case_actions.log_contact(
                membership=network.operators[contact.org], channel=contact.channel,
                started_at=contact.started, caller="parent", contact_type=contact.contact_type,
                caller_consent=contact.consent, caller_name=contact.caller_name,
            )  # fmt: skip
    for spec in CASES:
        _open(network, spec)
    for request in REQUESTS:
        _request(network, request)
    for spec in CASES:
        _close(network, spec)
    return network


def _open(network: Network, spec: CaseSpec) -> None:
    children: list[dict[str, Any]] = []
    for child in spec.children:
        if child.same_as:
            earlier = Child.objects.get(episodes__case=network.cases[child.same_as])
            children.append({"existing_child": earlier})
        else:
            children.append({"given_names": "Kim", "sex": child.sex, **child.birth})
    section: dict[str, Any] = {}
    if spec.destination:
        section["suspected_destination"] = spec.destination
    if spec.previous_episodes:
        section["previous_episodes"] = spec.previous_episodes
    with clock(spec.reported):
        network.cases[spec.key] = case_actions.open_case(
            membership=network.operators[spec.org], children=children, section=section or None,
            category=spec.category, subcategory=spec.subcategory, reported_at=spec.reported,
            disappeared_on=spec.disappeared, reasons=list(spec.reasons),
            last_seen_country=spec.last_seen, is_cross_border=spec.flagged,
        )  # fmt: skip


def _close(network: Network, spec: CaseSpec) -> None:
    for closure in spec.closures:
        case = Case.objects.get(pk=network.cases[spec.key].pk)
        with clock(closure.decided):
            requested = case_actions.request_closure(
                membership=network.operators[spec.org], case=case, outcome=closure.outcome,
                found_on=closure.found_on,
            )  # fmt: skip
            case_actions.decide_closure(
                membership=network.supervisors[spec.org], closure=requested, approve=True
            )
        if closure.reopened is not None:
            with clock(closure.reopened):
                case_actions.reopen_case(
                    membership=network.operators[spec.org],
                    case=Case.objects.get(pk=case.pk),
                    reason="New information",
                )


def _request(network: Network, spec: RequestSpec) -> None:
    case = network.cases[spec.case]
    sender = network.operators[case_org(spec.case)]
    receiver = network.organisations[spec.receiver]
    with clock(spec.sent or utc(2025, 7, 1, 9)):
        request = xb_actions.draft_request(
            membership=sender, case=case, receiver=receiver, request_type=spec.request_type,
            urgency=spec.urgency, question=f"Please help with {spec.request_type}.",
        )  # fmt: skip
        if spec.sent is None:
            return
        request = xb_actions.send_request(membership=sender, request=request)
    if spec.acknowledged is not None:
        with clock(spec.acknowledged):
            request = xb_actions.acknowledge(
                membership=network.operators[spec.receiver], request=request
            )
    if spec.receiver_case:
        with clock(spec.acknowledged or spec.sent):
            xb_actions.link_receiver_case(
                membership=network.operators[spec.receiver], request=request,
                case=network.cases[spec.receiver_case],
            )  # fmt: skip
