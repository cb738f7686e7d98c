"""The demo's mediator directory: about 200 invented mediators in 40 countries, published in
one audited batch; the demo mediator's own profile; requests in every state, one a hotline's
referral whose outcome the case will show; and a Belgian-Polish pair for the issue's story."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.test import Client

from homeward.audit.models import AuditEvent
from homeward.demo.mediators import seed_mediators
from homeward.demo.network import DOMAIN, demo_logins, seed_network
from homeward.mediators.models import MediationRequest, Mediator, MediatorCountry
from homeward.organisations.roles import Role

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_200_invented_mediators_and_a_few_requests() -> None:
    seed_network(7, "a-long-demo-password")
    published, requests = seed_mediators(7)

    assert published == Mediator.objects.filter(state="published").count() == 201
    practice = MediatorCountry.objects.filter(practises=True)
    assert len(set(practice.values_list("country", flat=True))) == 40
    assert AuditEvent.objects.filter(action="mediators.profile.bulk_publish").count() == 1
    for mediator in Mediator.objects.all():
        assert mediator.email.endswith(".test"), mediator.email
        assert re.fullmatch(r"\+\d+ 000 000 000", mediator.phone), mediator.phone

    own = Mediator.objects.get(user__email=f"mediator@mediators.{DOMAIN}")
    assert own.state == "published"
    states = Counter(MediationRequest.objects.values_list("state", flat=True))
    assert requests == sum(states.values()) == 5
    assert set(states) == {"new", "assigned", "intake", "closed"}
    referral = MediationRequest.objects.get(source="hotline")
    assert referral.case is not None and referral.case.category == "parental_abduction"
    assert own in referral.mediators
    assert referral.case.parental_abduction.mediation_considered
    closed = MediationRequest.objects.filter(state="closed")
    assert all(r.outcome_on and r.outcome_on > r.created_at.date() for r in closed)

    page = Client().get("/mediators/pairs/", {
        "situation": "taken_abroad", "country_a": "BE", "country_b": "PL",
        "languages_a": "nl", "languages_b": "pl"})  # fmt: skip
    assert page.status_code == 200
    assert "one legal and one psychosocial background" in page.content.decode()


def test_the_demo_prints_the_manager_and_mediator_logins() -> None:
    highlighted = {
        login.email: login.memberships[0][1] for login in demo_logins(7) if login.is_highlighted
    }
    assert highlighted[f"mediators@mediators.{DOMAIN}"] == Role.MEDIATOR_MANAGER
    assert highlighted[f"mediator@mediators.{DOMAIN}"] == Role.MEDIATOR
