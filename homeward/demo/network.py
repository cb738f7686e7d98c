"""The synthetic demo network: a network office, a mediator network and a national hotline in
each of the 32 countries where 116 000 runs, with a login for every role.

Everything is invented. Organisation names say "Demo", phone numbers are a country's dialling
code followed by zeros, e-mail addresses use the reserved `.test` domain and staff names are
random pairings of common given and family names. Names, passwords and hotline details derive
from the seed alone, so the logins can be printed again without reading the database.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from django.db import transaction

from homeward.organisations import actions
from homeward.organisations.models import Channel, Organisation
from homeward.organisations.roles import OrganisationKind, Role, roles_for_kind

DEFAULT_SEED = 116000
DOMAIN = "demo.homeward.test"


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    languages: tuple[str, ...]
    time_zone: str
    dialling_code: str
    cases_a_year: int
    """New cases the demo hotline opens in a year: by population, 100 to 600, so that the
    network's year reads like the published ~7,000 cases (DOMAIN.md, "Annual figures")."""


# Languages official nationwide, as BCP 47 tags; regional co-official languages (Catalan,
# Frisian, Welsh, Romansh…) are left out.
COUNTRIES: tuple[Country, ...] = (
    Country("AL", "Albania", ("sq",), "Europe/Tirane", "355", 100),
    Country("AT", "Austria", ("de",), "Europe/Vienna", "43", 170),
    Country("BE", "Belgium", ("nl", "fr", "de"), "Europe/Brussels", "32", 280),
    Country("BG", "Bulgaria", ("bg",), "Europe/Sofia", "359", 160),
    Country("CH", "Switzerland", ("de", "fr", "it"), "Europe/Zurich", "41", 170),
    Country("CY", "Cyprus", ("el", "tr"), "Asia/Nicosia", "357", 100),
    Country("CZ", "Czechia", ("cs",), "Europe/Prague", "420", 200),
    Country("DE", "Germany", ("de",), "Europe/Berlin", "49", 560),
    Country("DK", "Denmark", ("da",), "Europe/Copenhagen", "45", 130),
    Country("EE", "Estonia", ("et",), "Europe/Tallinn", "372", 100),
    Country("ES", "Spain", ("es",), "Europe/Madrid", "34", 440),
    Country("FI", "Finland", ("fi", "sv"), "Europe/Helsinki", "358", 120),
    Country("FR", "France", ("fr",), "Europe/Paris", "33", 600),
    Country("GR", "Greece", ("el",), "Europe/Athens", "30", 220),
    Country("HR", "Croatia", ("hr",), "Europe/Zagreb", "385", 110),
    Country("HU", "Hungary", ("hu",), "Europe/Budapest", "36", 180),
    Country("IE", "Ireland", ("en", "ga"), "Europe/Dublin", "353", 120),
    Country("IT", "Italy", ("it",), "Europe/Rome", "39", 480),
    Country("LT", "Lithuania", ("lt",), "Europe/Vilnius", "370", 110),
    Country("LU", "Luxembourg", ("lb", "fr", "de"), "Europe/Luxembourg", "352", 100),
    Country("LV", "Latvia", ("lv",), "Europe/Riga", "371", 100),
    Country("MT", "Malta", ("mt", "en"), "Europe/Malta", "356", 100),
    Country("NL", "Netherlands", ("nl",), "Europe/Amsterdam", "31", 260),
    Country("PL", "Poland", ("pl",), "Europe/Warsaw", "48", 400),
    Country("PT", "Portugal", ("pt",), "Europe/Lisbon", "351", 200),
    Country("RO", "Romania", ("ro",), "Europe/Bucharest", "40", 300),
    Country("RS", "Serbia", ("sr",), "Europe/Belgrade", "381", 160),
    Country("SE", "Sweden", ("sv",), "Europe/Stockholm", "46", 220),
    Country("SI", "Slovenia", ("sl",), "Europe/Ljubljana", "386", 100),
    Country("SK", "Slovakia", ("sk",), "Europe/Bratislava", "421", 120),
    Country("UA", "Ukraine", ("uk",), "Europe/Kyiv", "380", 380),
    Country("GB", "United Kingdom", ("en",), "Europe/London", "44", 520),
)


class Names(NamedTuple):
    female: tuple[str, ...]
    male: tuple[str, ...]
    # "masculine/feminine" where the family name agrees with its bearer
    family: tuple[str, ...]


def _names(female: str, male: str, family: str) -> Names:
    return Names(*(tuple(names.split(", ")) for names in (female, male, family)))


NAMES: dict[str, Names] = {
    "bg": _names(
        "Мария, Елена, Десислава, Йорданка",
        "Георги, Иван, Димитър, Николай",
        "Иванов/Иванова, Георгиев/Георгиева, Димитров/Димитрова, Петров/Петрова, "
        "Николов/Николова, Христов/Христова",
    ),
    "cs": _names(
        "Jana, Tereza, Lucie, Petra",
        "Jan, Tomáš, Petr, Martin",
        "Novák/Nováková, Svoboda/Svobodová, Novotný/Novotná, Dvořák/Dvořáková, "
        "Černý/Černá, Procházka/Procházková",
    ),
    "da": _names(
        "Anne, Mette, Sofie, Ida",
        "Lars, Rasmus, Mikkel, Søren",
        "Jensen, Nielsen, Hansen, Pedersen, Andersen, Christensen",
    ),
    "de": _names(
        "Anna, Katharina, Julia, Sabine",
        "Thomas, Michael, Stefan, Lukas",
        "Müller, Schmidt, Schneider, Fischer, Weber, Wagner, Becker",
    ),
    "el": _names(
        "Μαρία, Ελένη, Αικατερίνη, Γεωργία",
        "Γιώργος, Δημήτρης, Κωνσταντίνος, Νίκος",
        "Παπαδόπουλος/Παπαδοπούλου, Παπαδάκης/Παπαδάκη, Γεωργίου, Οικονόμου, Ιωάννου, Κωνσταντίνου",
    ),
    "en": _names(
        "Emily, Sarah, Olivia, Rebecca",
        "James, Daniel, Thomas, Oliver",
        "Smith, Jones, Taylor, Brown, Wilson, Evans",
    ),
    "es": _names(
        "María, Lucía, Carmen, Paula",
        "Javier, Daniel, Alejandro, Pablo",
        "García, Rodríguez, González, Fernández, López, Martínez, Sánchez",
    ),
    "et": _names(
        "Kati, Liis, Triin, Maarja",
        "Andres, Jaan, Rasmus, Martin",
        "Tamm, Saar, Sepp, Mägi, Kask, Kukk",
    ),
    "fi": _names(
        "Aino, Helmi, Laura, Johanna",
        "Mikko, Juha, Antti, Ville",
        "Korhonen, Virtanen, Mäkinen, Nieminen, Mäkelä, Hämäläinen",
    ),
    "fr": _names(
        "Camille, Léa, Chloé, Manon",
        "Lucas, Hugo, Julien, Thomas",
        "Martin, Bernard, Dubois, Durand, Lefebvre, Moreau, Laurent",
    ),
    "ga": _names(
        "Aoife, Siobhán, Niamh, Caoimhe",
        "Seán, Ciarán, Oisín, Pádraig",
        "Ó Briain/Ní Bhriain, Mac Cárthaigh/Nic Cárthaigh, Ó Súilleabháin/Ní Shúilleabháin, "
        "Ó Néill/Ní Néill, Breathnach, de Búrca",
    ),
    "hr": _names(
        "Ana, Ivana, Marija, Petra",
        "Ivan, Marko, Luka, Tomislav",
        "Horvat, Kovačević, Babić, Marić, Jurić, Novak",
    ),
    "hu": _names(
        "Anna, Eszter, Zsófia, Katalin",
        "László, Zoltán, Bence, Gábor",
        "Nagy, Kovács, Tóth, Szabó, Horváth, Varga",
    ),
    "it": _names(
        "Giulia, Francesca, Chiara, Sara",
        "Marco, Luca, Alessandro, Andrea",
        "Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo",
    ),
    "lb": _names(
        "Marie, Anne, Nathalie, Sandra",
        "Jang, Marc, Laurent, Gilles",
        "Schmit, Hoffmann, Wagner, Thill, Kremer, Reuter",
    ),
    "lt": _names(
        "Rūta, Eglė, Ieva, Lina",
        "Tomas, Mantas, Darius, Jonas",
        "Kazlauskas/Kazlauskienė, Petrauskas/Petrauskienė, Jankauskas/Jankauskienė, "
        "Stankevičius/Stankevičienė, Vasiliauskas/Vasiliauskienė, Žukauskas/Žukauskienė",
    ),
    "lv": _names(
        "Anna, Līga, Ilze, Kristīne",
        "Jānis, Andris, Mārtiņš, Edgars",
        "Bērziņš/Bērziņa, Kalniņš/Kalniņa, Ozoliņš/Ozoliņa, Jansons/Jansone, "
        "Liepiņš/Liepiņa, Krūmiņš/Krūmiņa",
    ),
    "mt": _names(
        "Maria, Rebecca, Francesca, Christine",
        "Joseph, Mark, Daniel, Matthew",
        "Borg, Camilleri, Vella, Farrugia, Zammit, Galea",
    ),
    "nl": _names(
        "Emma, Sanne, Lotte, Anouk",
        "Daan, Bram, Lucas, Thijs",
        "de Vries, Janssens, Peeters, Bakker, Visser, Maes",
    ),
    "pl": _names(
        "Anna, Katarzyna, Magdalena, Agnieszka",
        "Piotr, Tomasz, Paweł, Krzysztof",
        "Nowak, Kowalski/Kowalska, Wiśniewski/Wiśniewska, Wójcik, Kowalczyk, Kamiński/Kamińska",
    ),
    "pt": _names(
        "Maria, Ana, Beatriz, Inês",
        "João, Tiago, Miguel, Rui",
        "Silva, Santos, Ferreira, Pereira, Oliveira, Costa",
    ),
    "ro": _names(
        "Maria, Elena, Ioana, Andreea",
        "Andrei, Mihai, Alexandru, Ion",
        "Popescu, Ionescu, Popa, Constantin, Stan, Dumitru",
    ),
    "sk": _names(
        "Jana, Zuzana, Katarína, Lucia",
        "Peter, Martin, Michal, Juraj",
        "Horváth/Horváthová, Kováč/Kováčová, Varga/Vargová, Tóth/Tóthová, Nagy/Nagyová, "
        "Baláž/Balážová",
    ),
    "sl": _names(
        "Maja, Nina, Eva, Mojca",
        "Luka, Matej, Jure, Rok",
        "Novak, Horvat, Kovačič, Krajnc, Zupančič, Potočnik",
    ),
    "sq": _names(
        "Arta, Elira, Jonida, Mimoza",
        "Arben, Besnik, Dritan, Gentian",
        "Hoxha, Shehu, Gjoka, Leka, Dervishi, Kola",
    ),
    "sr": _names(
        "Марија, Јелена, Милица, Ана",
        "Никола, Марко, Стефан, Милош",
        "Јовановић, Петровић, Николић, Марковић, Ђорђевић, Стојановић",
    ),
    "sv": _names(
        "Anna, Maja, Elsa, Karin",
        "Erik, Lars, Oskar, Johan",
        "Andersson, Johansson, Karlsson, Nilsson, Eriksson, Lindqvist",
    ),
    "tr": _names(
        "Ayşe, Elif, Zeynep, Emine",
        "Mehmet, Mustafa, Ahmet, Hüseyin",
        "Yılmaz, Kaya, Demir, Şahin, Çelik, Öztürk",
    ),
    "uk": _names(
        "Олена, Оксана, Наталія, Ірина",
        "Олександр, Андрій, Тарас, Дмитро",
        "Шевченко, Коваленко, Бондаренко, Ткаченко, Мельник, Бойко",
    ),
}

FAMILY_NAME_FIRST = frozenset({"hu"})

_PASSWORD_WORDS = (
    "harbour", "lantern", "meadow", "compass", "willow", "beacon", "orchard", "pebble",
    "thistle", "glacier", "candle", "meridian", "bramble", "falcon", "juniper", "anchor",
    "saffron", "harvest", "lighthouse", "river", "summit", "clover", "timber", "marble",
    "voyage", "cobble", "heather", "quarry", "sparrow", "tundra", "violet", "walnut",
)  # fmt: skip


@dataclass(frozen=True)
class DemoOrganisation:
    slug: str
    name: str
    kind: OrganisationKind
    country: str
    languages: tuple[str, ...]
    time_zone: str
    mail_domain: str
    roles: tuple[Role, ...]


def _hotline_organisation(country: Country) -> DemoOrganisation:
    kind = OrganisationKind.NATIONAL_HOTLINE
    return DemoOrganisation(
        slug=country.code.lower(),
        name=f"Demo Hotline {country.name}",
        kind=kind,
        country=country.code,
        languages=country.languages,
        time_zone=country.time_zone,
        mail_domain=f"{country.code.lower()}.{DOMAIN}",
        roles=tuple(roles_for_kind(kind)),
    )


NETWORK_OFFICE = DemoOrganisation(
    slug="network-office",
    name="Demo Network Office",
    kind=OrganisationKind.NETWORK_OFFICE,
    country="BE",
    languages=("en", "fr"),
    time_zone="Europe/Brussels",
    mail_domain=f"network.{DOMAIN}",
    roles=(Role.NETWORK_COORDINATOR, Role.ORG_ADMIN, Role.DPO),
)
MEDIATOR_NETWORK = DemoOrganisation(
    slug="mediator-network",
    name="Demo Mediator Network",
    kind=OrganisationKind.MEDIATOR_NETWORK,
    country="",
    languages=("en", "fr", "de"),
    time_zone="Europe/Brussels",
    mail_domain=f"mediators.{DOMAIN}",
    roles=(Role.MEDIATOR_MANAGER, Role.ORG_ADMIN, Role.MEDIATOR),
)
ORGANISATIONS: tuple[DemoOrganisation, ...] = (
    *(_hotline_organisation(country) for country in COUNTRIES),
    NETWORK_OFFICE,
    MEDIATOR_NETWORK,
)
ORGANISATIONS_BY_SLUG = {organisation.slug: organisation for organisation in ORGANISATIONS}

_LOCAL_PARTS = {
    Role.OPERATOR: "operator",
    Role.SUPERVISOR: "supervisor",
    Role.ORG_ADMIN: "admin",
    Role.DPO: "dpo",
    Role.NETWORK_COORDINATOR: "coordinator",
    Role.MEDIATOR_MANAGER: "mediators",
    Role.MEDIATOR: "mediator",
}

Memberships = tuple[tuple[str, Role], ...]

# Someone in two organisations, to show the organisation switcher.
MULTI_ORGANISATION_EMAIL = f"multi@{DOMAIN}"
_MULTI_ORGANISATION_MEMBERSHIPS: Memberships = (("be", Role.SUPERVISOR), ("fr", Role.SUPERVISOR))

# The logins `homeward demo` prints after seeding (the multi-organisation user among them, as a
# supervisor in BE); --list prints them all.
HIGHLIGHTED_MEMBERSHIPS = frozenset(
    {
        *(("be", role) for role in roles_for_kind(OrganisationKind.NATIONAL_HOTLINE)),
        (NETWORK_OFFICE.slug, Role.NETWORK_COORDINATOR),
        (NETWORK_OFFICE.slug, Role.ORG_ADMIN),
        (MEDIATOR_NETWORK.slug, Role.MEDIATOR_MANAGER),
        (MEDIATOR_NETWORK.slug, Role.MEDIATOR),
    }
)


@dataclass(frozen=True)
class DemoLogin:
    email: str
    full_name: str
    password: str
    memberships: Memberships

    @property
    def is_highlighted(self) -> bool:
        return self.memberships[0] in HIGHLIGHTED_MEMBERSHIPS


def _accounts() -> list[tuple[str, Memberships]]:
    accounts: list[tuple[str, Memberships]] = [
        (f"{_LOCAL_PARTS[role]}@{organisation.mail_domain}", ((organisation.slug, role),))
        for organisation in ORGANISATIONS
        for role in organisation.roles
    ]
    accounts.append((MULTI_ORGANISATION_EMAIL, _MULTI_ORGANISATION_MEMBERSHIPS))
    return accounts


def full_name(rng: random.Random, languages: Sequence[str]) -> str:
    language = rng.choice(languages)
    names = NAMES[language]
    is_female = rng.random() < 0.5
    given = rng.choice(names.female if is_female else names.male)
    masculine, _, feminine = rng.choice(names.family).partition("/")
    family = (feminine or masculine) if is_female else masculine
    return f"{family} {given}" if language in FAMILY_NAME_FIRST else f"{given} {family}"


def password(rng: random.Random) -> str:
    return "-".join([*rng.sample(_PASSWORD_WORDS, 3), str(rng.randint(10, 99))])


def demo_logins(seed: int, shared_password: str | None = None) -> list[DemoLogin]:
    """Every demo login with its name and password as seeded; a pure function of its
    arguments. Each user's name is in a language of their (first) organisation."""
    names = random.Random(f"names-{seed}")
    passwords = random.Random(f"passwords-{seed}")
    return [
        DemoLogin(
            email=email,
            full_name=full_name(names, ORGANISATIONS_BY_SLUG[memberships[0][0]].languages),
            password=shared_password or password(passwords),
            memberships=memberships,
        )
        for email, memberships in _accounts()
    ]


_OPTIONAL_CHANNELS = (Channel.SMS, Channel.CHAT, Channel.EMAIL, Channel.SOCIAL_MEDIA)
_OFFICE_HOURS = ("Mon–Fri 09:00–17:00", "Mon–Sat 08:00–20:00", "Every day 08:00–22:00")
_PART_TIME_HOTLINES = 4


def _hotline(rng: random.Random, country: Country, *, part_time: bool) -> dict[str, object]:
    optional = rng.sample(_OPTIONAL_CHANNELS, rng.randint(1, len(_OPTIONAL_CHANNELS)))
    return {
        "name": f"116 000 {country.name} (demo)",
        "number_116000": "116 000",
        "other_numbers": [
            {"label": "From abroad", "number": f"+{country.dialling_code} 000 000 000"}
        ],
        "is_24_7": not part_time,
        "hours": rng.choice(_OFFICE_HOURS) if part_time else "",
        "channels": [
            channel.value
            for channel in Channel
            if channel == Channel.PHONE_116000 or channel in optional
        ],
        "languages": [*country.languages, *([] if "en" in country.languages else ["en"])],
    }


def hotline_details(seed: int) -> dict[str, dict[str, object]]:
    """The hotline of each country, keyed by country code; a pure function of the seed."""
    rng = random.Random(f"hotlines-{seed}")
    part_time = set(rng.sample([country.code for country in COUNTRIES], _PART_TIME_HOTLINES))
    return {
        country.code: _hotline(rng, country, part_time=country.code in part_time)
        for country in COUNTRIES
    }


def _create_organisation(organisation: DemoOrganisation) -> Organisation:
    return actions.create_organisation(
        acting_user=None,
        name=organisation.name,
        slug=organisation.slug,
        kind=organisation.kind,
        country=organisation.country,
        languages=list(organisation.languages),
        time_zone=organisation.time_zone,
    )


def seed_network(seed: int = DEFAULT_SEED, shared_password: str | None = None) -> list[DemoLogin]:
    """Create the whole demo network through the audited actions, in one transaction."""
    logins = demo_logins(seed, shared_password)
    with transaction.atomic():
        organisations = {org.slug: _create_organisation(org) for org in ORGANISATIONS}
        for code, details in hotline_details(seed).items():
            actions.save_hotline(
                acting_user=None, organisation=organisations[code.lower()], country=code, **details
            )
        for login in logins:
            for slug, role in login.memberships:
                actions.add_member(
                    acting_user=None,
                    organisation=organisations[slug],
                    email=login.email,
                    role=role,
                    full_name=login.full_name,
                    password=login.password,
                )
    return logins
