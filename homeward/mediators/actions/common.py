"""What every mediators action shares: the audit record, the checks of codes, and the rows
locked in an allowed state."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django_countries import countries as country_names

from homeward.audit.actions import record_event
from homeward.mediators.models import MediationRequest, Mediator
from homeward.organisations.access import require_own
from homeward.organisations.models import Membership, Organisation

LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")


def audit(
    membership: Membership | None,
    action: str,
    target: models.Model,
    fields: Iterable[str] = (),
    *,
    organisation: Organisation | None = None,
) -> None:
    """An event of the acting member, or of the system (the public form, the yearly sweep)
    with the organisation concerned."""
    record_event(
        actor=membership.user if membership else None,
        organisation=membership.organisation if membership else organisation,
        action=f"mediators.{action}",
        target=target,
        fields=fields,
    )


def clean_country(value: str, field: str) -> str:
    code = str(value).strip().upper()
    if code not in dict(country_names):
        raise ValidationError(
            {field: _("“%(code)s” is not a country code (ISO 3166-1 alpha-2).") % {"code": value}}
        )
    return code


def clean_countries(values: Iterable[str], field: str) -> list[str]:
    codes: list[str] = []
    for value in values:
        code = clean_country(value, field)
        if code not in codes:
            codes.append(code)
    return codes


def clean_languages(values: Iterable[str], field: str, *, required: bool = True) -> list[str]:
    tags: list[str] = []
    for value in values:
        tag = str(value).strip().lower().replace("_", "-")
        if not tag:
            continue
        if not LANGUAGE_TAG.match(tag) or len(tag) > 16:
            raise ValidationError(
                {
                    field: _("“%(tag)s” is not a language tag (BCP 47, e.g. nl or pl).")
                    % {"tag": value}
                }
            )
        if tag not in tags:
            tags.append(tag)
    if required and not tags:
        raise ValidationError({field: _("Name at least one language.")})
    return tags


def locked_mediator(membership: Membership, mediator: Mediator, allowed: Iterable[str]) -> Mediator:
    require_own(membership, mediator.organisation_id, "mediator")
    row = Mediator.objects.select_for_update().get(pk=mediator.pk)
    if row.state not in allowed:
        raise ValidationError(
            {
                "state": _("Not possible while the profile is “%(state)s”.")
                % {"state": row.get_state_display()}
            }
        )
    return row


def locked_request(
    membership: Membership, request: MediationRequest, allowed: Iterable[str]
) -> MediationRequest:
    require_own(membership, request.organisation_id, "mediation request")
    row = MediationRequest.objects.select_for_update().get(pk=request.pk)
    if row.state not in allowed:
        raise ValidationError(
            {
                "state": _("Not possible while the mediation is “%(state)s”.")
                % {"state": row.get_state_display()}
            }
        )
    return row
