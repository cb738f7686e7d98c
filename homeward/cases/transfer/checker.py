"""Checks one file's header and then each row's cells, column by column, and turns a row that
passes into the arguments of the case actions; nothing here writes."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_countries import countries

from homeward.cases.choices import SUBCATEGORIES, BirthPrecision, Category, Sex
from homeward.cases.models import Case, Child, Contact
from homeward.cases.transfer.columns import (
    LEGACY_PREFIX,
    MAX_DURATION_SECONDS,
    NAME_SEPARATOR,
    Column,
    Format,
    Kind,
    columns_of,
)
from homeward.cases.transfer.report import CheckedRow, RowError, shown
from homeward.core.dates import out_of_range_message, within_range
from homeward.core.tables import column_letter
from homeward.organisations.models import Organisation

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
INTEGER = re.compile(r"^\d+$")
YEAR = re.compile(r"^\d{4}$")
MAX_OTHER_NAMES = 20
CLOCK_SKEW = timedelta(minutes=5)

# model field -> column, to report what the model or an action says against the right column
CASE_FIELD_COLUMNS = {
    "category": "category",
    "subcategory": "subcategory",
    "reported_at": "reported_at",
    "disappeared_on": "disappeared_on",
    "last_seen_country": "last_seen_country",
    "last_seen_locality": "last_seen_locality",
    "police_reference": "police_reference",
    "summary": "summary",
}
CHILD_FIELD_COLUMNS = {
    "given_names": "child_given_names",
    "family_name": "child_family_name",
    "original_script_name": "child_original_script_name",
    "sex": "child_sex",
    "birth_precision": "child_birth_date",
    "birth_date": "child_birth_date",
    "birth_year": "child_birth_year",
    "other_names": "child_other_names",
    "children": "child_given_names",
}
CONTACT_FIELD_COLUMNS = {
    name: name
    for name in (
        "started_at",
        "channel",
        "caller",
        "contact_type",
        "language",
        "duration_seconds",
        "notes",
    )
}
FIELD_COLUMNS = {
    Kind.CASES: CASE_FIELD_COLUMNS | CHILD_FIELD_COLUMNS,
    Kind.CONTACTS: CONTACT_FIELD_COLUMNS,
}


def is_blank(cells: list[str]) -> bool:
    return not any(cell.strip() for cell in cells)


def _choice_lookup(column: Column) -> dict[str, str]:
    """Code or English label, case-insensitively -> code."""
    assert column.choices is not None
    lookup: dict[str, str] = {}
    with translation.override("en"):
        for code, label in column.choices.choices:
            lookup[str(label).casefold()] = code
    for code in column.choices.values:
        lookup[code.casefold()] = code
    return lookup


class Checker:
    """Checks one file's header and then its rows, one at a time (rows are streamed)."""

    def __init__(self, kind: str, organisation: Organisation, *, now: datetime | None = None):
        self.kind = Kind(kind)
        self.organisation = organisation
        self.columns = columns_of(kind)
        self.zone = ZoneInfo(organisation.time_zone or "UTC")
        self.now = now or timezone.now()
        self.today = self.now.astimezone(self.zone).date()
        self.positions: dict[str, int] = {}
        self.blank_positions: list[int] = []
        self.width = 0
        self.seen_references: dict[str, int] = {}
        self.missing_required = False
        self.lookups = {
            name: _choice_lookup(column)
            for name, column in self.columns.items()
            if column.format == Format.CHOICE
        }

    @property
    def present_columns(self) -> list[str]:
        return [name for name in self.columns if name in self.positions]

    # --- header ---------------------------------------------------------------------------

    def header(self, header: list[str]) -> list[RowError]:
        errors = []
        self.width = len(header)
        known = ", ".join(self.columns)
        for index, text in enumerate(header):
            name = text.strip().lower()
            if not name:
                self.blank_positions.append(index)
            elif name not in self.columns:
                errors.append(
                    RowError(
                        1,
                        shown(text),
                        "",
                        _("Unknown column. The columns of this template are: %(columns)s.")
                        % {"columns": known},
                    )
                )
            elif name in self.positions:
                errors.append(RowError(1, name, "", _("This column appears twice.")))
            else:
                self.positions[name] = index
        for name, column in self.columns.items():
            if column.required and name not in self.positions:
                self.missing_required = True
                errors.append(RowError(1, name, "", _("This required column is missing.")))
        return errors

    # --- rows ------------------------------------------------------------------------------

    def row(self, number: int, cells: list[str]) -> tuple[CheckedRow | None, list[RowError]]:
        errors: list[RowError] = []
        extra = [c for c in cells[self.width :] if c.strip()]
        if extra:
            errors.append(
                RowError(
                    number,
                    "",
                    shown(extra[0]),
                    _("This row has values beyond the last column of the header."),
                )
            )
        for index in self.blank_positions:
            if index < len(cells) and cells[index].strip():
                errors.append(
                    RowError(
                        number,
                        _("column %(letter)s (no header)") % {"letter": column_letter(index)},
                        shown(cells[index].strip()),
                        _("This column has no header: name it or remove it."),
                    )
                )
        values: dict[str, Any] = {}
        for name, column in self.columns.items():
            position = self.positions.get(name)
            if position is None:
                continue  # a missing column is reported once, on row 1
            text = cells[position].strip() if position < len(cells) else ""
            if not text:
                if column.required:
                    errors.append(RowError(number, name, "", _("This column is required.")))
                continue
            try:
                values[name] = self._parse(column, text)
            except ValidationError as error:
                errors.append(RowError(number, name, shown(text), " ".join(error.messages)))
        errors += self._consistency(number, values, cells)
        if not errors and not self.missing_required:
            errors += self._dry_construction(number, values)
        return (None if errors else CheckedRow(number, values)), errors

    def _parse(self, column: Column, text: str) -> Any:
        if column.format == Format.CHOICE:
            code = self.lookups[column.name].get(text.casefold())
            if code is None:
                raise ValidationError(
                    _("Unknown value. Allowed: %(values)s.") % {"values": ", ".join(column.allowed)}
                )
            return code
        if column.format == Format.DATE:
            return self._date(text)
        if column.format == Format.DATETIME:
            return self._datetime(text)
        if column.format == Format.INTEGER:
            if not INTEGER.match(text) or int(text) > MAX_DURATION_SECONDS:
                raise ValidationError(
                    _("Give a whole number from 0 to %(max)s.") % {"max": MAX_DURATION_SECONDS}
                )
            return int(text)
        if column.format == Format.YEAR:
            if not YEAR.match(text) or not 1900 <= int(text) <= self.today.year:
                raise ValidationError(
                    _("Give a year from 1900 to %(year)s.") % {"year": self.today.year}
                )
            return int(text)
        if column.format == Format.COUNTRY:
            code = text.upper()
            if len(code) != 2 or code not in countries:
                raise ValidationError(
                    _("Not an ISO 3166-1 alpha-2 country code (for example BE, FR).")
                )
            return code
        if column.format == Format.LANGUAGE:
            if not LANGUAGE_TAG.match(text) or len(text) > (column.max_length or 16):
                raise ValidationError(_("Not a BCP 47 language tag (for example fr, nl-BE)."))
            return text
        if column.format == Format.NAMES:
            names = [n.strip() for n in text.split(NAME_SEPARATOR) if n.strip()]
            if len(names) > MAX_OTHER_NAMES:
                raise ValidationError(
                    _("At most %(count)s other names.") % {"count": MAX_OTHER_NAMES}
                )
            if column.max_length and any(len(n) > column.max_length for n in names):
                raise ValidationError(
                    _("Each name has at most %(max)s characters.") % {"max": column.max_length}
                )
            return names
        if column.max_length and len(text) > column.max_length:
            raise ValidationError(
                _("At most %(max)s characters (this has %(length)s).")
                % {"max": column.max_length, "length": len(text)}
            )
        return text

    def _date(self, text: str) -> date:
        if not DATE.match(text):
            raise ValidationError(_("Write the date as YYYY-MM-DD (for example 2024-03-09)."))
        try:
            value = date.fromisoformat(text)
        except ValueError:
            raise ValidationError(_("This date does not exist.")) from None
        if not within_range(value):
            raise ValidationError(out_of_range_message())
        if value > self.today:
            raise ValidationError(_("This date is in the future."))
        return value

    def _datetime(self, text: str) -> datetime:
        if not DATETIME.match(text):
            raise ValidationError(
                _("Write the date and time as YYYY-MM-DD HH:MM (for example 2024-03-09 14:05).")
            )
        try:
            value = datetime.fromisoformat(text.replace(" ", "T"))
        except ValueError:
            raise ValidationError(_("This date or time does not exist.")) from None
        if not within_range(value):
            raise ValidationError(out_of_range_message())
        if timezone.is_naive(value):
            value = value.replace(tzinfo=self.zone)
        if value > self.now + CLOCK_SKEW:
            raise ValidationError(_("This time is in the future."))
        return value

    def _consistency(self, number: int, values: dict[str, Any], cells: list[str]) -> list[RowError]:
        """Rules across columns; each runs when the values it needs are valid."""
        if self.kind != Kind.CASES:
            return []
        errors = []
        category, subcategory = values.get("category"), values.get("subcategory")
        if category and subcategory and subcategory not in SUBCATEGORIES[category]:
            allowed = ", ".join(SUBCATEGORIES[category]) or _("none")
            errors.append(
                RowError(
                    number,
                    "subcategory",
                    subcategory,
                    _(
                        "This subcategory does not belong to the category “%(category)s”. "
                        "Allowed: %(allowed)s."
                    )
                    % {"category": category, "allowed": allowed},
                )
            )
        if "child_birth_date" in values and "child_birth_year" in values:
            errors.append(
                RowError(
                    number,
                    "child_birth_year",
                    str(values["child_birth_year"]),
                    _("Give the birth date or the birth year, not both."),
                )
            )
        name_columns = ("child_given_names", "child_family_name", "child_original_script_name")
        if not any(self._raw(cells, name) for name in name_columns):
            errors.append(
                RowError(
                    number,
                    "child_given_names",
                    "",
                    _("Give at least one name of the child (given, family or original script)."),
                )
            )
        born, gone = values.get("child_birth_date"), values.get("disappeared_on")
        if born and gone and born > gone:
            errors.append(
                RowError(
                    number,
                    "child_birth_date",
                    born.isoformat(),
                    _("The child was born after the day they disappeared."),
                )
            )
        reference = values.get("reference")
        if reference:
            first = self.seen_references.setdefault(reference.casefold(), number)
            if first != number:
                errors.append(
                    RowError(
                        number,
                        "reference",
                        shown(reference),
                        _("This reference is already on row %(row)s: one row is one case.")
                        % {"row": first},
                    )
                )
        return errors

    def _raw(self, cells: list[str], name: str) -> str:
        position = self.positions.get(name)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    def _dry_construction(self, number: int, values: dict[str, Any]) -> list[RowError]:
        """What the models themselves say (lengths, choices), before anything is written."""
        instances: list[Case | Child | Contact]
        if self.kind == Kind.CASES:
            case_fields, child = case_arguments(values)
            child_fields = {k: v for k, v in child.items() if k != "other_names"}
            instances = [
                Case(organisation=self.organisation, reference="import", **case_fields),
                Child(organisation=self.organisation, **child_fields),
            ]
        else:
            instances = [Contact(organisation=self.organisation, **contact_arguments(values))]
        errors: list[RowError] = []
        for instance in instances:
            try:
                instance.full_clean(
                    exclude=["organisation", "assigned_to", "photo", "case", "logged_by"],
                    validate_unique=False,
                    validate_constraints=False,
                )
            except ValidationError as error:
                errors += errors_from_validation(self.kind, number, error, values)
        return errors


def errors_from_validation(
    kind: str, number: int, error: ValidationError, values: dict[str, Any]
) -> list[RowError]:
    """A model's or an action's ValidationError, reported against the columns."""
    columns = FIELD_COLUMNS[Kind(kind)]
    if not hasattr(error, "error_dict"):
        return [RowError(number, "", "", " ".join(error.messages))]
    errors = []
    for name, messages in error.message_dict.items():
        column = columns.get(name, "")
        value = values.get(column, "") if column else ""
        text = ", ".join(value) if isinstance(value, list) else str(value)
        errors.append(RowError(number, column, shown(text), " ".join(messages)))
    return errors


# --- arguments of the actions ---------------------------------------------------------------


def case_arguments(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the case's fields for `open_case`, the one child's input)"""
    summary_parts = []
    if values.get("reference"):
        summary_parts.append(f"{LEGACY_PREFIX}{values['reference']}")
    if values.get("summary"):
        summary_parts.append(values["summary"])
    case_fields: dict[str, Any] = {
        "category": values.get("category", Category.OTHERWISE_MISSING),
        "subcategory": values.get("subcategory", ""),
        "reported_at": values.get("reported_at"),
        "disappeared_on": values.get("disappeared_on"),
        "last_seen_country": values.get("last_seen_country", ""),
        "last_seen_locality": values.get("last_seen_locality", ""),
        "police_reference": values.get("police_reference", ""),
        "summary": "\n\n".join(summary_parts),
    }
    child: dict[str, Any] = {
        "given_names": values.get("child_given_names", ""),
        "family_name": values.get("child_family_name", ""),
        "original_script_name": values.get("child_original_script_name", ""),
        "sex": values.get("child_sex", Sex.UNKNOWN),
    }
    if "child_birth_year" in values:
        child |= {"birth_precision": BirthPrecision.YEAR, "birth_year": values["child_birth_year"]}
    else:
        child |= {
            "birth_precision": BirthPrecision.EXACT,
            "birth_date": values.get("child_birth_date"),
        }
    if values.get("child_other_names"):
        child["other_names"] = list(values["child_other_names"])
    return case_fields, child


def contact_arguments(values: dict[str, Any]) -> dict[str, Any]:
    return {name: values[name] for name in CONTACT_FIELD_COLUMNS if name in values}
