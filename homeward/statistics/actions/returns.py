"""A hotline's annual return: prepared from its Homeward data or uploaded from another system
(either replaces a draft), submitted once its year is over, withdrawn while the year is not
locked; the network office may reopen a submitted return, with its reason."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.organisations.access import require_own
from homeward.organisations.models import Membership
from homeward.statistics import compute
from homeward.statistics.actions.common import (
    audit,
    locked_year,
    require_hotline,
    require_network_office,
    require_unlocked,
    year_is_over,
)
from homeward.statistics.catalogue import MINIMUM_SET
from homeward.statistics.figures import Figures, breakdown_key
from homeward.statistics.models import AnnualReturn, ReportingYear, ReturnValue
from homeward.statistics.notify import tell_submitters
from homeward.statistics.returns.validation import check_upload

ONE_DECIMAL = Decimal("0.1")
DRAFT_FIELDS = ["source", "prepared_at", "prepared_by", "file_name", "values"]
MAX_FILE_NAME = 200


def prepare_return(*, membership: Membership, year: int) -> AnnualReturn:
    """The draft computed from the hotline's own data (replacing any draft)."""
    require_hotline(membership)
    _check_year_open(year)
    figures = compute.annual_figures(membership.organisation, year)
    return _store_draft(membership, year, AnnualReturn.Source.COMPUTED, figures, "")


def upload_return(
    *, membership: Membership, year: int, file_name: str, content: bytes
) -> AnnualReturn:
    """The draft read from a file (replacing any draft). Every cell is checked first; if any
    fails, nothing is stored and `ReturnRefused` names each cell."""
    require_hotline(membership)
    _check_year_open(year)
    figures = check_upload(file_name, content)
    name = file_name.replace("\\", "/").rsplit("/", 1)[-1][:MAX_FILE_NAME]
    return _store_draft(membership, year, AnnualReturn.Source.UPLOADED, figures, name)


def submit_return(
    *, membership: Membership, annual_return: AnnualReturn, note: str = ""
) -> AnnualReturn:
    """A draft of an open, unlocked year that has ended goes to the network office; it is
    read-only from then on (unless withdrawn, or reopened by the network office)."""
    require_hotline(membership)
    require_own(membership, annual_return.organisation_id, "annual return")
    with transaction.atomic():
        reporting_year = locked_year(annual_return.year)
        require_unlocked(reporting_year)
        row = AnnualReturn.objects.select_for_update().get(pk=annual_return.pk)
        if row.state != AnnualReturn.State.DRAFT:
            raise ValidationError({"state": _("This return is already submitted.")})
        if not year_is_over(membership.organisation, row.year):
            raise ValidationError(
                {
                    "year": _(
                        "%(year)s is not over yet: a return is submitted once its year has ended."
                    )
                    % {"year": row.year}
                }
            )
        held = set(row.values.values_list("indicator", flat=True).distinct())
        missing = [i.code for i in MINIMUM_SET if i.code not in held]
        if missing:
            raise ValidationError(
                {
                    "values": _(
                        "The return lacks %(codes)s: caseload, age and sex are asked of every "
                        "hotline. Prepare it again or upload a complete file."
                    )
                    % {"codes": ", ".join(missing)}
                }
            )
        row.state = AnnualReturn.State.SUBMITTED
        row.submitted_at, row.submitted_by = timezone.now(), membership.user
        row.note = note.strip()
        row.save(update_fields=["state", "submitted_at", "submitted_by", "note"])
        audit(membership, "return.submit", row, ["state", "submitted_at", "submitted_by", "note"])
    return row


def withdraw_submission(*, membership: Membership, annual_return: AnnualReturn) -> AnnualReturn:
    """The hotline takes its submission back (a draft again) while the year is not locked."""
    require_hotline(membership)
    require_own(membership, annual_return.organisation_id, "annual return")
    with transaction.atomic():
        row = _submitted(annual_return)
        row.state = AnnualReturn.State.DRAFT
        row.submitted_at = row.submitted_by = None
        row.save(update_fields=["state", "submitted_at", "submitted_by"])
        audit(membership, "return.withdraw", row, ["state", "submitted_at", "submitted_by"])
    return row


def reopen_return(
    *, membership: Membership, annual_return: AnnualReturn, reason: str
) -> AnnualReturn:
    """The network office sends a submitted return back to its hotline as a draft, saying why
    (the hotline's submitters are told by e-mail)."""
    require_network_office(membership)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the hotline must look at its return again.")})
    with transaction.atomic():
        row = _submitted(annual_return)
        row.state = AnnualReturn.State.DRAFT
        row.submitted_at = row.submitted_by = None
        row.reopened_at, row.reopened_by = timezone.now(), membership.user
        row.reopen_reason = reason.strip()
        fields = [
            "state",
            "submitted_at",
            "submitted_by",
            "reopened_at",
            "reopened_by",
            "reopen_reason",
        ]
        row.save(update_fields=fields)
        audit(membership, "return.reopen", row, fields)
        tell_submitters([row.organisation_id], row.year, "reopened")
    return row


# --- helpers ---------------------------------------------------------------------------------


def _check_year_open(year: int) -> None:
    """Before the work of computing or checking a file: the year must be open and unlocked
    (checked again, under lock, when the draft is stored)."""
    reporting_year = ReportingYear.objects.filter(year=year).first()
    if reporting_year is None:
        raise ValidationError(
            {"year": _("The network office has not opened %(year)s for returns.") % {"year": year}}
        )
    require_unlocked(reporting_year)


def _submitted(annual_return: AnnualReturn) -> AnnualReturn:
    reporting_year = locked_year(annual_return.year)
    require_unlocked(reporting_year)
    row = AnnualReturn.objects.select_for_update().get(pk=annual_return.pk)
    if row.state != AnnualReturn.State.SUBMITTED:
        raise ValidationError({"state": _("This return is not submitted.")})
    return row


def _store_draft(
    membership: Membership, year: int, source: str, figures: Figures, file_name: str
) -> AnnualReturn:
    organisation = membership.organisation
    with transaction.atomic():
        reporting_year = locked_year(year)
        require_unlocked(reporting_year)
        row = (
            AnnualReturn.objects.select_for_update()
            .filter(organisation=organisation, year=year)
            .first()
        )
        if row is not None and row.state != AnnualReturn.State.DRAFT:
            raise ValidationError(
                {
                    "state": _(
                        "This return is submitted: withdraw the submission before replacing it."
                    )
                }
            )
        now = timezone.now()
        if row is None:
            row = AnnualReturn.objects.create(
                organisation=organisation,
                year=year,
                source=source,
                prepared_at=now,
                prepared_by=membership.user,
                file_name=file_name,
            )
        else:
            row.source, row.file_name = source, file_name
            row.prepared_at, row.prepared_by = now, membership.user
            row.save(update_fields=["source", "file_name", "prepared_at", "prepared_by"])
            ReturnValue.objects.filter(annual_return=row).delete()
        ReturnValue.objects.bulk_create(
            ReturnValue(
                annual_return=row,
                indicator=code,
                breakdown=breakdown_key(breakdown),
                value=value.quantize(ONE_DECIMAL),
            )
            for code, breakdown, value in figures
        )
        action = "return.prepare" if source == AnnualReturn.Source.COMPUTED else "return.upload"
        audit(membership, action, row, DRAFT_FIELDS)
    return row
