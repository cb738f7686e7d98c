"""What every appeals action shares: the appeal locked in an allowed state, checked to be the
acting member's, and the audit record."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django_countries import countries as country_names

from homeward.appeals.models import Appeal
from homeward.audit.actions import record_event
from homeward.cases.actions import add_timeline
from homeward.cases.choices import TimelineKind
from homeward.organisations.access import require_own
from homeward.organisations.models import Membership, Organisation


def locked(membership: Membership, appeal: Appeal, allowed: Iterable[str]) -> Appeal:
    """The appeal's row, locked for the transaction; another hotline's is a 404, a state it
    cannot be in for this action an error on `state`."""
    require_own(membership, appeal.organisation_id, "appeal")
    row = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if row.state not in allowed:
        raise ValidationError(
            {
                "state": _("Not possible while the appeal is “%(state)s”.")
                % {"state": row.get_state_display()}
            }
        )
    return row


def audit(
    membership: Membership | None,
    action: str,
    target: models.Model,
    fields: Iterable[str] = (),
    *,
    organisation: Organisation | None = None,
) -> None:
    """An event of the acting member, or of the system (the expiry task, a public
    registration) with the organisation concerned, if any."""
    record_event(
        actor=membership.user if membership else None,
        organisation=membership.organisation if membership else organisation,
        action=f"appeals.{action}",
        target=target,
        fields=fields,
    )


def on_timeline(appeal: Appeal, message: str, membership: Membership | None, **params: str) -> None:
    """An entry in the case's timeline (appeals/timeline.py), named by the child's first name
    on the appeal: a case can have several children, each their own appeal."""
    add_timeline(
        appeal.case,
        TimelineKind.PUBLICITY,
        actor=membership.user if membership else None,
        message=message,
        params={"name": appeal.first_name, **params},
    )


def clean_countries(values: Iterable[str], field: str = "countries") -> list[str]:
    codes: list[str] = []
    for value in values:
        code = str(value).strip().upper()
        if code not in dict(country_names):
            raise ValidationError(
                {
                    field: _("“%(code)s” is not a country code (ISO 3166-1 alpha-2).")
                    % {"code": value}
                }
            )
        if code not in codes:
            codes.append(code)
    if not codes:
        raise ValidationError({field: _("Choose at least one country.")})
    return codes
