"""The demo has a cross-border request in every state of the procedure."""

from __future__ import annotations

import pytest

from homeward.crossborder.choices import State
from homeward.crossborder.models import CooperationRequest
from homeward.demo.cases import seed_cases
from homeward.demo.crossborder import SCENARIOS, seed_requests
from homeward.demo.network import seed_network

pytestmark = pytest.mark.django_db


def test_every_state_of_the_procedure_is_in_the_demo() -> None:
    seed_network(7, "a-long-demo-password")
    countries = sorted({code for s, r, *_ in SCENARIOS for code in (s, r)})
    seed_cases(7, per_hotline=(4, 4), countries=countries)
    assert seed_requests(7) == len(SCENARIOS)
    states = set(CooperationRequest.objects.values_list("state", flat=True))
    assert states == set(State.values)
    located = CooperationRequest.objects.get(located_at__isnull=False)
    assert located.decision_due_at is not None
    revoked = CooperationRequest.objects.filter(share_revoked_at__isnull=False)
    assert revoked.exclude(state=State.WITHDRAWN).count() == 1  # revoked on its own
    withdrawn_after_sending = CooperationRequest.objects.filter(
        state=State.WITHDRAWN, sent_at__isnull=False
    )
    assert withdrawn_after_sending.exists()
    assert not withdrawn_after_sending.filter(share_revoked_at__isnull=True).exists()
    assert CooperationRequest.objects.filter(escalated_at__isnull=False).count() == 1
