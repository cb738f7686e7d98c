"""The shapes the synthetic cases follow, after the published network figures (DOMAIN.md,
"What the annual figures report"): categories, ages, sex, duration, outcomes, cross-border
share, repeat episodes, channels. Both the demo seeded through the actions (cases.py) and the
bulk path for benchmarks (bulk.py) draw from here, so they share one picture.

Every name is a random pairing of common given and family names (network.NAMES, plus a few
names of children arriving from Arabic-, Dari- and Tigrinya-speaking regions, in Latin letters
and in their original script). No real child is described.
"""

from __future__ import annotations

import random
from itertools import accumulate
from typing import Generic, TypeVar

from homeward.cases.choices import (
    Caller,
    Category,
    ContactType,
    Outcome,
    Reason,
    RiskFactorKind,
    RiskGrade,
    Subcategory,
    Support,
)
from homeward.organisations.models import Channel

T = TypeVar("T")


class Weighted(Generic[T]):
    """A weighted choice with its cumulative weights computed once (the bulk path draws
    millions of times)."""

    def __init__(self, weights: dict[T, float]) -> None:
        self.values: list[T] = list(weights)
        self.cum: list[float] = list(accumulate(weights.values()))

    def __call__(self, rng: random.Random) -> T:
        return rng.choices(self.values, cum_weights=self.cum)[0]


# 2023: runaways ~66%, parental abductions ~18% (18–24% in 2022–23), criminal abductions
# under 0.5%, missing children in migration a few per cent (6% in 2023), lost or injured ~2%
# (1.6% in 2018), the rest otherwise missing.
CATEGORY = Weighted(
    {
        Category.RUNAWAY: 66.0,
        Category.PARENTAL_ABDUCTION: 19.0,
        Category.MIGRANT: 5.0,
        Category.CRIMINAL_ABDUCTION: 0.3,
        Category.LOST_INJURED: 2.5,
        Category.OTHERWISE_MISSING: 7.2,
    }
)
SUBCATEGORY: dict[str, Weighted[str]] = {
    Category.RUNAWAY: Weighted(
        {Subcategory.FROM_HOME: 70, Subcategory.FROM_CARE: 22, Subcategory.PUSHED_OUT: 8}
    ),
    Category.PARENTAL_ABDUCTION: Weighted(
        {Subcategory.NATIONAL: 58, Subcategory.INTERNATIONAL: 42}
    ),
    Category.MIGRANT: Weighted(
        {Subcategory.UNACCOMPANIED: 70, Subcategory.SEPARATED: 20, Subcategory.WITH_FAMILY: 10}
    ),
    Category.LOST_INJURED: Weighted({Subcategory.LOST: 80, Subcategory.INJURED: 20}),
}


def _ages(weights: dict[int, float]) -> Weighted[int]:
    return Weighted(weights)


# Runaways 6–17 peaking at 15; parental abductions peak at 6; migrant children mostly 14–17.
AGE: dict[str, Weighted[int]] = {
    Category.RUNAWAY: _ages(
        {6: 1, 7: 1, 8: 1, 9: 2, 10: 3, 11: 4, 12: 7, 13: 12, 14: 18, 15: 22, 16: 17, 17: 12}
    ),
    Category.PARENTAL_ABDUCTION: _ages(
        {
            0: 2,
            1: 4,
            2: 6,
            3: 8,
            4: 10,
            5: 12,
            6: 14,
            7: 12,
            8: 10,
            9: 8,
            10: 6,
            11: 5,
            12: 4,
            13: 3,
            14: 2,
            15: 1,
            16: 1,
            17: 1,
        }
    ),
    Category.MIGRANT: _ages({10: 1, 11: 1, 12: 2, 13: 3, 14: 5, 15: 8, 16: 12, 17: 12}),
    Category.CRIMINAL_ABDUCTION: _ages({a: 1 for a in range(3, 17)}),
    Category.LOST_INJURED: _ages({a: (3 if a < 10 else 1) for a in range(2, 16)}),
    Category.OTHERWISE_MISSING: _ages({a: (1 if a < 12 else 3) for a in range(6, 18)}),
}
# About 60% of runaways are girls; most unaccompanied migrant children are boys.
FEMALE_SHARE: dict[str, float] = {
    Category.RUNAWAY: 0.60,
    Category.PARENTAL_ABDUCTION: 0.50,
    Category.MIGRANT: 0.15,
    Category.CRIMINAL_ABDUCTION: 0.55,
    Category.LOST_INJURED: 0.45,
    Category.OTHERWISE_MISSING: 0.55,
}
# Cross-border: 14% in 2023. International parental abductions always are.
CROSS_BORDER: dict[str, float] = {
    Category.RUNAWAY: 0.045,
    Category.MIGRANT: 0.50,
    Category.CRIMINAL_ABDUCTION: 0.20,
    Category.LOST_INJURED: 0.01,
    Category.OTHERWISE_MISSING: 0.03,
}
# Share never found within the year (2018: 4% of runaways).
NOT_FOUND: dict[str, float] = {
    Category.RUNAWAY: 0.03,
    Category.PARENTAL_ABDUCTION: 0.10,
    Category.MIGRANT: 0.35,
    Category.CRIMINAL_ABDUCTION: 0.10,
    Category.LOST_INJURED: 0.01,
    Category.OTHERWISE_MISSING: 0.05,
}
# Duration until found, in bands: < 1 week 78%, 1 week–1 month 15%, the rest longer overall.
# Parental abductions last longer, so the others are shorter to keep the network's shares.
_SHORT = {(0, 6): 84.0, (7, 31): 11.0, (32, 183): 4.0, (184, 400): 1.0}
DURATION: dict[str, Weighted[tuple[int, int]]] = {
    **{c: Weighted(_SHORT) for c in Category.values},
    Category.PARENTAL_ABDUCTION: Weighted(
        {(0, 6): 55.0, (7, 31): 25.0, (32, 183): 15.0, (184, 400): 5.0}
    ),
}
DAYS_WITHIN_WEEK = Weighted({0: 30, 1: 28, 2: 15, 3: 10, 4: 7, 5: 6, 6: 4})
OUTCOME: dict[str, Weighted[str]] = {
    Category.RUNAWAY: Weighted(
        {
            Outcome.RETURNED: 45,
            Outcome.LOCATED_POLICE: 33,
            Outcome.FOUND_SAFE: 14,
            Outcome.FOUND_HARMED: 5,
            Outcome.LOCATED_PUBLICITY: 2.5,
            Outcome.FOUND_DECEASED: 0.2,
        }
    ),
    Category.PARENTAL_ABDUCTION: Weighted(
        {
            Outcome.FOUND_SAFE: 52,
            Outcome.LOCATED_POLICE: 40,
            Outcome.LOCATED_PUBLICITY: 5,
            Outcome.LOCATED_ALERT: 2,
            Outcome.FOUND_HARMED: 1,
        }
    ),
    Category.MIGRANT: Weighted(
        {
            Outcome.LOCATED_POLICE: 55,
            Outcome.FOUND_SAFE: 30,
            Outcome.RETURNED: 10,
            Outcome.FOUND_HARMED: 5,
        }
    ),
    Category.CRIMINAL_ABDUCTION: Weighted(
        {
            Outcome.LOCATED_POLICE: 50,
            Outcome.LOCATED_ALERT: 30,
            Outcome.FOUND_HARMED: 15,
            Outcome.FOUND_DECEASED: 5,
        }
    ),
    Category.LOST_INJURED: Weighted(
        {Outcome.FOUND_SAFE: 60, Outcome.LOCATED_POLICE: 25, Outcome.FOUND_HARMED: 15}
    ),
    Category.OTHERWISE_MISSING: Weighted(
        {Outcome.RETURNED: 40, Outcome.LOCATED_POLICE: 35, Outcome.FOUND_SAFE: 25}
    ),
}
HOW_FOUND = {
    Outcome.RETURNED: "Came back home on their own.",
    Outcome.LOCATED_POLICE: "Located by the police.",
    Outcome.FOUND_SAFE: "Found safe by the family.",
    Outcome.FOUND_HARMED: "Found and taken to hospital.",
    Outcome.LOCATED_PUBLICITY: "Recognised by a member of the public after the appeal.",
    Outcome.LOCATED_ALERT: "Located after the child alert.",
    Outcome.FOUND_DECEASED: "Found deceased.",
    Outcome.STILL_MISSING: "",
}
SUPPORT = Weighted(
    {
        (Support.RETURN_INTERVIEW,): 40,
        (Support.RETURN_INTERVIEW, Support.PSYCHOLOGICAL): 25,
        (Support.PSYCHOLOGICAL,): 10,
        (Support.SOCIAL,): 10,
        (Support.LEGAL, Support.MEDIATION): 5,
        (): 10,
    }
)
RISK: dict[str, Weighted[str]] = {
    Category.RUNAWAY: Weighted(
        {RiskGrade.VERY_LOW: 10, RiskGrade.LOW: 35, RiskGrade.MEDIUM: 40, RiskGrade.HIGH: 15}
    ),
    Category.PARENTAL_ABDUCTION: Weighted(
        {RiskGrade.VERY_LOW: 10, RiskGrade.LOW: 30, RiskGrade.MEDIUM: 40, RiskGrade.HIGH: 20}
    ),
    Category.MIGRANT: Weighted({RiskGrade.LOW: 10, RiskGrade.MEDIUM: 40, RiskGrade.HIGH: 50}),
    Category.CRIMINAL_ABDUCTION: Weighted({RiskGrade.MEDIUM: 10, RiskGrade.HIGH: 90}),
    Category.LOST_INJURED: Weighted({RiskGrade.LOW: 20, RiskGrade.MEDIUM: 50, RiskGrade.HIGH: 30}),
    Category.OTHERWISE_MISSING: Weighted(
        {RiskGrade.LOW: 30, RiskGrade.MEDIUM: 50, RiskGrade.HIGH: 20}
    ),
}
FACTORS: dict[str, tuple[str, ...]] = {
    Category.RUNAWAY: (
        RiskFactorKind.SELF_HARM, RiskFactorKind.SUBSTANCE_USE, RiskFactorKind.GROOMING,
        RiskFactorKind.EXPLOITATION, RiskFactorKind.VIOLENCE_AT_HOME, RiskFactorKind.FIRST_EPISODE,
        RiskFactorKind.OUT_OF_CHARACTER, RiskFactorKind.WEATHER_PLACE, RiskFactorKind.MEDICAL,
    ),
    Category.PARENTAL_ABDUCTION: (
        RiskFactorKind.AGE, RiskFactorKind.VIOLENCE_AT_HOME, RiskFactorKind.MEDICAL,
        RiskFactorKind.OTHER,
    ),
    Category.MIGRANT: (
        RiskFactorKind.TRAFFICKING, RiskFactorKind.EXPLOITATION, RiskFactorKind.AGE,
        RiskFactorKind.VULNERABILITY,
    ),
    Category.CRIMINAL_ABDUCTION: (RiskFactorKind.AGE, RiskFactorKind.OUT_OF_CHARACTER),
    Category.LOST_INJURED: (
        RiskFactorKind.AGE, RiskFactorKind.WEATHER_PLACE, RiskFactorKind.MEDICAL,
        RiskFactorKind.VULNERABILITY,
    ),
    Category.OTHERWISE_MISSING: (
        RiskFactorKind.OUT_OF_CHARACTER, RiskFactorKind.FIRST_EPISODE, RiskFactorKind.SELF_HARM,
    ),
}  # fmt: skip
FACTOR_SOURCES = (
    "Mother, by phone", "Father, by phone", "Care home staff", "Police officer on duty",
    "School teacher", "A friend, by chat", "Reception centre staff", "Operator's observation",
    "Social worker",
)  # fmt: skip
REASONS: dict[str, tuple[str, ...]] = {
    Category.RUNAWAY: (
        Reason.PROBLEMS_HOME, Reason.PROBLEMS_HOME, Reason.VIOLENCE, Reason.SCHOOL,
        Reason.MENTAL_HEALTH, Reason.SUBSTANCE_USE, Reason.GROOMING, Reason.EXPLOITATION,
    ),
    Category.MIGRANT: (Reason.TRAFFICKING, Reason.EXPLOITATION, Reason.MENTAL_HEALTH),
    Category.LOST_INJURED: (Reason.DISABILITY, Reason.MENTAL_HEALTH),
    Category.OTHERWISE_MISSING: (
        Reason.MENTAL_HEALTH, Reason.SCHOOL, Reason.GROOMING, Reason.DISABILITY,
    ),
}  # fmt: skip
SUMMARY: dict[str, tuple[str, ...]] = {
    Category.RUNAWAY: (
        "Left home after an argument and does not answer the phone.",
        "Did not come back to the care home after school.",
        "Told a friend they would not go home tonight.",
        "Left a note saying they needed time away.",
        "Was told to leave the house by a parent after a dispute.",
    ),
    Category.PARENTAL_ABDUCTION: (
        "Not returned by the other parent after a weekend visit.",
        "Taken abroad by a parent without the other parent's consent.",
        "The other parent stopped answering after the holidays.",
    ),
    Category.MIGRANT: (
        "Left the reception centre during the night.",
        "Did not come back after registering with the authorities.",
        "Separated from relatives on the way; last seen near the station.",
    ),
    Category.CRIMINAL_ABDUCTION: ("Seen getting into an unknown car near school.",),
    Category.LOST_INJURED: (
        "Lost sight of during a family outing.",
        "Did not come back from a walk; may be hurt.",
    ),
    Category.OTHERWISE_MISSING: (
        "Did not come home from school; no known reason.",
        "Missing since the afternoon; the family cannot explain why.",
    ),
}  # fmt: skip
TIMELINE_SHARES = (("police", 0.6), ("information", 0.35), ("support", 0.4), ("note", 0.3))
TIMELINE_NOTES = {
    "police": (
        "Police informed; a report was made at the local station.",
        "Police confirmed the report and gave a reference.",
    ),
    "information": (
        "A caller saw a young person matching the description at the bus station.",
        "A friend says the child posted from a city nearby.",
        "The school confirms the child was not in class.",
    ),
    "support": (
        "Parents offered psychological support.",
        "Information on mediation sent to the left-behind parent.",
        "Return interview offered.",
    ),
    "note": ("Family asked to call back with any news.", "Checked in with the family."),
}

# Contacts: 2022, 76% of contacts were calls.
CHANNEL = Weighted(
    {
        Channel.PHONE_116000: 70,
        Channel.PHONE_OTHER: 6,
        Channel.EMAIL: 7,
        Channel.CHAT: 6,
        Channel.SMS: 4,
        Channel.SOCIAL_MEDIA: 4,
        Channel.WALK_IN: 1,
        Channel.REFERRAL: 2,
    }
)
PHONES = (Channel.PHONE_116000, Channel.PHONE_OTHER)
# Contacts that are not about a case.
OTHER_CONTACT_TYPE = Weighted(
    {
        ContactType.INFORMATION: 40,
        ContactType.PREVENTION: 12,
        ContactType.SUPPORT: 18,
        ContactType.SILENT: 24,
        ContactType.OTHER: 6,
    }
)
RECORDING_HOTLINES = 0.62
"""About 38 % of hotlines do not record the caller's identity in detail (DOMAIN.md)."""
RECORDED = {True: (0.45, 0.7), False: (0.0, 0.06)}


def recorded_share(seed: int, country: str) -> float:
    """Of a hotline's contacts (silent ones aside), those where the caller agreed to their
    details being kept. Each hotline keeps its habit, in its history and in Homeward."""
    rng = random.Random(f"callers-{seed}-{country}")
    return rng.uniform(*RECORDED[rng.random() < RECORDING_HOTLINES])


CONTACT_NOTES = {
    ContactType.NEW_CASE: "Reported the disappearance.",
    ContactType.EXISTING_CASE: "News about the case.",
    ContactType.INFORMATION: "Asked how to report a missing child and what the police will do.",
    ContactType.PREVENTION: "Teenager thinking of leaving home; talked through options.",
    ContactType.SUPPORT: "Parent of a returned child, worried it will happen again.",
    ContactType.SILENT: "Silent call.",
    ContactType.OTHER: "Wrong number.",
}
CALLER: dict[str, Weighted[str]] = {
    Category.RUNAWAY: Weighted(
        {
            Caller.PARENT: 55,
            Caller.CARER: 15,
            Caller.POLICE: 10,
            Caller.PROFESSIONAL: 10,
            Caller.RELATIVE: 5,
            Caller.CHILD: 5,
        }
    ),
    Category.PARENTAL_ABDUCTION: Weighted(
        {Caller.PARENT: 85, Caller.RELATIVE: 10, Caller.PROFESSIONAL: 5}
    ),
    Category.MIGRANT: Weighted(
        {Caller.CARER: 50, Caller.PROFESSIONAL: 30, Caller.POLICE: 10, Caller.RELATIVE: 10}
    ),
    "": Weighted(
        {
            Caller.PUBLIC: 30,
            Caller.PARENT: 25,
            Caller.CHILD: 25,
            Caller.PROFESSIONAL: 10,
            Caller.OTHER: 10,
        }
    ),
}
CAPITALS = {
    "AL": "Tirana", "AT": "Wien", "BE": "Bruxelles", "BG": "София", "CH": "Bern",
    "CY": "Λευκωσία", "CZ": "Praha", "DE": "Berlin", "DK": "København", "EE": "Tallinn",
    "ES": "Madrid", "FI": "Helsinki", "FR": "Paris", "GR": "Αθήνα", "HR": "Zagreb",
    "HU": "Budapest", "IE": "Dublin", "IT": "Roma", "LT": "Vilnius", "LU": "Luxembourg",
    "LV": "Rīga", "MT": "Valletta", "NL": "Amsterdam", "PL": "Warszawa", "PT": "Lisboa",
    "RO": "București", "RS": "Београд", "SE": "Stockholm", "SI": "Ljubljana",
    "SK": "Bratislava", "UA": "Київ", "GB": "London", "TR": "Ankara", "MA": "Rabat",
}  # fmt: skip
NEIGHBOURS = ("DE", "FR", "IT", "ES", "PL", "RO", "NL", "BE", "AT", "GB", "UA", "TR", "MA")
"""Where a cross-border case's child is believed to be."""
PLACES = (
    "near the central station", "outside the school", "at a shopping centre", "at home",
    "in the park", "at the bus stop", "at a friend's house",
)  # fmt: skip

# Children arriving from elsewhere: name in Latin letters, in its original script, and the
# other spellings other systems wrote it in (so that cross-script search has work to do).
MigrantName = tuple[str, str, tuple[str, ...]]


def _migrant(spec: str) -> tuple[MigrantName, ...]:
    names = []
    for item in spec.split("; "):
        latin, original, *others = item.split("|")
        names.append((latin, original, tuple(others)))
    return tuple(names)


MIGRANT_NAMES: dict[str, dict[str, tuple[MigrantName, ...]]] = {
    "ar": {
        "male": _migrant(
            "Mohammed|محمد|Muhammad|Mohamed|Mohammad; Ahmad|أحمد|Ahmed; Omar|عمر|Umar; "
            "Yusuf|يوسف|Youssef|Yousef; Khaled|خالد|Khalid"
        ),
        "female": _migrant("Fatima|فاطمة|Fatma; Amina|أمينة|Aminah; Mariam|مريم|Maryam|Meryem"),
        "family": _migrant(
            "Hassan|حسن|Hasan; Ali|علي; Ibrahim|إبراهيم|Ebrahim; Abdullah|عبد الله|Abdallah; "
            "Mahmoud|محمود|Mahmud"
        ),
    },
    "prs": {
        "male": _migrant(
            "Mohammad|محمد|Mohammed|Muhammad; Ahmad|احمد|Ahmed; Hamid|حمید|Hameed; "
            "Farid|فرید|Fareed; Ali|علی"
        ),
        "female": _migrant("Zahra|زهرا|Zahraa; Maryam|مریم|Mariam; Shabnam|شبنم|Shabnum"),
        "family": _migrant(
            "Ahmadi|احمدی|Ahmady; Rahimi|رحیمی|Rahemi; Hosseini|حسینی|Husseini|Hussaini; "
            "Karimi|کریمی|Karimy; Sultani|سلطانی|Soltani"
        ),
    },
    "ti": {
        "male": _migrant(
            "Yonas|ዮናስ|Yohannes|Jonas; Dawit|ዳዊት|Dawid; Tesfay|ተስፋይ|Tesfaye; Mehari|መሓሪ|Mihari"
        ),
        "female": _migrant("Selam|ሰላም|Salam; Helen|ሄለን|Hellen; Senait|ሰናይት|Senayt"),
        "family": _migrant(
            "Tesfamariam|ተስፋማርያም|Tesfamariyam; Gebremedhin|ገብረመድህን|Ghebremedhin; "
            "Kidane|ኪዳነ|Kidan; Haile|ሃይለ|Hayle; Berhane|በርሀነ|Berhane"
        ),
    },
}
MIGRANT_ORIGINS = Weighted({"ar": 40, "prs": 35, "ti": 25})
MIGRANT_NATIONALITY = {"ar": ("SY", "IQ", "SD", "MA"), "prs": ("AF",), "ti": ("ER",)}
MIGRANT_SOURCES = ("Reception centre registration", "Police report", "Police record abroad")
