"""The network office's reporting year: opened with a due date, hotlines that have not
submitted reminded by e-mail, locked once the report is final (no return of the year changes
after), unlocked with a reason."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.organisations.models import Membership, Organisation
from homeward.organisations.roles import OrganisationKind
from homeward.statistics.actions.common import (
    audit,
    locked_year,
    require_network_office,
    require_unlocked,
)
from homeward.statistics.models import AnnualReturn, Reminder, ReportingYear
from homeward.statistics.notify import submitters_of, tell_submitters

FIRST_YEAR = 2000


def open_year(*, membership: Membership, year: int, due_on: date) -> ReportingYear:
    """Hotlines may prepare and upload their returns for an open year, and submit them once it
    has ended. The due date falls after the year."""
    require_network_office(membership)
    this_year = timezone.now().year
    errors = {}
    if not FIRST_YEAR <= year <= this_year:
        errors["year"] = _("Give a year from %(first)s to %(last)s.") % {
            "first": FIRST_YEAR,
            "last": this_year,
        }
    elif due_on <= date(year, 12, 31):
        errors["due_on"] = _("Returns fall due after the year they report on.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if ReportingYear.objects.select_for_update().filter(year=year).exists():
            raise ValidationError({"year": _("%(year)s is already open.") % {"year": year}})
        reporting_year = ReportingYear.objects.create(
            year=year, due_on=due_on, opened_at=timezone.now(), opened_by=membership.user
        )
        audit(membership, "year.open", reporting_year, ["year", "due_on"])
    return reporting_year


def _hotlines_to_remind(year: int) -> list[Organisation]:
    """Active national hotlines whose return of the year is not submitted."""
    submitted = AnnualReturn.objects.filter(year=year, state=AnnualReturn.State.SUBMITTED).values(
        "organisation_id"
    )
    return list(
        Organisation.objects.filter(kind=OrganisationKind.NATIONAL_HOTLINE, is_active=True)
        .exclude(pk__in=submitted)
        .order_by("name")
    )


def remind_hotlines(*, membership: Membership, year: int) -> list[Reminder]:
    """An e-mail to the members of every hotline that has not submitted who may submit (its
    supervisors and administrators); each reminder is recorded with its time."""
    require_network_office(membership)
    with transaction.atomic():
        reporting_year = locked_year(year)
        require_unlocked(reporting_year)
        now = timezone.now()
        hotlines = _hotlines_to_remind(year)
        reminders = Reminder.objects.bulk_create(
            Reminder(
                reporting_year=reporting_year,
                organisation=hotline,
                sent_at=now,
                sent_by=membership.user,
                recipients=len(submitters_of(hotline.pk)),
            )
            for hotline in hotlines
        )
        audit(membership, "year.remind", reporting_year, ["reminders"])
        tell_submitters([hotline.pk for hotline in hotlines], year, "reminder")
    return reminders


def lock_year(*, membership: Membership, year: int) -> ReportingYear:
    """The year's report is final: no return of the year can change until it is unlocked."""
    require_network_office(membership)
    with transaction.atomic():
        reporting_year = locked_year(year)
        require_unlocked(reporting_year)
        reporting_year.locked_at, reporting_year.locked_by = timezone.now(), membership.user
        reporting_year.save(update_fields=["locked_at", "locked_by"])
        audit(membership, "year.lock", reporting_year, ["locked_at", "locked_by"])
    return reporting_year


def unlock_year(*, membership: Membership, year: int, reason: str) -> ReportingYear:
    """Opens a locked year to changes again, for a reason that stays on record."""
    require_network_office(membership)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the year must change after it was locked.")})
    with transaction.atomic():
        reporting_year = locked_year(year)
        if not reporting_year.is_locked:
            raise ValidationError({"year": _("%(year)s is not locked.") % {"year": year}})
        reporting_year.locked_at = reporting_year.locked_by = None
        reporting_year.unlocked_at, reporting_year.unlocked_by = timezone.now(), membership.user
        reporting_year.unlock_reason = reason.strip()
        fields = ["locked_at", "locked_by", "unlocked_at", "unlocked_by", "unlock_reason"]
        reporting_year.save(update_fields=fields)
        audit(membership, "year.unlock", reporting_year, fields)
    return reporting_year
