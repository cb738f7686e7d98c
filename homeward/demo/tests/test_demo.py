"""The demo network: what `homeward demo` seeds, that it is reproducible from the seed, and that
it never seeds twice."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from pytest_django import DjangoDbBlocker, Settings

from homeward.audit.models import AuditEvent
from homeward.demo.network import (
    COUNTRIES,
    MULTI_ORGANISATION_EMAIL,
    NAMES,
    demo_logins,
    hotline_details,
)
from homeward.organisations.models import Channel, Hotline, Membership, Organisation, User
from homeward.organisations.roles import OrganisationKind, Role, roles_for_kind

PASSWORD = "a-long-demo-password"
COUNTRY_CODES = [
    "AL", "AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "RS", "SE", "SI", "SK", "UA", "GB",
]  # fmt: skip


def _demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[str]:
    """Seeds once for the module, in a transaction rolled back afterwards so that other
    modules still start from an empty database. Returns the command's output."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        transaction.atomic(),
    ):
        yield _demo("--password", PASSWORD, "--no-cases")  # cases: test_demo_cases.py
        transaction.set_rollback(True)


def _counts() -> list[int]:
    return [m.objects.count() for m in (Organisation, Hotline, User, Membership, AuditEvent)]


@pytest.mark.django_db
def test_seeds_a_hotline_in_each_country_the_office_and_the_mediators(seeded: str) -> None:
    kinds = Counter(Organisation.objects.values_list("kind", flat=True))
    assert kinds == {
        OrganisationKind.NATIONAL_HOTLINE: 32,
        OrganisationKind.NETWORK_OFFICE: 1,
        OrganisationKind.MEDIATOR_NETWORK: 1,
    }
    hotline_orgs = Organisation.objects.filter(kind=OrganisationKind.NATIONAL_HOTLINE)
    assert sorted(hotline_orgs.values_list("country", flat=True)) == sorted(COUNTRY_CODES)
    assert sorted(Hotline.objects.values_list("country", flat=True)) == sorted(COUNTRY_CODES)


@pytest.mark.django_db
def test_every_hotline_answers_116000_and_lists_no_real_contact(seeded: str) -> None:
    for hotline in Hotline.objects.all():
        assert Channel.PHONE_116000 in hotline.channels
        assert hotline.number_116000 == "116 000"
        assert "en" in hotline.languages
        assert (hotline.website, hotline.public_email) == ("", "")
        assert hotline.is_24_7 or hotline.hours


@pytest.mark.django_db
def test_every_hotline_has_one_member_per_hotline_role(seeded: str) -> None:
    expected = Counter(roles_for_kind(OrganisationKind.NATIONAL_HOTLINE))
    for organisation in Organisation.objects.filter(kind=OrganisationKind.NATIONAL_HOTLINE):
        roles = Counter(
            Membership.objects.filter(organisation=organisation)
            .exclude(user__email=MULTI_ORGANISATION_EMAIL)
            .values_list("role", flat=True)
        )
        assert roles == expected, organisation.slug


@pytest.mark.django_db
def test_one_user_is_a_supervisor_in_two_organisations(seeded: str) -> None:
    memberships = Membership.objects.filter(user__email=MULTI_ORGANISATION_EMAIL)
    assert sorted(memberships.values_list("organisation__slug", "role")) == [
        ("be", Role.SUPERVISOR),
        ("fr", Role.SUPERVISOR),
    ]


@pytest.mark.django_db
def test_every_write_went_through_the_audited_actions(seeded: str) -> None:
    assert AuditEvent.objects.filter(action="organisations.member.add").count() == (
        Membership.objects.count()
    )
    assert AuditEvent.objects.filter(action="organisations.hotline.create").count() == 32


@pytest.mark.django_db
def test_prints_the_main_logins_and_how_to_list_the_rest(seeded: str) -> None:
    assert "operator@be.demo.homeward.test" in seeded
    assert "coordinator@network.demo.homeward.test" in seeded
    assert MULTI_ORGANISATION_EMAIL in seeded
    assert PASSWORD in seeded
    assert "operator@fr.demo.homeward.test" not in seeded
    assert "homeward demo --list" in seeded


@pytest.mark.django_db
def test_a_seeded_user_can_sign_in(seeded: str) -> None:
    response = Client().post(
        "/accounts/login/", {"login": "operator@be.demo.homeward.test", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


@pytest.mark.django_db
def test_if_empty_on_a_seeded_database_creates_nothing(seeded: str) -> None:
    before = _counts()
    output = _demo("--if-empty", "--password", PASSWORD)
    assert _counts() == before
    assert "Demo network already present" in output
    assert "operator@be.demo.homeward.test" in output


@pytest.mark.django_db
def test_refuses_to_seed_a_database_that_has_organisations(seeded: str) -> None:
    with pytest.raises(CommandError, match="already has organisations"):
        _demo("--password", PASSWORD)


def test_refuses_outside_demo_debug_and_test_runs(settings: Settings) -> None:
    settings.DEMO = settings.DEBUG = settings.TESTING = False
    with pytest.raises(CommandError, match="HOMEWARD_DEMO"):
        _demo("--if-empty")


def test_refuses_a_weak_shared_password() -> None:
    with pytest.raises(CommandError, match="--password"):
        _demo("--list", "--password", "short")


def test_list_prints_every_login_with_its_seeded_password() -> None:
    output = _demo("--list", "--seed", "7")
    for login in demo_logins(7):
        assert f"{login.email}  " in output
        assert login.password in output
    assert len(demo_logins(7)) == 32 * 4 + 3 + 3 + 1


def test_same_seed_same_names_passwords_and_hotlines() -> None:
    assert demo_logins(7) == demo_logins(7)
    assert hotline_details(7) == hotline_details(7)
    first, other = demo_logins(7), demo_logins(8)
    assert [login.email for login in first] == [login.email for login in other]
    assert [login.full_name for login in first] != [login.full_name for login in other]
    assert [login.password for login in first] != [login.password for login in other]
    assert hotline_details(7) != hotline_details(8)


def test_passwords_are_long_and_overridable() -> None:
    assert all(len(login.password) >= 12 for login in demo_logins(116000))
    assert {login.password for login in demo_logins(116000, PASSWORD)} == {PASSWORD}


def test_every_language_spoken_has_names() -> None:
    assert [country.code for country in COUNTRIES] == COUNTRY_CODES
    spoken = {language for country in COUNTRIES for language in country.languages}
    assert spoken <= set(NAMES)
    for names in NAMES.values():
        assert len(names.female) + len(names.male) >= 6
        assert len(names.family) >= 6
