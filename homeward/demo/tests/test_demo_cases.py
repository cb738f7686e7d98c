"""The demo cases: their shapes follow the published figures (checked on plans, no database),
the ones written through the actions leave audit events, name keys and timelines, and the bulk
path (`homeward demo --cases N`) writes exactly N searchable cases that later cases don't
collide with."""

from __future__ import annotations

import io
import random
import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Max, Min
from django.test import Client, override_settings
from django.utils import timezone
from pytest_django import DjangoDbBlocker, Settings

from homeward.audit.models import AuditEvent
from homeward.cases import actions, search
from homeward.cases.choices import Category, ContactType, Sex, Status, TimelineKind
from homeward.cases.models import (
    Case,
    CaseChild,
    CaseSequence,
    Child,
    Closure,
    Contact,
    TimelineEvent,
)
from homeward.demo.cases import LEAD_IN_DAYS, cases_to_seed, history_days, seed_cases
from homeward.demo.network import COUNTRIES, DEFAULT_SEED, seed_network
from homeward.demo.plans import (
    CasePlan,
    HotlinePlanner,
    age_on,
    birth_for_age,
    migrant_child,
    report_times,
)
from homeward.demo.shapes import recorded_share
from homeward.organisations.models import Membership, Organisation
from homeward.organisations.roles import Role
from homeward.statistics.models import ReportingYear

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
PASSWORD = "a-long-demo-password"
SAMPLE_PER_HOTLINE = 250


@pytest.fixture(scope="module")
def plans() -> list[CasePlan]:
    """A large sample of planned cases over every hotline: the shapes, without a database."""
    planned = []
    for country in COUNTRIES:
        rng = random.Random(f"test-{country.code}")
        planner = HotlinePlanner(rng, country, NOW.date())
        for reported_at in report_times(rng, SAMPLE_PER_HOTLINE, NOW, 548):
            planned.append(planner.plan(reported_at))
    return planned


def _share(count: int, total: int) -> float:
    return 100 * count / total


def test_categories_follow_the_published_shares(plans: list[CasePlan]) -> None:
    categories = Counter(plan.category for plan in plans)
    total = len(plans)
    assert 55 <= _share(categories[Category.RUNAWAY], total) <= 75
    assert 12 <= _share(categories[Category.PARENTAL_ABDUCTION], total) <= 25
    assert 1 <= _share(categories[Category.MIGRANT], total) <= 8
    assert _share(categories[Category.CRIMINAL_ABDUCTION], total) < 2
    assert (
        _share(categories[Category.LOST_INJURED] + categories[Category.OTHERWISE_MISSING], total)
        > 0
    )
    subcategories = Counter(p.subcategory for p in plans if p.category == Category.RUNAWAY)
    assert set(subcategories) == {"from_home", "from_care", "pushed_out"}


def test_runaways_peak_at_15_and_are_mostly_girls(plans: list[CasePlan]) -> None:
    runaways = [p for p in plans if p.category == Category.RUNAWAY]
    ages = Counter(age_on(p.children[0].birth_date, p.disappeared_on) for p in runaways)
    assert min(ages) >= 6
    assert max(ages) <= 17
    assert ages.most_common(1)[0][0] == 15
    children = {id(p.children[0]): p.children[0] for p in runaways}.values()
    girls = sum(child.sex == Sex.FEMALE for child in children)
    assert 50 <= _share(girls, len(children)) <= 70


def test_a_planned_child_is_exactly_the_age_drawn_on_every_day_leap_years_too() -> None:
    rng = random.Random(3)
    for offset in range(4 * 366):
        day = date(2023, 1, 1) + timedelta(days=offset)  # 2024-02-29 among them
        for age in (0, 6, 15, 17):
            assert age_on(birth_for_age(rng, age, day), day) == age, (day, age)


def test_parental_abductions_peak_at_six(plans: list[CasePlan]) -> None:
    ages = Counter(
        age_on(p.children[0].birth_date, p.disappeared_on)
        for p in plans
        if p.category == Category.PARENTAL_ABDUCTION
    )
    assert ages.most_common(1)[0][0] in {5, 6, 7}


def test_durations_cross_border_and_repeat_episodes(plans: list[CasePlan]) -> None:
    found = [(p.found_on - p.disappeared_on).days for p in plans if p.found_on is not None]
    assert 72 <= _share(sum(d < 7 for d in found), len(found)) <= 84
    assert 9 <= _share(sum(7 <= d <= 31 for d in found), len(found)) <= 21
    assert 9 <= _share(sum(p.is_cross_border for p in plans), len(plans)) <= 19
    runaway_children = {
        id(child): child for p in plans if p.category == Category.RUNAWAY for child in p.children
    }.values()
    repeated = sum(child.episodes > 1 for child in runaway_children)
    assert 18 <= _share(repeated, len(runaway_children)) <= 35


def test_migrant_children_have_their_original_script_and_other_forms() -> None:
    rng = random.Random(1)
    children = [migrant_child(rng, rng.random() < 0.5, NOW.date()) for _ in range(200)]
    assert all(child.original_script_name for child in children)
    assert all(not child.original_script_name.isascii() for child in children)
    assert any(child.other_names for child in children)
    forms = {form.split()[0] for child in children for form in child.other_names}
    assert {"Muhammad", "Mohamed"} & forms


def test_each_hotline_opens_its_countrys_yearly_volume_and_the_network_the_published() -> None:
    rng = random.Random(1)
    for country in COUNTRIES:
        year = cases_to_seed(rng, country, 365)
        assert 0.9 * country.cases_a_year <= year <= 1.1 * country.cases_a_year
    sizes = {country.code: country.cases_a_year for country in COUNTRIES}
    assert 6_500 <= sum(sizes.values()) <= 7_600  # ~7,000 cases a year (DOMAIN.md)
    assert min(sizes.values()) == 100
    assert max(sizes.values()) == 600
    assert sizes["DE"] > sizes["BE"] > sizes["MT"]


@pytest.mark.parametrize("today", [date(2026, 1, 1), date(2026, 12, 7), date(2027, 12, 31)])
def test_the_cases_cover_the_previous_year_and_the_quarter_before_it(today: date) -> None:
    first = today - timedelta(days=history_days(today))
    assert first == date(today.year - 1, 1, 1) - timedelta(days=LEAD_IN_DAYS)
    assert first.month == 10


# --- written to the database -------------------------------------------------------------------


# (before the module's seeded network exists: the command wants an empty database)
@pytest.mark.django_db
def test_the_demo_command_seeds_cases_and_statistics_unless_told_not_to(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("homeward.demo.cases.cases_to_seed", lambda *_args: 1)
    out = io.StringIO()
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        call_command("demo", "--password", PASSWORD, stdout=out)
    assert "Seeded the demo cases: 32 cases" in out.getvalue()
    assert Case.objects.values("organisation").distinct().count() == 32
    assert "Seeded the demo statistics: " in out.getvalue()
    assert ReportingYear.objects.filter(year=timezone.now().year - 1, locked_at=None).exists()


@pytest.fixture(scope="module")
def network(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    """The demo network and three hotlines' cases, once for the module, in a transaction rolled
    back afterwards."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        transaction.atomic(),
    ):
        seed_network(shared_password=PASSWORD)
        seed_cases(per_hotline=(30, 34), countries=["BE", "GR", "UA"])
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_cases_come_in_one_audited_batch(network: None) -> None:
    cases = Case.objects.all()
    assert 90 <= cases.count() <= 102
    batch = AuditEvent.objects.get(action="demo.bulk_seed")
    assert {"cases_case", "cases_child", "cases_contact", "cases_timelineevent"} <= set(
        batch.fields
    )
    assert not AuditEvent.objects.filter(action__startswith="cases.").exists()
    assert Contact.objects.count() >= 3 * cases.count()


@pytest.mark.django_db
def test_each_case_reads_as_if_written_through_the_actions(network: None) -> None:
    cases = Case.objects.all()
    assert not cases.filter(risk_grade="").exists()
    for kind in (TimelineKind.CHILD, TimelineKind.RISK, TimelineKind.CONTACT):
        assert not cases.exclude(timeline__kind=kind).exists(), kind
    assert TimelineEvent.objects.filter(kind=TimelineKind.POLICE).exists()
    assert TimelineEvent.objects.filter(message="risk_changed").exists()
    closed = cases.filter(status=Status.CLOSED)
    assert not closed.exclude(timeline__message="closure_approved").exists()
    searched = TimelineEvent.objects.filter(params__status=Status.ACTIVE_SEARCH)
    assert searched.exists()
    active = cases.filter(status=Status.ACTIVE_SEARCH)
    assert not active.exclude(timeline__in=searched).exists()
    # every contact of a case is in its timeline, from the one that opened it on
    linked = Contact.objects.exclude(case=None)
    assert linked.count() == TimelineEvent.objects.filter(kind=TimelineKind.CONTACT).count()
    # the category's own section, descriptions and clothing, as the forms would have saved them
    assert not cases.filter(category=Category.RUNAWAY, runaway=None).exists()
    assert not cases.filter(category=Category.MIGRANT, migration=None).exists()
    assert not Child.objects.filter(physical_description="").exists()
    assert not CaseChild.objects.filter(clothing="").exists()
    # contacts in the hotlines' languages and in English
    languages = set(Contact.objects.exclude(language="").values_list("language", flat=True))
    assert {"en", "el", "uk"} <= languages


@pytest.mark.django_db
def test_hotlines_that_keep_callers_identities_keep_them_with_consent(network: None) -> None:
    for country in ("BE", "GR", "UA"):
        contacts = Contact.objects.filter(organisation__country=country)
        kept = contacts.filter(caller_consent=True)
        share = recorded_share(DEFAULT_SEED, country)
        assert kept.count() <= (share + 0.03) * contacts.count(), country
        if share > 0.3:
            assert kept.count() >= 0.2 * contacts.count(), country
        assert not kept.exclude(caller_phone__endswith=" 000 000 000").exists()
        assert not kept.filter(caller_name="").exists()
        assert not kept.filter(contact_type=ContactType.SILENT).exists()


@pytest.mark.django_db
def test_every_child_has_name_keys_and_names_in_the_hotlines_script(network: None) -> None:
    assert not Child.objects.annotate(n=Count("name_keys")).filter(n=0).exists()
    for country, script in (("GR", "[\u0370-\u03ff]"), ("UA", "[\u0400-\u04ff]")):
        local = [
            child
            for child in Child.objects.filter(organisation__country=country)
            if country in child.nationalities
        ]
        assert local
        assert all(re.search(script, f"{c.given_names} {c.family_name}") for c in local)


@pytest.mark.django_db
def test_statuses_closures_and_repeat_episodes(network: None) -> None:
    statuses = Counter(Case.objects.values_list("status", flat=True))
    assert statuses[Status.CLOSED] > len(statuses) and len(statuses) >= 3
    closed = Case.objects.filter(status=Status.CLOSED)
    approved = Closure.objects.filter(state=Closure.State.APPROVED, case__in=closed)
    assert approved.values("case").distinct().count() == closed.count()
    assert not closed.filter(closed_at=None).exists()
    assert Child.objects.annotate(n=Count("episodes")).filter(n__gte=2).exists()
    assert not TimelineEvent.objects.filter(occurred_at__gt=datetime.now(UTC)).exists()
    span = Case.objects.aggregate(first=Min("reported_at"), last=Max("reported_at"))
    assert (span["last"] - span["first"]).days > 365


# --- the bulk path -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_bulk_writes_exactly_n_searchable_cases_that_later_cases_follow(network: None) -> None:
    before = Case.objects.count()
    out = io.StringIO()
    call_command("demo", "--cases", "2000", stdout=out)
    assert "2000 case" in out.getvalue()
    assert Case.objects.count() == before + 2000
    references = Case.objects.values_list("organisation_id", "reference")
    assert len(set(references)) == len(references)
    assert not Child.objects.annotate(n=Count("name_keys")).filter(n=0).exists()
    assert AuditEvent.objects.filter(action="demo.bulk_seed", object_id="2000").count() == 1
    for sequence in CaseSequence.objects.all():
        numbers = [
            int(reference.rsplit("-", 1)[1])
            for reference in Case.objects.filter(
                organisation_id=sequence.organisation_id, reference__contains=f"-{sequence.year}-"
            ).values_list("reference", flat=True)
        ]
        assert sequence.last == max(numbers)

    belgium = Organisation.objects.get(country="BE", hotlines__isnull=False)
    operator = Membership.objects.filter(organisation=belgium, role=Role.OPERATOR).first()
    assert operator is not None
    child = Child.objects.filter(organisation=belgium).order_by("-pk").first()
    assert child is not None
    found = search.search_children(operator, f"{child.given_names} {child.family_name}", limit=50)
    assert child.pk in {match.child.id for match in found}

    case = actions.open_case(
        membership=operator,
        children=[{"given_names": "Lena", "family_name": "Peeters", "sex": "female"}],
        category=Category.RUNAWAY,
        subcategory="from_home",
    )
    year = case.reported_at.year
    assert (
        case.reference
        == f"BE-{year}-{CaseSequence.objects.get(organisation=belgium, year=year).last:06d}"
    )
    assert Case.objects.filter(organisation=belgium, reference=case.reference).count() == 1


@pytest.mark.django_db
def test_an_operator_opens_every_demo_case_of_her_hotline(
    network: None, settings: Settings
) -> None:
    settings.REQUIRE_MFA = False  # the demo's logins have no second factor
    operator = Membership.objects.get(organisation__country="GR", role=Role.OPERATOR)
    client = Client()
    client.force_login(operator.user)
    cases = Case.objects.filter(organisation=operator.organisation)
    assert client.get("/cases/").status_code == 200
    for case in cases:
        page = client.get(f"/cases/{case.pk}/")
        assert page.status_code == 200, case.reference
        assert case.reference in page.content.decode()
