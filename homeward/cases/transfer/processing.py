"""The steps of an import's background task (tasks.py): claim the job, check every row, then,
unless it is a dry run, import all rows in one transaction through the case actions
(`open_case`, `log_contact`), which write their own per-record audit events; the import as a whole
is one more event, `cases.import`, in that same transaction. If any row fails, everything rolls
back and the job says which row and column failed.

Progress counters (`processed_rows`, `total_rows`, the transient states) are bookkeeping of the
job itself, not personal data: they are updated without an audit event. Every state in which a
job ends is audited."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from homeward.audit.actions import record_event
from homeward.cases import actions
from homeward.cases.models import ImportJob
from homeward.cases.transfer.checker import (
    case_arguments,
    contact_arguments,
    errors_from_validation,
)
from homeward.cases.transfer.columns import PROGRESS_EVERY, Kind
from homeward.cases.transfer.report import CheckedRow, Report, RowError
from homeward.cases.transfer.validation import valid_rows
from homeward.organisations.access import require_own, require_permission
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission

logger = logging.getLogger(__name__)


class ImportRowFailed(Exception):
    """A row that passed the checks was refused by an action: the import rolls back."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("a row was refused during the import")
        self.errors = errors


def check_job(membership: Membership, job: ImportJob) -> None:
    require_permission(membership, Permission.EDIT_CASES)
    require_own(membership, job.organisation_id, "import")


def uploader_membership(job: ImportJob) -> Membership | None:
    """The uploader's membership, if still active: the import acts as them."""
    return (
        Membership.objects.filter(
            user_id=job.created_by_id,
            organisation_id=job.organisation_id,
            is_active=True,
            organisation__is_active=True,
        )
        .select_related("organisation", "user")
        .first()
    )


def claim_job(job_id: int) -> ImportJob | None:
    """A waiting job, now being checked; None if another worker took it or it is gone."""
    with transaction.atomic():
        job = (
            ImportJob.objects.select_for_update()
            .select_related("organisation", "created_by")
            .filter(pk=job_id, state=ImportJob.State.PENDING)
            .first()
        )
        if job is None:
            return None
        job.state, job.processed_rows, job.errors = ImportJob.State.VALIDATING, 0, []
        job.save(update_fields=["state", "processed_rows", "errors"])
    return job


def set_progress(job: ImportJob, *, processed: int, total: int | None = None) -> None:
    changes: dict[str, Any] = {"processed_rows": processed}
    if total is not None:
        changes["total_rows"] = total
    ImportJob.objects.filter(pk=job.pk).update(**changes)
    job.processed_rows = processed
    if total is not None:
        job.total_rows = total


def record_check(*, job: ImportJob, report: Report) -> ImportJob:
    """The check's outcome: invalid (the file is dropped), valid, or valid and about to be
    imported. The actor is the uploader, on whose behalf the task runs."""
    valid = report.is_valid
    job.total_rows = report.total_rows
    job.processed_rows = report.total_rows
    job.errors = report.errors
    if not valid:
        job.state, job.content, job.finished_at = ImportJob.State.INVALID, b"", timezone.now()
    elif job.dry_run:
        job.state, job.finished_at = ImportJob.State.VALID, timezone.now()
    else:
        job.state = ImportJob.State.IMPORTING
        job.processed_rows = 0
    fields = ["state", "total_rows", "processed_rows", "errors", "content", "finished_at"]
    with transaction.atomic():
        job.save(update_fields=fields)
        record_event(
            actor=job.created_by,
            organisation=job.organisation,
            action="cases.import.check",
            target=job,
            fields=["state", "total_rows", "errors"],
        )
    # column names and counts only: a value may be a child's name and never goes to a log
    logger.info(
        "import %s checked: %s rows, %s errors in columns %s",
        job.pk,
        report.total_rows,
        report.error_count,
        sorted({str(e["column"]) for e in report.errors}),
    )
    return job


def fail_job(*, job: ImportJob, errors: list[dict[str, Any]]) -> ImportJob:
    """The import rolled back: nothing was written. The file is dropped."""
    job.state, job.errors, job.content = ImportJob.State.FAILED, errors, b""
    job.imported, job.finished_at = 0, timezone.now()
    with transaction.atomic():
        job.save(update_fields=["state", "errors", "content", "imported", "finished_at"])
        record_event(
            actor=job.created_by,
            organisation=job.organisation,
            action="cases.import.fail",
            target=job,
            fields=["state", "errors"],
        )
    logger.warning("import %s failed and rolled back: %s errors", job.pk, len(errors))
    return job


def _write_row(kind: str, membership: Membership, row: CheckedRow) -> None:
    if kind == Kind.CASES:
        case_fields, child = case_arguments(row.values)
        actions.open_case(membership=membership, children=[child], **case_fields)
    else:
        actions.log_contact(membership=membership, **contact_arguments(row.values))


def import_job(
    *,
    membership: Membership,
    job: ImportJob,
    on_progress: Callable[[int], None] | None = None,
) -> ImportJob:
    """All rows or none: one transaction, each row written by its case action. Raises
    `validation.InvalidFile` or `ImportRowFailed` (after rolling back) when a row fails."""
    check_job(membership, job)
    rows = valid_rows(job.kind, job.file_name, bytes(job.content), membership.organisation)
    used: set[str] = set()
    count = 0
    with transaction.atomic():
        for row in rows:
            try:
                _write_row(job.kind, membership, row)
            except ValidationError as error:
                raise ImportRowFailed(
                    errors_from_validation(job.kind, row.row, error, row.values)
                ) from None
            used.update(row.values)
            count += 1
            if on_progress is not None and count % PROGRESS_EVERY == 0:
                on_progress(count)
        job.state, job.imported, job.processed_rows = ImportJob.State.DONE, count, count
        job.total_rows, job.content, job.errors = count, b"", []
        job.finished_at = timezone.now()
        job.save(
            update_fields=[
                "state",
                "imported",
                "processed_rows",
                "total_rows",
                "content",
                "errors",
                "finished_at",
            ]
        )
        record_event(
            actor=membership.user,
            organisation=membership.organisation,
            action="cases.import",
            target=job,
            fields=sorted(used),
        )
    logger.info("import %s done: %s %s", job.pk, count, job.kind)
    return job
