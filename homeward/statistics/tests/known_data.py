"""The known network's records, as plain lists: a Belgian hotline (Brussels time) and a
Portuguese one (Lisbon time, an hour behind in winter), a few dozen contacts, a dozen cases and
a few cross-border requests around the year 2025. known_network.py writes them through the real
actions; known_expected.py counts what 2025's figures must be from these lists alone. The
comments say what each record is there to exercise."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

ZONES = {"BE": "Europe/Brussels", "PT": "Europe/Lisbon"}


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# 2024-12-31 23:30 UTC is already 2025 in Brussels, still 2024 in Lisbon; 2025-12-31 23:30 UTC is
# 2026 in Brussels, still 2025 in Lisbon.
EVE_2025 = utc(2024, 12, 31, 23, 30)
EVE_2026 = utc(2025, 12, 31, 23, 30)


@dataclass(frozen=True)
class ContactSpec:
    org: str
    started: datetime
    channel: str
    contact_type: str
    caller_name: str = ""  # given only with the caller's consent
    consent: bool = False


@dataclass(frozen=True)
class ChildSpec:
    sex: str
    age: int | None
    """The age in whole years on the case's day, worked out by hand beside each child."""
    birth: dict[str, Any] = field(default_factory=dict)
    same_as: str = ""
    """The key of an earlier case whose (first) child this is: a repeat episode."""


@dataclass(frozen=True)
class ClosureSpec:
    decided: datetime
    outcome: str
    found_on: date | None = None
    reopened: datetime | None = None


@dataclass(frozen=True)
class CaseSpec:
    key: str
    org: str
    category: str
    subcategory: str
    reported: datetime
    disappeared: date | None
    children: tuple[ChildSpec, ...]
    reasons: tuple[str, ...] = ()
    last_seen: str = ""
    destination: str = ""
    flagged: bool = False
    previous_episodes: int = 0
    closures: tuple[ClosureSpec, ...] = ()


@dataclass(frozen=True)
class RequestSpec:
    case: str
    receiver: str
    request_type: str
    urgency: str
    sent: datetime | None
    acknowledged: datetime | None = None
    receiver_case: str = ""


def exact(day: date) -> dict[str, Any]:
    return {"birth_precision": "exact", "birth_date": day}


def year(born: int) -> dict[str, Any]:
    return {"birth_precision": "year", "birth_year": born}


def estimated(age: int, on: date) -> dict[str, Any]:
    return {"birth_precision": "estimated", "estimated_age": age, "age_estimated_on": on}


GIRL_2010 = ChildSpec("female", 14, exact(date(2010, 5, 20)))  # 14 on 2024-11-09

# fmt: off
CASES: tuple[CaseSpec, ...] = (
    # closed in 2024, reopened in 2025 and closed again: not carried over (closed on 1 January),
    # closed in 2025 as reported earlier; found 2025-02-20, 103 days after 2024-11-09
    CaseSpec("C1", "BE", "runaway", "from_home", utc(2024, 11, 10, 9), date(2024, 11, 9),
             (GIRL_2010,), last_seen="BE",
             closures=(ClosureSpec(utc(2024, 11, 20, 10), "returned", date(2024, 11, 12),
                                   reopened=utc(2025, 2, 1, 8)),
                       ClosureSpec(utc(2025, 3, 10, 10), "returned", date(2025, 2, 20)))),
    # open on 1 January (carried over); closed twice in 2025: counted once, by the last closure
    # (found 2025-06-20: 183 days after 2024-12-19, still "1 to 6 months")
    CaseSpec("C2", "BE", "runaway", "from_care", utc(2024, 12, 20, 9), date(2024, 12, 19),
             (ChildSpec("male", 15, year(2009)),), last_seen="BE",
             closures=(ClosureSpec(utc(2025, 1, 15, 10), "located_police", date(2025, 1, 5),
                                   reopened=utc(2025, 6, 1, 8)),
                       ClosureSpec(utc(2025, 7, 1, 10), "found_safe", date(2025, 6, 20)))),
    # closed and reopened before 1 January: carried over; not new
    CaseSpec("C3", "BE", "parental_abduction", "international", utc(2024, 10, 1, 9),
             date(2024, 9, 30), (ChildSpec("female", 7, exact(date(2017, 4, 2))),),
             last_seen="BE", destination="DE",
             closures=(ClosureSpec(utc(2024, 12, 1, 10), "still_missing",
                                   reopened=utc(2024, 12, 15, 8)),)),
    # reported at 00:30 on 1 January in Brussels (still 31 December in UTC): new in 2025; no day
    # of disappearance, so the age is taken on the local report day: 6 on 2025-01-01 (5 in UTC)
    CaseSpec("C4", "BE", "parental_abduction", "national", EVE_2025, None,
             (ChildSpec("male", 6, exact(date(2019, 1, 1))),), last_seen="BE"),
    # siblings with estimated ages: 16 (estimated 50 days before) and 18 (17, estimated 411 days
    # before); last seen in Italy; closed still missing (no time until found)
    CaseSpec("C5", "BE", "migrant", "unaccompanied", utc(2025, 3, 3, 9), date(2025, 3, 1),
             (ChildSpec("unknown", 16, estimated(16, date(2025, 1, 10))),
              ChildSpec("male", 18, estimated(17, date(2024, 1, 15)))),
             reasons=("trafficking", "exploitation"), last_seen="IT",
             closures=(ClosureSpec(utc(2025, 9, 1, 10), "still_missing"),)),
    # the girl of C1 again: a repeat episode; three reasons; found the next day
    CaseSpec("C6", "BE", "runaway", "from_home", utc(2025, 4, 10, 9), date(2025, 4, 9),
             (ChildSpec("female", 14, same_as="C1"),),
             reasons=("problems_home", "violence", "mental_health"), last_seen="BE",
             closures=(ClosureSpec(utc(2025, 4, 12, 10), "returned", date(2025, 4, 10)),)),
    # previous episodes recorded: a repeat; no date of birth: age unknown; a request about it is
    # sent at 23:30 UTC on 31 December 2025 (2026 in Brussels): cross-border all the same
    CaseSpec("C7", "BE", "runaway", "pushed_out", utc(2025, 5, 5, 9), date(2025, 5, 4),
             (ChildSpec("female", None),), reasons=("problems_home",), last_seen="BE",
             previous_episodes=2),
    # cross-border only because Portugal was asked to help; approved at 00:30 on 1 January 2026
    # in Brussels: not closed in 2025
    CaseSpec("C8", "BE", "criminal_abduction", "", utc(2025, 6, 6, 9), date(2025, 6, 6),
             (ChildSpec("female", 10, year(2015)),), last_seen="BE",
             closures=(ClosureSpec(EVE_2026, "located_police", date(2025, 12, 30)),)),
    # reported at 00:30 on 1 January 2026 in Brussels: not new in 2025
    CaseSpec("C9", "BE", "lost_injured", "lost", EVE_2026, date(2025, 12, 31),
             (ChildSpec("male", 3, exact(date(2022, 1, 1))),), last_seen="BE"),
    # marked cross-border with no other country recorded: "unknown"; 13 on its birthday; found
    # 7 days later, the first day of "1 week to 1 month"
    CaseSpec("C10", "BE", "otherwise_missing", "", utc(2025, 8, 8, 9), date(2025, 8, 8),
             (ChildSpec("other", 13, exact(date(2012, 8, 8))),), last_seen="BE", flagged=True,
             closures=(ClosureSpec(utc(2025, 8, 20, 10), "located_alert", date(2025, 8, 15)),)),
    # the child of C3 (a parental abduction, not a runaway case): a first runaway episode; last
    # seen in France; found harmed 22 days later
    CaseSpec("C11", "BE", "runaway", "from_home", utc(2025, 9, 9, 9), date(2025, 9, 8),
             (ChildSpec("female", 8, same_as="C3"),),
             reasons=("school", "substance_use", "grooming"), last_seen="FR",
             closures=(ClosureSpec(utc(2025, 10, 1, 10), "found_harmed", date(2025, 9, 30)),)),
    # years before: counts nowhere in 2025
    CaseSpec("C12", "BE", "runaway", "from_home", utc(2023, 5, 5, 9), date(2023, 5, 4),
             (ChildSpec("male", 12, year(2011)),), last_seen="BE",
             closures=(ClosureSpec(utc(2023, 6, 1, 10), "returned", date(2023, 5, 10)),)),
    # reported in 2026: counts nowhere in 2025
    CaseSpec("C13", "BE", "runaway", "from_home", utc(2026, 2, 1, 9), date(2026, 2, 1),
             (ChildSpec("female", 16, year(2010)),), last_seen="BE"),
    # reported at 23:30 on 31 December 2024 in Lisbon: not new in 2025, carried over; found
    # 2025-01-30, 31 days after 2024-12-30: the last day of "1 week to 1 month"
    CaseSpec("P1", "PT", "runaway", "from_home", EVE_2025, date(2024, 12, 30),
             (ChildSpec("female", 13, exact(date(2011, 2, 2))),), last_seen="PT",
             closures=(ClosureSpec(utc(2025, 2, 2, 10), "found_safe", date(2025, 1, 30)),)),
    # reported at 23:30 on 31 December 2025 in Lisbon: new in 2025; age on that local day: 15
    CaseSpec("P2", "PT", "runaway", "from_care", EVE_2026, None,
             (ChildSpec("male", 15, year(2010)),), last_seen="PT"),
    # destination Spain, and a request to Belgium: two other countries
    CaseSpec("P3", "PT", "parental_abduction", "international", utc(2025, 4, 2, 9),
             date(2025, 4, 1), (ChildSpec("female", 6, exact(date(2018, 6, 1))),),
             last_seen="PT", destination="ES", reasons=("problems_home",)),
    # the case Portugal opened to answer Belgium's request about C8: cross-border with Belgium;
    # three children, one of unknown age, one estimated 12 on the report day, two days after
    # the disappearance, so 11 then (as the case page counts: 12 + (-2 // 365))
    CaseSpec("P4", "PT", "criminal_abduction", "", utc(2025, 6, 8, 9), date(2025, 6, 6),
             (ChildSpec("female", 17, year(2008)), ChildSpec("male", None),
              ChildSpec("male", 11, estimated(12, date(2025, 6, 8)))),
             last_seen="PT"),
)

REQUESTS: tuple[RequestSpec, ...] = (
    # acknowledged after 150 minutes, within the 24 hours of a normal request; P4 answers it
    RequestSpec("C8", "PT", "locate", "normal", utc(2025, 6, 7, 10), utc(2025, 6, 7, 12, 30),
                receiver_case="P4"),
    # acknowledged after 48 hours: late
    RequestSpec("C5", "PT", "support", "normal", utc(2025, 3, 4, 9), utc(2025, 3, 6, 9)),
    # sent in 2026 for Brussels, received in 2025 for Lisbon; never acknowledged
    RequestSpec("C7", "PT", "police", "normal", EVE_2026),
    # a draft never sent: counts nowhere
    RequestSpec("P3", "BE", "support", "normal", None),
    # urgent, acknowledged after 30 minutes (of 120)
    RequestSpec("P3", "BE", "publicity", "urgent", utc(2025, 5, 5, 8), utc(2025, 5, 5, 8, 30)),
    # 2024: counts nowhere in 2025
    RequestSpec("C3", "PT", "mediation", "normal", utc(2024, 10, 2, 9), utc(2024, 10, 2, 11)),
)
# fmt: on

_CHANNELS = ("phone_116000", "phone_116000", "chat", "sms", "email", "phone_other")
_TYPES = ("information", "new_case", "prevention", "support", "silent", "other", "information")


def _contacts() -> tuple[ContactSpec, ...]:
    rows = [
        # the year's first minutes in Brussels, the old year's last in Lisbon
        ContactSpec("BE", EVE_2025, "phone_116000", "new_case", "Ana Example", True),
        ContactSpec("PT", EVE_2025, "phone_116000", "information"),
        # the new year's first minutes in Brussels, the year's last in Lisbon
        ContactSpec("BE", EVE_2026, "chat", "information"),
        ContactSpec("PT", EVE_2026, "social_media", "support", "Rui Example", True),
        # consent without any detail recorded: not "recorded"
        ContactSpec("BE", utc(2025, 2, 3, 10), "walk_in", "support", "", True),
        ContactSpec("BE", utc(2024, 6, 1, 10), "sms", "prevention"),
        ContactSpec("PT", utc(2026, 3, 1, 10), "email", "information"),
    ]
    for i in range(20):  # spread over 2025, every channel and type in turn
        consent = i % 4 == 0
        name = f"Caller {i}" if consent else ""
        moment = utc(2025, 1 + i % 12, 1 + i, 14)
        org = "BE" if i % 3 else "PT"
        rows.append(ContactSpec(org, moment, _CHANNELS[i % 6], _TYPES[i % 7], name, consent))
    return tuple(rows)


CONTACTS = _contacts()


def case_org(key: str) -> str:
    return next(spec.org for spec in CASES if spec.key == key)
