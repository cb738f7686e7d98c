"""The demo's public directories: prevention pages for the 32 countries of the network (for
parents and for young people, in English, French and German) and a few hundred synthetic
services for children in migration.

Only facts that are public knowledge are real: every country of the network is a party to the
1980 Hague Convention, and Brussels IIb applies in the EU except Denmark. Every contact is a
"Demo" placeholder (never an official's name), phones are a dialling code and zeros, e-mails
are on `.test`. The volume goes in through the bulk path with one audit event per batch; one
submission goes through the public action and waits in Belgium's moderation queue."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from homeward.audit.actions import record_event
from homeward.demo.network import COUNTRIES, Country
from homeward.directories import actions
from homeward.directories.actions import Submission
from homeward.directories.choices import Audience, ServiceKind, State
from homeward.directories.models import PreventionEntry, Provider, Service

NOT_BRUSSELS_IIB = frozenset({"AL", "CH", "DK", "GB", "RS", "UA"})
SERVICES_PER_COUNTRY = 10
CITIES = {
    "AL": "Tirana", "AT": "Vienna", "BE": "Brussels", "BG": "Sofia", "CH": "Bern",
    "CY": "Nicosia", "CZ": "Prague", "DE": "Berlin", "DK": "Copenhagen", "EE": "Tallinn",
    "ES": "Madrid", "FI": "Helsinki", "FR": "Paris", "GR": "Athens", "HR": "Zagreb",
    "HU": "Budapest", "IE": "Dublin", "IT": "Rome", "LT": "Vilnius", "LU": "Luxembourg",
    "LV": "Riga", "MT": "Valletta", "NL": "Amsterdam", "PL": "Warsaw", "PT": "Lisbon",
    "RO": "Bucharest", "RS": "Belgrade", "SE": "Stockholm", "SI": "Ljubljana",
    "SK": "Bratislava", "UA": "Kyiv", "GB": "London",
}  # fmt: skip
SPOKEN = ("ar", "uk", "ps", "fa", "ti", "so", "ru", "en", "fr")

PARENTS = {
    "en": (
        "If you fear that your child could be taken abroad by the other parent:\n\n"
        "- Travel consent: a child travelling with one parent may need the other's written "
        "consent; keep copies of your child's documents.\n"
        "- Passports and borders: ask the authority that issues passports not to issue one "
        "without your consent, and ask the police about a border alert.\n"
        "- Court orders: a family court can forbid a child's removal from the country.\n"
        "- Mediation: a cross-border family mediator can help parents agree before it comes "
        "to that.\n\nCall the 116 000 hotline for advice at any time."
    ),
    "fr": (
        "Si vous craignez que l'autre parent emmène votre enfant à l'étranger :\n\n"
        "- Autorisation de sortie : un enfant qui voyage avec un seul parent peut avoir besoin "
        "de l'accord écrit de l'autre ; gardez des copies de ses documents.\n"
        "- Passeports et frontières : demandez qu'aucun passeport ne soit délivré sans votre "
        "accord, et interrogez la police sur une alerte aux frontières.\n"
        "- Décisions de justice : le juge aux affaires familiales peut interdire la sortie du "
        "territoire.\n- Médiation : un médiateur familial international peut aider les parents "
        "à s'entendre.\n\nAppelez le 116 000 pour un conseil, à toute heure."
    ),
    "de": (
        "Wenn Sie befürchten, dass der andere Elternteil Ihr Kind ins Ausland bringt:\n\n"
        "- Reisezustimmung: Ein Kind, das mit einem Elternteil reist, braucht unter Umständen "
        "die schriftliche Zustimmung des anderen; bewahren Sie Kopien seiner Dokumente auf.\n"
        "- Pässe und Grenzen: Bitten Sie die Passbehörde, ohne Ihre Zustimmung keinen Pass "
        "auszustellen, und fragen Sie die Polizei nach einer Grenzfahndung.\n"
        "- Gerichtliche Anordnungen: Das Familiengericht kann die Ausreise des Kindes "
        "verbieten.\n- Mediation: Eine grenzüberschreitende Familienmediation kann helfen, "
        "dass sich die Eltern einigen.\n\nRufen Sie jederzeit die 116 000 an."
    ),
}
YOUNG = {
    "en": (
        "Sometimes, when parents split up, one of them takes their child to another country "
        "without the other parent agreeing. That is against the law.\n\n"
        "If you are worried this could happen to you, you are not to blame, and you can talk "
        "about it: with someone you trust, a teacher, or the 116 000 hotline, for free."
    ),
    "fr": (
        "Parfois, quand des parents se séparent, l'un d'eux emmène l'enfant dans un autre pays "
        "sans l'accord de l'autre. C'est interdit par la loi.\n\n"
        "Si tu as peur que cela t'arrive, ce n'est pas ta faute, et tu peux en parler : à "
        "quelqu'un de confiance, à un enseignant ou au 116 000, gratuitement."
    ),
    "de": (
        "Manchmal bringt ein Elternteil nach einer Trennung das Kind in ein anderes Land, "
        "ohne dass der andere einverstanden ist. Das ist gegen das Gesetz.\n\n"
        "Wenn du Angst hast, dass dir das passiert: Du bist nicht schuld, und du kannst darüber "
        "reden – mit jemandem, dem du vertraust, einer Lehrkraft oder kostenlos mit der 116 000."
    ),
}


def _entries(country: Country, verified: date) -> list[PreventionEntry]:
    code = country.code
    rows = []
    for language in ("en", "fr", "de"):
        for audience, text in ((Audience.PARENTS, PARENTS), (Audience.YOUNG, YOUNG)):
            rows.append(
                PreventionEntry(
                    country=code, language=language, audience=audience, hague_in_force=True,
                    hague_partners="Demo: see the HCCH status table for the partner states.",
                    brussels_iib=code not in NOT_BRUSSELS_IIB,
                    authority_name=f"Demo central authority ({country.name})",
                    authority_address=f"Demo street 1, {CITIES[code]}",
                    authority_phone=f"+{country.dialling_code} 000 000 000",
                    authority_email=f"central-authority@{code.lower()}.demo.test",
                    authority_website=f"https://central-authority.{code.lower()}.demo.test",
                    mediation_contact=f"Demo mediation contact point, +{country.dialling_code} "
                    "000 000 001",
                    what_you_can_do=text[language], verified_on=verified,
                    verified_by="Demo network office",
                )
            )  # fmt: skip
    return rows


def _service(rng: random.Random, provider: Provider, country: Country, n: int) -> Service:
    kinds = rng.sample(list(ServiceKind.values), rng.randint(1, 3))
    spoken = sorted({*country.languages[:1], *rng.sample(SPOKEN, 2)})
    label = ServiceKind(kinds[0]).label
    return Service(
        provider=provider, name=f"Demo {label} {CITIES[country.code]} {n}",
        description=f"Demo service: {', '.join(str(ServiceKind(k).label) for k in kinds)} for "
        "children and young people on the move.",
        language="en", kinds="|" + "|".join(kinds) + "|", languages="|" + "|".join(spoken) + "|",
        state=State.PUBLISHED, minimum_age=rng.choice([None, 0, 12]),
        maximum_age=rng.choice([None, 17, 21]), free=rng.random() < 0.9,
        interpretation_services="Demo: by phone" if rng.random() < 0.5 else "",
        schedule=rng.choice(["Mo-Fr 09:00-17:00", "Every day 24/7", "Every day 18:00-09:00"]),
        country=country.code, city=CITIES[country.code], address=f"Demo street {n}",
        phone=f"+{country.dialling_code} 000 000 {n:03d}",
        email=f"service{n}@{country.code.lower()}.demo.test",
        assured_date=timezone.localdate() - timedelta(days=rng.randint(0, 300)),
        assurer_email=f"admin@{country.code.lower()}.demo.homeward.test",
        submitter_email=f"submitter@{country.code.lower()}.demo.test",
    )  # fmt: skip


@transaction.atomic
def seed_directories(seed: int) -> tuple[int, int]:
    """(prevention pages, services) written."""
    rng = random.Random(seed)
    today = timezone.localdate()
    entries: list[PreventionEntry] = []
    services: list[Service] = []
    for index, country in enumerate(COUNTRIES):
        # a few countries' pages fall due, so the reminder and the due list show something
        verified = today - timedelta(days=400 if index % 8 == 0 else 30 + index)
        entries += _entries(country, verified)
        provider = Provider.objects.create(
            name=f"Demo Welcome Network {country.name}",
            website=f"https://welcome.{country.code.lower()}.demo.test",
        )
        services += [
            _service(rng, provider, country, n) for n in range(1, SERVICES_PER_COUNTRY + 1)
        ]
    PreventionEntry.objects.bulk_create(entries)
    Service.objects.bulk_create(services, batch_size=500)
    record_event(actor=None, organisation=None, action="demo.directories_seed",
                 object_type="directories", object_id=str(seed),
                 fields=["prevention_entries", "services"])  # fmt: skip
    actions.submit_service(
        Submission(
            organization="Demo Youth Aid", name="Demo drop-in centre",
            description="Showers, a meal and legal advice for young people on the move.",
            language="en", kinds=["food", "legal"], languages=["en", "ar", "ps"], country="BE",
            city="Brussels", submitter_email="dropin@be.demo.test",
        )
    )  # fmt: skip
    return len(entries), len(services) + 1
