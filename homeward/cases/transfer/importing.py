"""The import actions an operator takes. An upload creates an ImportJob (audited) and queues its
background task (tasks.py), whose steps (processing.py) check every row and, unless it is a dry
run, import all rows in one transaction; starting the import of a checked file queues it again."""

from __future__ import annotations

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from homeward.audit.actions import record_event
from homeward.cases.models import ImportJob
from homeward.cases.transfer.columns import MAX_FILE_BYTES, Kind
from homeward.cases.transfer.processing import check_job
from homeward.cases.transfer.tasks import process_import
from homeward.organisations.access import require_permission
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission

RUNNING_STATES = (ImportJob.State.PENDING, ImportJob.State.VALIDATING, ImportJob.State.IMPORTING)


def upload_import(
    *,
    membership: Membership,
    kind: str,
    file_name: str,
    content: bytes,
    dry_run: bool,
) -> ImportJob:
    """Keeps the uploaded file in a new job and queues its check (and import) on commit."""
    require_permission(membership, Permission.EDIT_CASES)
    if kind not in {k.value for k in Kind}:
        raise ValidationError({"kind": _("Choose cases or contacts.")})
    if not content:
        raise ValidationError({"file": _("The file is empty.")})
    if len(content) > MAX_FILE_BYTES:
        raise ValidationError(
            {"file": _("The file is larger than %(mb)s MB.") % {"mb": MAX_FILE_BYTES // 2**20}}
        )
    with transaction.atomic():
        job = ImportJob.objects.create(
            organisation=membership.organisation,
            created_by=membership.user,
            kind=kind,
            file_name=PurePath(file_name).name[:255] or "upload",
            content=content,
            dry_run=dry_run,
        )
        record_event(
            actor=membership.user,
            organisation=membership.organisation,
            action="cases.import.upload",
            target=job,
            fields=["kind", "file_name", "content", "dry_run"],
        )
        transaction.on_commit(lambda: process_import.enqueue(job.pk))
    return job


def start_import(*, membership: Membership, job: ImportJob) -> ImportJob:
    """Imports a file whose dry run passed: it is checked again, then imported."""
    check_job(membership, job)
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.state != ImportJob.State.VALID or not job.dry_run or not job.content:
            raise ValidationError({"state": _("Only a checked file can be imported.")})
        job.dry_run, job.state = False, ImportJob.State.PENDING
        job.processed_rows, job.finished_at = 0, None
        job.save(update_fields=["dry_run", "state", "processed_rows", "finished_at"])
        record_event(
            actor=membership.user,
            organisation=membership.organisation,
            action="cases.import.start",
            target=job,
            fields=["dry_run", "state"],
        )
        transaction.on_commit(lambda: process_import.enqueue(job.pk))
    return job
