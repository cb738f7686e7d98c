"""Export of the organisation's own cases (CSV, XLSX, JSON): an audited action, for roles with
the export permission only. Medical fields, photos and the reporter's contact details are never
exported. CSV and XLSX have one row per child in a case (siblings share the case's columns);
JSON has one object per case with its children."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from homeward.audit.actions import record_event
from homeward.cases.access import cases_of
from homeward.cases.choices import BirthPrecision
from homeward.cases.models import Case, Child
from homeward.core.dates import local
from homeward.core.tables import CONTENT_TYPES, Cell, csv_bytes, xlsx_bytes
from homeward.organisations.access import require_permission
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission

CASE_COLUMNS = (
    "reference",
    "status",
    "category",
    "subcategory",
    "reported_at",
    "disappeared_on",
    "last_seen_country",
    "last_seen_locality",
    "risk_grade",
    "is_cross_border",
    "police_reference",
    "summary",
    "closed_at",
)
CHILD_COLUMNS = (
    "given_names",
    "family_name",
    "original_script_name",
    "other_names",
    "sex",
    "birth_date",
    "birth_year",
)
TABLE_COLUMNS = CASE_COLUMNS + tuple(f"child_{name}" for name in CHILD_COLUMNS)
# never in an export, whatever the role (checked by the tests)
NEVER_EXPORTED = frozenset(
    {
        "vulnerabilities",
        "medical_notes",
        "photo",
        "reporter_name",
        "reporter_phone",
        "reporter_email",
    }
)


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"


@dataclass(frozen=True)
class ExportFilters:
    status: str = ""
    category: str = ""
    reported_from: date | None = None
    reported_to: date | None = None


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    content_type: str
    file_name: str
    count: int


def _cases(membership: Membership, filters: ExportFilters, zone: ZoneInfo) -> QuerySet[Case]:
    cases = cases_of(membership)
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.category:
        cases = cases.filter(category=filters.category)
    if filters.reported_from:
        start = datetime.combine(filters.reported_from, time.min, tzinfo=zone)
        cases = cases.filter(reported_at__gte=start)
    if filters.reported_to:
        end = datetime.combine(filters.reported_to + timedelta(days=1), time.min, tzinfo=zone)
        cases = cases.filter(reported_at__lt=end)
    return cases.order_by("reported_at", "pk").prefetch_related("case_children__child__other_names")


def _value(value: Any, zone: ZoneInfo) -> Cell:
    if isinstance(value, datetime):
        return local(value, zone).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _case_record(case: Case, zone: ZoneInfo) -> dict[str, Cell]:
    return {name: _value(getattr(case, name), zone) for name in CASE_COLUMNS}


def _child_record(child: Child) -> dict[str, Cell]:
    return {
        "given_names": child.given_names,
        "family_name": child.family_name,
        "original_script_name": child.original_script_name,
        "other_names": "; ".join(n.value for n in child.other_names.all()),
        "sex": child.sex,
        "birth_date": child.birth_date.isoformat()
        if child.birth_precision == BirthPrecision.EXACT and child.birth_date
        else None,
        "birth_year": child.birth_year if child.birth_precision == BirthPrecision.YEAR else None,
    }


def _records(cases: QuerySet[Case], zone: ZoneInfo) -> Iterator[dict[str, Any]]:
    for case in cases:
        record: dict[str, Any] = _case_record(case, zone)
        record["children"] = [_child_record(link.child) for link in case.case_children.all()]
        yield record


def _table_rows(records: list[dict[str, Any]]) -> Iterator[list[Cell]]:
    for record in records:
        case_cells = [record[name] for name in CASE_COLUMNS]
        for child in record["children"] or [dict.fromkeys(CHILD_COLUMNS)]:
            yield case_cells + [child[name] for name in CHILD_COLUMNS]


def export_cases(
    *,
    membership: Membership,
    file_format: str,
    filters: ExportFilters,
) -> ExportFile:
    """The organisation's own cases matching `filters`, as a file; the export is audited with
    the names of the columns it contains."""
    require_permission(membership, Permission.EXPORT_DATA)
    file_format = ExportFormat(file_format)
    organisation = membership.organisation
    zone = ZoneInfo(organisation.time_zone or "UTC")
    now = timezone.now()
    stamp = now.astimezone(zone).strftime("%Y%m%d-%H%M")
    with transaction.atomic():
        records = list(_records(_cases(membership, filters, zone), zone))
        if file_format == ExportFormat.JSON:
            columns = list(CASE_COLUMNS) + [f"children.{name}" for name in CHILD_COLUMNS]
            payload = {
                "organisation": organisation.slug,
                "exported_at": now.astimezone(zone).isoformat(timespec="seconds"),
                "count": len(records),
                "cases": records,
            }
            content = json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")
        elif file_format == ExportFormat.XLSX:
            columns = list(TABLE_COLUMNS)
            content = xlsx_bytes(TABLE_COLUMNS, _table_rows(records), title="cases")
        else:
            columns = list(TABLE_COLUMNS)
            content = csv_bytes(TABLE_COLUMNS, _table_rows(records))
        record_event(
            actor=membership.user,
            organisation=organisation,
            action="cases.export",
            object_type="cases.case",
            fields=columns,
        )
    return ExportFile(
        content=content,
        content_type=CONTENT_TYPES[file_format],
        file_name=f"{organisation.slug}-cases-{stamp}.{file_format}",
        count=len(records),
    )
