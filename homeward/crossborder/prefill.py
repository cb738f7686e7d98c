"""What a case opened from an incoming request is prefilled with: the children and case fields
of the latest snapshot the sender shared, and nothing more."""

from __future__ import annotations

from datetime import date
from typing import Any

from homeward.cases.choices import BirthPrecision
from homeward.crossborder.models import Snapshot

# what a snapshot holds as it is in a case (category and sex are the receiver's to choose)
COPIED_CHILD_FIELDS = (
    "given_names",
    "family_name",
    "original_script_name",
    "nationalities",
    "languages",
    "physical_description",
    "other_names",
    "clothing",
)
COPIED_CASE_FIELDS = ("last_seen_locality", "last_seen_description")


def shared_children(snapshot: Snapshot | None) -> list[dict[str, Any]]:
    """The children of a snapshot as a new case takes them: names, languages, description and
    the date of birth in whichever precision was shared."""
    children = []
    for entry in (snapshot.data if snapshot else {}).get("children", []):
        shared: dict[str, Any] = entry.get("fields", {})
        child = {name: shared[name] for name in COPIED_CHILD_FIELDS if shared.get(name)}
        if shared.get("birth_date"):
            child["birth_precision"] = BirthPrecision.EXACT
            child["birth_date"] = date.fromisoformat(str(shared["birth_date"]))
        elif shared.get("birth_year"):
            child["birth_precision"] = BirthPrecision.YEAR
            child["birth_year"] = int(shared["birth_year"])
        elif shared.get("estimated_age") and snapshot is not None:
            child["birth_precision"] = BirthPrecision.ESTIMATED
            child["estimated_age"] = int(shared["estimated_age"])
            child["age_estimated_on"] = snapshot.pushed_at.date()
        if any(child.get(n) for n in ("given_names", "family_name", "original_script_name")):
            children.append(child)
    return children
