"""Demo cross-border family mediators: about 200 published profiles over 40 countries, the demo
mediator's own profile (verified and published by the demo manager), and a few mediation
requests in every state, one of them a hotline's referral from a demo parental-abduction case.

Everything is invented: names are random pairings from the demo's name lists, e-mail addresses
use the reserved `.test` domain, phone numbers are a dialling code followed by zeros. The
profiles go in through the bulk path (`add_published_profiles`: one audit event for the lot);
the demo mediator's profile and the requests go through the actions, as the pages would. The
requests are dated back a few weeks afterwards (like the demo's cases), so that a mediation's
days to its outcome read like the network's "weeks, not months"."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from homeward.cases import actions as case_actions
from homeward.cases.models import Case
from homeward.demo.network import COUNTRIES, DOMAIN, MEDIATOR_NETWORK, full_name
from homeward.mediators import actions
from homeward.mediators.models import MediationRequest, Mediator
from homeward.organisations.models import Membership, Organisation
from homeward.organisations.roles import Role

PER_COUNTRY = 5


# Countries beyond the demo hotlines' 32 where the network's mediators practise (code,
# languages spoken, dialling code, the demo name list their names are drawn from).
MORE_COUNTRIES: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    ("NO", ("nb",), "47", "da"),
    ("IS", ("is",), "354", "sv"),
    ("TR", ("tr",), "90", "tr"),
    ("MA", ("ar", "fr"), "212", "fr"),
    ("TN", ("ar", "fr"), "216", "fr"),
    ("US", ("en", "es"), "1", "en"),
    ("CA", ("en", "fr"), "1", "en"),
    ("AU", ("en",), "61", "en"),
)

PROFESSIONS = {
    "legal": ("Family lawyer", "Notary", "Retired family judge", "Legal adviser"),
    "psychosocial": ("Psychologist", "Social worker", "Family therapist", "Child psychologist"),
    "both": ("Family lawyer and psychotherapist", "Social worker with a law degree"),
}
SPECIALISATIONS = ("abduction", "relocation", "contact", "violence", "child_hearing", "recognition")
FEES = (
    "First conversation free; then by the hour, agreed in advance (demo).",
    "Legal aid accepted; otherwise a fixed fee per session (demo).",
    "Fees on request (demo).",
)
SECOND_LANGUAGES = ("en", "fr", "de", "es", "it", "pl", "ar", "ru", "tr", "nl")


def _countries() -> list[tuple[str, tuple[str, ...], str, tuple[str, ...]]]:
    """Every demo country: (code, spoken languages, dialling code, name lists)."""
    hotlines = [(c.code, c.languages, c.dialling_code, c.languages) for c in COUNTRIES]
    more = [(code, spoken, dial, (names,)) for code, spoken, dial, names in MORE_COUNTRIES]
    return hotlines + more


def profiles(seed: int) -> list[actions.ProfileData]:
    """PER_COUNTRY mediators in each of the 40 countries; a pure function of the seed."""
    rng = random.Random(f"mediators-{seed}")
    countries = _countries()
    codes = [code for code, *_rest in countries]
    made: list[actions.ProfileData] = []
    for code, spoken, dial, name_lists in countries:
        for index in range(PER_COUNTRY):
            number = len(made) + 1
            background = ("legal", "psychosocial", "legal", "psychosocial", "both")[index]
            gender = "woman" if (index + number) % 2 else "man"
            languages = [(spoken[0], "native")]
            languages += [(tag, "fluent") for tag in spoken[1:] if rng.random() < 0.6]
            other = rng.choice([t for t in SECOND_LANGUAGES if t not in dict(languages)])
            languages.append((other, rng.choice(("fluent", "working"))))
            made.append(
                actions.ProfileData(
                    full_name=full_name(rng, name_lists),
                    gender=gender,
                    background=background,
                    profession=rng.choice(PROFESSIONS[background]),
                    languages=languages,
                    practice_countries=[code],
                    other_countries=rng.sample([c for c in codes if c != code], rng.randint(1, 4)),
                    specialisations=rng.sample(SPECIALISATIONS, rng.randint(1, 3)),
                    network_training=True,
                    training_hours=rng.choice((50, 56, 64, 80)),
                    training_year=rng.randint(2010, 2024),
                    urgent=rng.random() < 0.4,
                    travels=rng.random() < 0.5,
                    online=rng.random() < 0.7,
                    fees=rng.choice(FEES),
                    biographies={
                        "en": "Cross-border family mediator trained in the network's "
                        "bi-national co-mediation model (demo profile).",
                    },
                    email=f"mediator{number}@mediators.{DOMAIN}",
                    phone=f"+{dial} 000 000 000",
                )
            )
    return made


def _member(organisation: Organisation, role: str) -> Membership | None:
    return (
        Membership.objects.filter(organisation=organisation, role=role, is_active=True)
        .select_related("user", "organisation")
        .first()
    )


def _own_profile(mediator: Membership, manager: Membership) -> Mediator:
    """The demo mediator (Belgium, Dutch and Polish) writes, submits, and is published."""
    actions.save_profile(
        membership=mediator,
        data=actions.ProfileData(
            full_name=mediator.user.full_name or "Demo Mediator",
            gender="woman",
            background="psychosocial",
            profession="Family therapist",
            languages=[("nl", "native"), ("pl", "fluent"), ("en", "fluent")],
            practice_countries=["BE"],
            other_countries=["PL", "NL"],
            specialisations=["abduction", "contact"],
            network_training=True,
            training_hours=64,
            training_year=2019,
            urgent=True,
            online=True,
            fees=FEES[0],
            biographies={"en": "The demo mediator's own profile (demo)."},
            email=mediator.user.email,
            phone="+32 000 000 000",
        ),
    )
    actions.submit_profile(membership=mediator)
    profile = Mediator.objects.get(user=mediator.user)
    return actions.publish_profile(membership=manager, mediator=profile)


def _partner(mediator: Mediator, country: str) -> Mediator:
    """A published legal-background colleague practising in `country`, of the other gender."""
    found = (
        Mediator.objects.filter(
            organisation=mediator.organisation,
            state="published",
            background="legal",
            countries__country=country,
            countries__practises=True,
        )
        .exclude(pk=mediator.pk)
        .order_by("-gender", "pk")
    )
    return found.exclude(gender=mediator.gender).first() or found.first() or mediator


def _referral_case(rng: random.Random, operator: Membership) -> Case:
    """A new international parental-abduction case of the hotline (to Poland, mediation
    considered), its child named from the demo's lists: the demo's other cases are mostly
    closed by now."""
    country = operator.organisation.country
    languages = next(c.languages for c in COUNTRIES if c.code == country)
    given, _, family = full_name(rng, languages).partition(" ")
    return case_actions.open_case(
        membership=operator, category="parental_abduction", subcategory="international",
        disappeared_on=timezone.localdate() - timedelta(days=9), last_seen_country=country,
        summary="Did not come back from a holiday with the other parent in Poland (demo).",
        children=[{"given_names": given, "family_name": family, "sex": "unknown",
                   "birth_precision": "estimated", "estimated_age": 6,
                   "age_estimated_on": timezone.localdate()}],
        section={"taking_parent_relationship": "father", "suspected_destination": "PL",
                 "taking_parent_residence": "PL", "mediation_considered": True},
    )  # fmt: skip


def _backdate(request: MediationRequest, days: int) -> None:
    """Demo history: the request came in `days` ago and its pair was assigned three days
    later (the actions date both now)."""
    came = timezone.now() - timedelta(days=days)
    MediationRequest.objects.filter(pk=request.pk).update(created_at=came)
    MediationRequest.objects.filter(pk=request.pk, assigned_at__isnull=False).update(
        assigned_at=came + timedelta(days=3)
    )
    request.refresh_from_db()


def _requests(
    rng: random.Random, network: Organisation, manager: Membership, mediator: Mediator
) -> int:
    partner = _partner(mediator, "PL")
    today = timezone.localdate()
    parent = actions.RequestData(
        situation="taken_abroad",
        country_a="BE",
        country_b="PL",
        languages_a=["nl"],
        languages_b=["pl"],
        contact_name="Demo Parent",
        contact_email=f"parent@families.{DOMAIN}",
    )
    made = [actions.request_mediation(organisation=network, data=parent, consent=True)]
    # a relocation, assigned and its intake done
    relocation = actions.request_mediation(
        organisation=network,
        consent=True,
        data=actions.RequestData(
            situation="relocation",
            country_a="BE",
            country_b="NL",
            languages_a=["fr", "nl"],
            languages_b=["nl"],
            contact_phone="+32 000 000 000",
            contact_name="Demo Father",
        ),
    )
    actions.assign_pair(membership=manager, request=relocation, first=mediator, second=partner)
    _backdate(relocation, 12)
    actions.record_intake(membership=manager, request=relocation, intake_on=today - timedelta(5))
    made.append(relocation)
    # two closed ones: a full agreement after a pressure-cooker weekend, and a partial one
    for situation, days, outcome in (("contact", 60, "full"), ("taken_abroad", 45, "partial")):
        closed = actions.request_mediation(
            organisation=network,
            consent=True,
            data=actions.RequestData(
                situation=situation,
                country_a="PL",
                country_b="BE",
                languages_a=["pl"],
                languages_b=["nl"],
                contact_email=f"family{days}@families.{DOMAIN}",
            ),
        )
        actions.assign_pair(membership=manager, request=closed, first=mediator, second=partner)
        _backdate(closed, days)
        start: date = today - timedelta(days=days - 7)
        actions.record_intake(membership=manager, request=closed, intake_on=start)
        for offset, form in ((7, "pressure_cooker"), (8, "pressure_cooker"), (20, "online")):
            actions.add_session(
                membership=manager, request=closed, held_on=start + timedelta(offset), format=form
            )
        actions.record_outcome(
            membership=manager, request=closed, outcome=outcome, outcome_on=start + timedelta(21)
        )
        made.append(closed)
    hotline = Organisation.objects.filter(kind="hotline", country="BE").first()
    referrer = _member(hotline, Role.OPERATOR) if hotline is not None else None
    if referrer is not None:
        case = _referral_case(rng, referrer)
        referral = actions.refer_from_case(
            membership=referrer,
            case=case,
            network=network,
            data=actions.RequestData(
                situation="taken_abroad", country_a="BE", country_b="PL",
                languages_a=list(referrer.organisation.languages[:1]) or ["nl"],
                languages_b=["pl"], contact_name="Demo Parent (referred)",
                contact_phone="+32 000 000 000",
                note="The left-behind parent agrees to be contacted (demo).",
            ),
        )  # fmt: skip
        actions.assign_pair(membership=manager, request=referral, first=mediator, second=partner)
        made.append(referral)
    return len(made)


def seed_mediators(seed: int) -> tuple[int, int]:
    """Returns (profiles published, requests made); (0, 0) without the demo mediator network."""
    network = Organisation.objects.filter(slug=MEDIATOR_NETWORK.slug).first()
    if network is None:
        return 0, 0
    manager = _member(network, Role.MEDIATOR_MANAGER)
    mediator = _member(network, Role.MEDIATOR)
    with transaction.atomic():
        published = actions.add_published_profiles(organisation=network, profiles=profiles(seed))
        if manager is None or mediator is None:
            return published, 0
        own = _own_profile(mediator, manager)
        return published + 1, _requests(random.Random(f"mediations-{seed}"), network, manager, own)
