"""What the annual-return actions share: who may act (a hotline for its return, the network
office for the year), the reporting year locked for the change, and the audit record."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.audit.actions import record_event
from homeward.organisations.access import require_permission
from homeward.organisations.models import Membership, Organisation
from homeward.organisations.roles import OrganisationKind, Permission
from homeward.statistics.models import ReportingYear


def require_hotline(membership: Membership) -> None:
    """A member who may submit the return of a national hotline (only hotlines have one)."""
    require_permission(membership, Permission.SUBMIT_ANNUAL_RETURN)
    if membership.organisation.kind != OrganisationKind.NATIONAL_HOTLINE:
        raise PermissionDenied(_("Only a national hotline has an annual return."))


def require_network_office(membership: Membership) -> None:
    require_permission(membership, Permission.MANAGE_ANNUAL_RETURNS)
    if membership.organisation.kind != OrganisationKind.NETWORK_OFFICE:
        raise PermissionDenied(_("Only the network office runs the reporting years."))


def locked_year(year: int) -> ReportingYear:
    """The reporting year, locked for this transaction (a lock or a submission waits for the
    other); refused when the network office has not opened it."""
    reporting_year = ReportingYear.objects.select_for_update().filter(year=year).first()
    if reporting_year is None:
        raise ValidationError(
            {"year": _("The network office has not opened %(year)s for returns.") % {"year": year}}
        )
    return reporting_year


def require_unlocked(reporting_year: ReportingYear) -> None:
    if reporting_year.is_locked:
        raise ValidationError(
            {
                "year": _(
                    "%(year)s is locked: its returns can no longer change. Ask the network "
                    "office to unlock it."
                )
                % {"year": reporting_year.year}
            }
        )


def today_at(organisation: Organisation) -> date:
    return timezone.now().astimezone(ZoneInfo(organisation.time_zone or "UTC")).date()


def year_is_over(organisation: Organisation, year: int) -> bool:
    """Whether the year has ended where the hotline is."""
    return today_at(organisation).year > year


def audit(membership: Membership, action: str, target: models.Model, fields: list[str]) -> None:
    record_event(
        actor=membership.user,
        organisation=membership.organisation,
        action=f"statistics.{action}",
        target=target,
        fields=fields,
    )
