"""The breakdowns an indicator is counted by, each a closed list of codes so that two hotlines
and an uploaded return count into the same cells. "_T" is the total over a dimension (the SDMX
convention); a cell's breakdown is one code per dimension of its indicator."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from homeward.alerts.choices import EndReason as AlertEndReason
from homeward.appeals.choices import EndReason as AppealEndReason
from homeward.cases.choices import (
    Category,
    ContactType,
    DurationBand,
    Outcome,
    Reason,
    Sex,
    Subcategory,
)
from homeward.crossborder.choices import RequestType
from homeward.organisations.models import Channel

TOTAL = "_T"
UNKNOWN = "unknown"
NOT_ENDED = "not_ended"
"""An alert or appeal still running when counted (its end reason is blank)."""


@dataclass(frozen=True)
class Dimension:
    code: str
    label: str | Promise
    values: tuple[tuple[str, str | Promise], ...]
    open: bool = False
    """Open dimensions (countries involved) take any ISO code; the others only their values."""

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(code for code, _label in self.values)

    def label_of(self, code: str) -> str:
        if code == TOTAL:
            return str(_("Total"))
        return str(dict(self.values).get(code, code))


def _of(
    choices: type[models.TextChoices], *extra: tuple[str, str | Promise]
) -> tuple[tuple[str, str | Promise], ...]:
    return (*((c.value, c.label) for c in choices), *extra)


CHANNEL = Dimension("channel", _("channel"), _of(Channel))
CONTACT_TYPE = Dimension("contact_type", _("contact type"), _of(ContactType))
CALLER_RECORDED = Dimension(
    "caller_recorded", _("caller's identity recorded"), (("yes", _("yes")), ("no", _("no")))
)
CATEGORY = Dimension("category", _("category"), _of(Category))
SUBCATEGORY = Dimension(
    "subcategory", _("subcategory"), _of(Subcategory, ("unspecified", _("Not specified")))
)
AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("0_5", 0, 5),
    ("6_9", 6, 9),
    ("10_12", 10, 12),
    ("13_15", 13, 15),
    ("16_17", 16, 17),
)
AGE_BAND = Dimension(
    "age_band",
    _("age"),
    (
        ("0_5", _("0–5")),
        ("6_9", _("6–9")),
        ("10_12", _("10–12")),
        ("13_15", _("13–15")),
        ("16_17", _("16–17")),
        ("18_plus", _("18 or older")),
        (UNKNOWN, _("Unknown")),
    ),
)
SEX = Dimension("sex", _("sex"), _of(Sex))
CROSS_BORDER = Dimension(
    "cross_border", _("cross-border"), (("yes", _("cross-border")), ("no", _("national")))
)
COUNTRY_INVOLVED = Dimension("country", _("other country involved"), (), open=True)
OUTCOME = Dimension("outcome", _("outcome"), _of(Outcome))
DURATION = Dimension("duration", _("time until found"), _of(DurationBand))
REPEAT = Dimension(
    "repeat", _("episode"), (("first", _("first episode")), ("repeat", _("repeat episode")))
)
REASON = Dimension("reason", _("reason or vulnerability"), _of(Reason))
CLOSED_CASE_REPORTED = Dimension(
    "reported", _("reported"), (("this_year", _("in the year")), ("earlier", _("earlier")))
)
REQUEST_TYPE = Dimension("request_type", _("request type"), _of(RequestType))
ACKNOWLEDGED = Dimension(
    "acknowledged",
    _("acknowledged"),
    (
        ("in_time", _("within the deadline")),
        ("late", _("after the deadline")),
        ("not_yet", _("not acknowledged")),
    ),
)
ALERT_END = Dimension(
    "alert_end",
    _("how the alert ended"),
    _of(AlertEndReason, (NOT_ENDED, _("Still active when counted"))),
)
APPEAL_END = Dimension(
    "appeal_end",
    _("how the appeal ended"),
    _of(AppealEndReason, (NOT_ENDED, _("Still published when counted"))),
)
