"""The sharing invariant, as a Hypothesis state machine: whatever hotlines, cases, requests,
updates, revocations and withdrawals happen, a member reads a field of a child's case exactly
when the case is their own hotline's, or the field is in the latest snapshot of a request that
was sent to their hotline and not revoked.

"Reads" is checked from the outside, through the REST API (`GET /cases/{id}`,
`GET /children/{id}`, and every request's detail and snapshot) and through the HTML request
page: every case and child field the test checks holds a unique synthetic value, so reading a
field is the presence of its value in the answer.

How it runs (pytest-django; SQLite or PostgreSQL):
- `TestSharingInvariant` is `SharingMachine.TestCase` (whose `runTest` runs the machine with
  `SharingMachine.TestCase.settings`) mixed with Django's `TestCase`: pytest-django gives a
  Django test class its database, and Django wraps the whole run in one transaction, as
  `django_db(transaction=False)` would a function (that marker does not apply to unittest
  classes, so there is none).
- Each Hypothesis example builds its own hotlines, members and cases from nothing, inside a
  savepoint that the machine opens in `__init__` and rolls back in `teardown()` (Hypothesis
  calls it even when a step fails), so examples never see each other's data. An action that
  fails rolls back its own savepoint, so the connection stays usable on PostgreSQL too.
  `hypothesis.extra.django.TestCase` is not used: its per-example transaction wraps `@given`
  methods, not a state machine's examples.
- 25 examples of up to 15 steps take about 30–40 s. The example database is off (nothing is
  written to the tree; a failure prints the steps that reproduce it and a seed). For a longer
  search: `HOMEWARD_XB_INVARIANT_EXAMPLES=150 HOMEWARD_XB_INVARIANT_STEPS=20` (about 5 min).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.test import Client
from django.test import TestCase as DjangoTestCase
from django.urls import reverse
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from homeward.cases import actions as case_actions
from homeward.cases.models import Case
from homeward.crossborder import actions
from homeward.crossborder.models import CooperationRequest
from homeward.crossborder.sharing import shareable_fields, shares_personal_data
from homeward.organisations import actions as org_actions
from homeward.organisations.models import Membership, Organisation
from homeward.organisations.roles import OrganisationKind
from homeward.testing.cast import PASSWORD, enable_totp

COUNTRIES = ("BE", "FR", "IT", "NL")
OPEN_STATES = {"sent", "acknowledged", "in_progress"}
# the fields that hold a unique synthetic value (the others are codes, dates, the photo)
CASE_VALUE_FIELDS = (
    "last_seen_locality",
    "last_seen_description",
    "summary",
    "police_reference",
    "hague_file",
)
CHILD_VALUE_FIELDS = (
    "given_names",
    "family_name",
    "original_script_name",
    "other_names",
    "physical_description",
    "clothing",
)


class Hotline:
    def __init__(self, organisation: Organisation, operator: Membership, supervisor: Membership):
        self.organisation, self.operator, self.supervisor = organisation, operator, supervisor
        self.clients: dict[str, Client] = {}

    def __repr__(self) -> str:
        return f"Hotline({self.organisation.country})"


class SharedCase:
    def __init__(self, case_id: int, hotline: Hotline, keys: list[str], values: dict[str, str]):
        self.case_id, self.hotline = case_id, hotline
        self.keys = keys  # every shareable key
        self.values = values  # key -> its unique value, for the keys that hold one

    def __repr__(self) -> str:
        return f"Case({self.hotline.organisation.country}#{self.case_id})"


class SharedRequest:
    def __init__(self, request_id: int, case: SharedCase, receiver: Hotline, chosen: set[str]):
        self.request_id, self.case, self.receiver = request_id, case, receiver
        self.state = "draft"
        self.sent = False  # reached the receiver once (a withdrawn draft never did)
        self.shared_fields = chosen  # the request's current choice
        self.snapshot: set[str] = set()  # the keys in the latest snapshot
        self.revoked = False

    def __repr__(self) -> str:
        return f"Request(#{self.request_id} → {self.receiver.organisation.country})"

    @property
    def sender(self) -> Hotline:
        return self.case.hotline

    def dispatch(self) -> None:
        self.state, self.sent, self.snapshot = "sent", True, set(self.shared_fields)

    def visible_to(self, hotline: Hotline) -> bool:
        return hotline is self.sender or (hotline is self.receiver and self.sent)

    def shared_with(self, hotline: Hotline) -> set[str]:
        """The values of the case this request lets `hotline` read as the receiver."""
        if hotline is not self.receiver or not self.sent or self.revoked:
            return set()
        return {self.case.values[k] for k in self.snapshot if k in self.case.values}


def _as(member: Membership) -> dict[str, Any]:
    return {"membership": member}


class SharingMachine(RuleBasedStateMachine):
    requests = Bundle("requests")

    def __init__(self) -> None:
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        cache.clear()  # the API's rate limits count per user id, and ids repeat per example
        self.hotlines: list[Hotline] = []
        self.all_cases: list[SharedCase] = []
        self.all_requests: list[SharedRequest] = []
        self.counter = 0
        self.touched: SharedCase | None = None
        self.steps = 0

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    # --- building ---------------------------------------------------------------------------

    def _value(self) -> str:
        self.counter += 1
        return f"Zq{self.counter:05d}v"  # fixed width: no value is part of another

    def _hotline(self) -> Hotline:
        country = COUNTRIES[len(self.hotlines)]
        organisation = org_actions.create_organisation(
            acting_user=None,
            name=f"Invariant Hotline {country}",
            slug=f"invariant-{country.lower()}",
            kind=OrganisationKind.NATIONAL_HOTLINE,
            country=country,
        )
        members = {}
        for role in ("operator", "supervisor"):
            member = org_actions.add_member(
                acting_user=None,
                organisation=organisation,
                email=f"{role}-{country.lower()}@invariant.test",
                role=role,
                password=PASSWORD,
            )
            enable_totp(member.user)
            members[role] = member
        hotline = Hotline(organisation, members["operator"], members["supervisor"])
        for role, member in members.items():
            client = Client()
            client.force_login(member.user)
            hotline.clients[role] = client
        self.hotlines.append(hotline)
        return hotline

    @initialize(target=requests, data=st.data())
    def two_hotlines_a_case_each_and_a_draft(self, data: st.DataObject) -> SharedRequest:
        # every rule has something to act on from the first step (a rule whose bundle is still
        # empty is skipped, and too many skips make Hypothesis give the example up)
        first, second = self._hotline(), self._hotline()
        self._case(first, 1)
        self._case(second, 1)
        return self._draft(data, supervisor=False)

    @precondition(lambda self: len(self.hotlines) < len(COUNTRIES))
    @rule()
    def another_hotline(self) -> None:
        self._hotline()

    @rule(data=st.data(), children=st.integers(1, 2))
    def open_case(self, data: st.DataObject, children: int) -> None:
        self._case(data.draw(st.sampled_from(self.hotlines), label="hotline"), children)

    def _case(self, hotline: Hotline, children: int) -> SharedCase:
        """A case whose every checked field holds a value of its own."""
        case_values: dict[str, Any] = {name: self._value() for name in CASE_VALUE_FIELDS}
        kids = [{n: self._value() for n in CHILD_VALUE_FIELDS} for _ in range(children)]
        case = case_actions.open_case(
            **_as(hotline.operator),
            category="runaway",
            subcategory="from_home",
            children=[
                {**kid, "other_names": [kid["other_names"]], "sex": "female"} for kid in kids
            ],
            **case_values,
        )
        values = {f"case.{name}": value for name, value in case_values.items()}
        for link, kid in zip(case.case_children.order_by("pk"), kids, strict=True):
            values |= {f"child.{link.child_id}.{name}": kid[name] for name in CHILD_VALUE_FIELDS}
        shared = SharedCase(case.pk, hotline, shareable_fields(case), values)
        self.all_cases.append(shared)
        self.touched = shared
        return shared

    # --- the procedure ----------------------------------------------------------------------
    # Each step predicts the action's answer from the model: done, or refused with the error
    # the procedure gives (a state that does not allow it, more personal data without approval).

    def _act(
        self,
        refused: type[Exception] | None,
        action: Callable[..., Any],
        member: Membership,
        request: SharedRequest,
        **extra: Any,
    ) -> None:
        self.touched = request.case
        call = partial(action, **_as(member), request=self._request(request), **extra)
        if refused is None:
            call()
            return
        try:
            call()
        except refused:
            return
        raise AssertionError(f"{action.__name__} on {request!r} should raise {refused.__name__}")

    def _request(self, shared: SharedRequest) -> CooperationRequest:
        return CooperationRequest.objects.get(pk=shared.request_id)

    @rule(target=requests, data=st.data(), supervisor=st.booleans())
    def draft(self, data: st.DataObject, supervisor: bool) -> SharedRequest:
        return self._draft(data, supervisor=supervisor)

    def _draft(self, data: st.DataObject, *, supervisor: bool) -> SharedRequest:
        case = data.draw(st.sampled_from(self.all_cases), label="case")
        others = [h for h in self.hotlines if h is not case.hotline]
        receiver = data.draw(st.sampled_from(others), label="receiver")
        chosen = data.draw(st.sets(st.sampled_from(case.keys), max_size=8), label="shared")
        member = case.hotline.supervisor if supervisor else case.hotline.operator
        draft = actions.draft_request(
            **_as(member),
            case=Case.objects.get(pk=case.case_id),
            receiver=receiver.organisation,
            request_type="locate",
            urgency="urgent",
            question=f"A synthetic question, number {len(self.all_requests) + 1}.",
            shared_fields=sorted(chosen),
        )
        shared = SharedRequest(draft.pk, case, receiver, set(chosen))
        self.all_requests.append(shared)
        self.touched = case
        return shared

    @rule(request=requests, supervisor=st.booleans())
    def send(self, request: SharedRequest, supervisor: bool) -> None:
        member = request.sender.supervisor if supervisor else request.sender.operator
        if request.state != "draft":
            self._act(ValidationError, actions.send_request, member, request)
            return
        self._act(None, actions.send_request, member, request)
        if shares_personal_data(request.shared_fields) and not supervisor:
            request.state = "awaiting_approval"
        else:
            request.dispatch()

    @rule(request=requests)
    def approve(self, request: SharedRequest) -> None:
        waiting = request.state == "awaiting_approval"
        self._act(
            None if waiting else ValidationError,
            actions.approve_request,
            request.sender.supervisor,
            request,
        )
        if waiting:
            request.dispatch()

    @rule(request=requests, data=st.data(), supervisor=st.booleans(), same=st.booleans())
    def push(
        self, request: SharedRequest, data: st.DataObject, supervisor: bool, same: bool
    ) -> None:
        keys = st.sets(st.sampled_from(request.case.keys), max_size=8)
        chosen = None if same else data.draw(keys, label="new choice")
        member = request.sender.supervisor if supervisor else request.sender.operator
        fields = sorted(chosen) if chosen is not None else None
        refused: type[Exception] | None = None
        if request.state not in OPEN_STATES or request.revoked:
            refused = ValidationError
        elif (
            chosen is not None
            and not supervisor
            and shares_personal_data(chosen)
            and shares_personal_data(chosen - request.shared_fields)
        ):
            refused = PermissionDenied  # more personal data needs a supervisor
        self._act(refused, actions.push_update, member, request, shared_fields=fields)
        if refused is None:
            request.shared_fields = set(chosen) if chosen is not None else request.shared_fields
            request.snapshot = set(request.shared_fields)

    @rule(request=requests)
    def revoke(self, request: SharedRequest) -> None:
        self._act(None, actions.revoke_share, request.sender.operator, request)
        request.revoked = True

    @rule(request=requests)
    def withdraw(self, request: SharedRequest) -> None:
        allowed = request.state in {"draft", "awaiting_approval", *OPEN_STATES}
        self._act(
            None if allowed else ValidationError, actions.withdraw, request.sender.operator, request
        )
        if allowed:
            request.state = "withdrawn"
            request.revoked = request.revoked or request.sent  # withdrawing ends what was shared

    @precondition(lambda self: any(r.sent for r in self.all_requests))
    @rule(request=requests)
    def acknowledge(self, request: SharedRequest) -> None:
        if not request.sent:  # not the receiver's to see yet: nothing to do
            return
        allowed = request.state == "sent"
        self._act(
            None if allowed else ValidationError,
            actions.acknowledge,
            request.receiver.operator,
            request,
        )
        if allowed:
            request.state = "acknowledged"

    # --- the invariant ----------------------------------------------------------------------

    @invariant()
    def members_read_exactly_their_own_and_what_was_shared(self) -> None:
        self.steps += 1
        if not self.all_cases:
            return
        # the case the last step touched, and one more in turn (a step must not change others)
        sample = {
            id(c): c for c in (self.touched, self.all_cases[self.steps % len(self.all_cases)]) if c
        }
        role = "operator" if self.steps % 2 else "supervisor"
        for case in sample.values():
            for hotline in self.hotlines:
                self._check(case, hotline, hotline.clients[role])

    def _check(self, case: SharedCase, hotline: Hotline, client: Client) -> None:
        own = hotline is case.hotline
        values = set(case.values.values())
        requests = [r for r in self.all_requests if r.case is case]
        expected = values if own else set().union(*(r.shared_with(hotline) for r in requests))
        where = f"{hotline!r} reading {case!r}"

        def seen(text: str) -> set[str]:
            return {v for v in values if v in text}

        # the API: the case and its children, each request's detail and snapshot
        read: set[str] = set()
        response = client.get(f"/api/v1/cases/{case.case_id}")
        assert response.status_code == (200 if own else 404), where
        read |= seen(response.content.decode())
        if own:
            for child_id in {k.split(".")[1] for k in case.values if k.startswith("child.")}:
                read |= seen(client.get(f"/api/v1/children/{child_id}").content.decode())
        html_read: set[str] = set()
        for request in requests:
            url = f"/api/v1/crossborder/requests/{request.request_id}"
            at = f"{where} through {request!r} ({request.state}, revoked={request.revoked})"
            visible = request.visible_to(hotline)
            detail = client.get(url)
            assert detail.status_code == (200 if visible else 404), at
            assert not seen(detail.content.decode()), f"{at}: the detail holds no shared data"
            snapshot = client.get(f"{url}/snapshot")
            readable = request.sent and (
                hotline is request.sender or (hotline is request.receiver and not request.revoked)
            )
            assert snapshot.status_code == (200 if readable else 404), at
            if readable:
                in_snapshot = seen(snapshot.content.decode())
                keys = request.snapshot
                assert in_snapshot == {case.values[k] for k in keys if k in case.values}, at
                read |= in_snapshot
            page = client.get(reverse("xb_request_detail", args=[request.request_id]))
            assert page.status_code == (200 if visible else 404), f"{at} (HTML)"
            on_page = seen(page.content.decode()) if page.status_code == 200 else set()
            if not own:
                assert on_page == request.shared_with(hotline), f"{at} (HTML)"
            html_read |= on_page
        assert read == expected, f"{where} (API): read {sorted(read)}, expected {sorted(expected)}"
        if not own:
            assert html_read == expected, f"{where} (HTML)"


SharingMachine.TestCase.settings = settings(
    max_examples=int(os.environ.get("HOMEWARD_XB_INVARIANT_EXAMPLES", 25)),
    stateful_step_count=int(os.environ.get("HOMEWARD_XB_INVARIANT_STEPS", 15)),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


class TestSharingInvariant(SharingMachine.TestCase, DjangoTestCase):  # type: ignore[misc,valid-type]
    """Runs the machine inside Django's test transaction (see the module's docstring)."""
