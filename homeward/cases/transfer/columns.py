"""The documented import templates (docs/import-export.md): every column of each kind, whether
it is required, its format and, for enumerations, the allowed values. The template files offered
for download are built from these definitions, so the documentation, the template and the
validation cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from homeward.cases.choices import Caller, Category, ContactType, Sex, Subcategory
from homeward.organisations.models import Channel

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
MAX_ERRORS = 5_000  # errors kept in the report; the rest are counted
MAX_XLSX_UNPACKED_BYTES = 200 * 1024 * 1024  # a zip bomb is refused before it is read
PROGRESS_EVERY = 100  # rows between two progress updates
MAX_DURATION_SECONDS = 24 * 60 * 60
NAME_SEPARATOR = ";"
LEGACY_PREFIX = "Legacy reference: "


class Kind(StrEnum):
    CASES = "cases"
    CONTACTS = "contacts"


class Format(StrEnum):
    TEXT = "text"
    DATE = "date"  # YYYY-MM-DD
    DATETIME = "datetime"  # YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or with T, optional offset
    INTEGER = "integer"
    YEAR = "year"
    CHOICE = "choice"
    COUNTRY = "country"
    LANGUAGE = "language"
    NAMES = "names"  # several values separated by ";"


@dataclass(frozen=True)
class Column:
    name: str
    format: Format
    description: Promise
    example: str
    required: bool = False
    max_length: int | None = None
    choices: type[models.TextChoices] | None = None
    # a child's name: its value may be shown to the uploader, never written to a log
    is_name: bool = False

    @property
    def allowed(self) -> list[str]:
        return list(self.choices.values) if self.choices else []


CASE_COLUMNS: tuple[Column, ...] = (
    Column(
        "reference",
        Format.TEXT,
        _(
            "The case's reference in the old system. The case gets a new Homeward reference; "
            "this one is kept at the start of the summary as “Legacy reference: …”."
        ),
        "OLD-2023-0042",
        max_length=64,
    ),
    Column(
        "category",
        Format.CHOICE,
        _("The 116 000 category."),
        "runaway",
        required=True,
        choices=Category,
    ),
    Column(
        "subcategory",
        Format.CHOICE,
        _("Must belong to the category."),
        "from_care",
        choices=Subcategory,
    ),
    Column(
        "reported_at",
        Format.DATETIME,
        _(
            "When the disappearance was reported, in the hotline's time zone unless an "
            "offset is given."
        ),
        "2023-05-14 18:30",
        required=True,
    ),
    Column("disappeared_on", Format.DATE, _("The day the child disappeared."), "2023-05-13"),
    Column(
        "last_seen_country",
        Format.COUNTRY,
        _("ISO 3166-1 alpha-2 country code."),
        "BE",
    ),
    Column("last_seen_locality", Format.TEXT, _("Town or city."), "Liège", max_length=200),
    Column(
        "child_given_names",
        Format.TEXT,
        _("At least one of the given names, family name or original-script name is needed."),
        "Mila",
        max_length=200,
        is_name=True,
    ),
    Column(
        "child_family_name", Format.TEXT, _("Family name."), "Exemple", max_length=200, is_name=True
    ),
    Column("child_sex", Format.CHOICE, _("Empty means unknown."), "female", choices=Sex),
    Column(
        "child_birth_date",
        Format.DATE,
        _("Exact date of birth. Give this or the birth year, not both."),
        "2009-02-27",
    ),
    Column(
        "child_birth_year",
        Format.YEAR,
        _("Year of birth when the exact date is not known."),
        "",
    ),
    Column(
        "child_original_script_name",
        Format.TEXT,
        _("The name in the script it was given in."),
        "",
        max_length=200,
        is_name=True,
    ),
    Column(
        "child_other_names",
        Format.NAMES,
        _("Aliases and other spellings, separated by semicolons."),
        "Milla; Mila E.",
        max_length=200,
        is_name=True,
    ),
    Column(
        "police_reference",
        Format.TEXT,
        _("The national police reference."),
        "PV-SYN-0001",
        max_length=64,
    ),
    Column(
        "summary",
        Format.TEXT,
        _("What happened, in a few sentences."),
        "Synthetic example: did not return to the care home after school.",
        max_length=10_000,
    ),
)

CONTACT_COLUMNS: tuple[Column, ...] = (
    Column(
        "started_at",
        Format.DATETIME,
        _("When the contact started, in the hotline's time zone unless an offset is given."),
        "2023-05-14 18:25",
        required=True,
    ),
    Column(
        "channel",
        Format.CHOICE,
        _("How the contact came in."),
        "phone_116000",
        required=True,
        choices=Channel,
    ),
    Column(
        "caller",
        Format.CHOICE,
        _("Who contacted the hotline."),
        "parent",
        required=True,
        choices=Caller,
    ),
    Column(
        "contact_type",
        Format.CHOICE,
        _("What the contact was about."),
        "information",
        required=True,
        choices=ContactType,
    ),
    Column(
        "language",
        Format.LANGUAGE,
        _("BCP 47 language tag, e.g. fr, nl-BE."),
        "fr",
        max_length=16,
    ),
    Column(
        "duration_seconds",
        Format.INTEGER,
        _("Whole seconds, at most 86400."),
        "420",
    ),
    Column(
        "notes",
        Format.TEXT,
        _("Notes on the contact (no caller details: they need the caller's consent)."),
        "Synthetic example: asked how to report a missing child.",
        max_length=10_000,
    ),
)

COLUMNS: dict[Kind, tuple[Column, ...]] = {Kind.CASES: CASE_COLUMNS, Kind.CONTACTS: CONTACT_COLUMNS}


def columns_of(kind: str) -> dict[str, Column]:
    return {column.name: column for column in COLUMNS[Kind(kind)]}


def example_row(kind: str) -> list[str]:
    return [column.example for column in COLUMNS[Kind(kind)]]
