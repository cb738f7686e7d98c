"""What the cases API handlers share: If-Match, and a child given by id or by its details."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Header

from homeward.cases import access
from homeward.core.handlers import named_in_body
from homeward.organisations.models import Membership

IF_MATCH: Any = Header(  # type: ignore[type-arg]  # ninja's shortcut, called as documented
    None,
    alias="If-Match",
    description="The ETag of the version you read: a change made since is refused (412).",
)
"""The optional If-Match header of a PATCH: without it, the fields sent are written."""


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
    child = named_in_body(
        f"{prefix}existing_child_id", lambda: access.access_child_by_id(membership, existing_id)
    )
    return {**data, "existing_child": child}
