"""What the cases API handlers share: who is asking, references in a body, audited reads."""

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Header

from homeward.audit.actions import record_read
from homeward.cases import access
from homeward.organisations.access import Actor
from homeward.organisations.models import Membership, User

T = TypeVar("T")

IF_MATCH: Any = Header(  # type: ignore[type-arg]  # ninja's shortcut, called as documented
    None,
    alias="If-Match",
    description="The ETag of the version you read: a change made since is refused (412).",
)
"""The optional If-Match header of a PATCH: without it, the fields sent are written."""


def who(request: HttpRequest) -> tuple[User, Membership]:
    """The acting user and their membership in the current organisation (else 403)."""
    actor: Actor = request.auth  # type: ignore[attr-defined]
    return actor.user, actor.require_membership()


def reference(field: str, fetch: Callable[[], T]) -> T:
    """An object named in a body: "not found" and "not yours" are one 422 naming the field
    (an object named in the URL is a 404 instead)."""
    try:
        return fetch()
    except Http404:
        raise ValidationError({field: _("No such record in this hotline.")}) from None


def child_input(membership: Membership, data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """A child for open_case / add_child_to_case: a new child's fields, or `existing_child_id`
    (with only this episode's `clothing`) for a repeat episode."""
    existing_id = data.pop("existing_child_id", None)
    if existing_id is None:
        return data
    mixed = sorted(set(data) - {"clothing"})
    if mixed:
        message = _("Give either existing_child_id or a new child's details, not both.")
        raise ValidationError({f"{prefix}{name}": message for name in mixed})
    child = reference(
        f"{prefix}existing_child_id", lambda: access.access_child_by_id(membership, existing_id)
    )
    return {**data, "existing_child": child}


def record(membership: Membership, action: str, target: models.Model, fields: list[str]) -> None:
    """Log a read of personal data in the audit trail."""
    record_read(
        actor=membership.user,
        organisation=membership.organisation,
        action=action,
        target=target,
        fields=fields,
    )
