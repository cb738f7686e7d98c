"""The background task of an import, run by the task worker (`homeward worker`): check every
row, updating the progress as it goes, then (unless it is a dry run) import all rows or none."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django_tasks import task

from homeward.cases.models import ImportJob
from homeward.cases.transfer import processing
from homeward.cases.transfer.report import RowError
from homeward.cases.transfer.validation import InvalidFile, check_file, count_rows

logger = logging.getLogger(__name__)


def _failure(message: str) -> list[dict[str, object]]:
    return [RowError(1, "", "", message).as_dict()]


@task()
def process_import(job_id: int) -> str:
    claimed = processing.claim_job(job_id)
    if claimed is None:
        return "skipped"
    job: ImportJob = claimed
    content = bytes(job.content)
    processing.set_progress(job, processed=0, total=count_rows(job.file_name, content))
    report, _columns = check_file(
        job.kind,
        job.file_name,
        content,
        job.organisation,
        on_progress=lambda done: processing.set_progress(job, processed=done),
    )
    job = processing.record_check(job=job, report=report)
    if job.state != ImportJob.State.IMPORTING:
        return str(job.state)

    membership = processing.uploader_membership(job)
    if membership is None:
        processing.fail_job(
            job=job, errors=_failure(_("The member who uploaded the file is no longer active."))
        )
        return str(job.state)
    try:
        job = processing.import_job(
            membership=membership,
            job=job,
            on_progress=lambda done: processing.set_progress(job, processed=done),
        )
    except InvalidFile as invalid:
        processing.fail_job(job=job, errors=invalid.report.errors)
    except processing.ImportRowFailed as failed:
        processing.fail_job(job=job, errors=[e.as_dict() for e in failed.errors])
    except PermissionDenied:
        processing.fail_job(
            job=job, errors=_failure(_("The uploader's role no longer allows importing cases."))
        )
    except Exception:
        logger.exception("import %s stopped by an unexpected error", job.pk)
        processing.fail_job(
            job=job,
            errors=_failure(_("The import stopped on an unexpected error; nothing was written.")),
        )
        raise
    return str(job.state)
