"""What a request shares: the choice of fields, and the snapshot built from it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext as _

from homeward.cases.choices import Category, Sex, SisCategory, Subcategory
from homeward.cases.models import Case
from homeward.crossborder.choices import CASE_SHARE_FIELDS, CHILD_SHARE_FIELDS
from homeward.crossborder.models import SharingPolicy
from homeward.organisations.models import Organisation

PERSONAL_CASE_FIELDS = {"last_seen_description", "summary"}

# the shared fields whose value is a code of one of these choices (countries and languages aside)
SHARED_CHOICES: dict[str, type[models.TextChoices]] = {
    "category": Category,
    "subcategory": Subcategory,
    "sis_category": SisCategory,
    "sex": Sex,
}
COUNTRY_FIELDS = {"last_seen_country", "nationalities"}
LANGUAGE_FIELDS = {"languages"}


def field_key(*parts: object) -> str:
    return ".".join(str(p) for p in parts)


def shareable_fields(case: Case) -> list[str]:
    """Every key the sender may tick for this case."""
    keys = [field_key("case", name) for name in CASE_SHARE_FIELDS]
    for link in case.case_children.all():
        keys += [field_key("child", link.child_id, name) for name in CHILD_SHARE_FIELDS]
    return keys


def check_fields(case: Case, chosen: Iterable[str]) -> list[str]:
    allowed = set(shareable_fields(case))
    chosen = sorted(set(chosen))
    unknown = [key for key in chosen if key not in allowed]
    if unknown:
        raise ValidationError(
            {"shared_fields": _("Unknown field to share: %(f)s") % {"f": ", ".join(unknown)}}
        )
    return chosen


def shares_personal_data(chosen: Iterable[str]) -> bool:
    return any(
        key.startswith("child.") or key.removeprefix("case.") in PERSONAL_CASE_FIELDS
        for key in chosen
    )


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def build_snapshot(
    case: Case, chosen: list[str]
) -> tuple[dict[str, Any], dict[str, ContentFile[bytes]]]:
    """The shared values, and copies of shared photos (the receiver never reads the original).
    A value with a choice is kept as its code (`runaway`, `FR`, `uk`): each reader sees it in
    their own language (`SHARED_CHOICES`), never in the sender's."""
    wanted = set(chosen)
    data: dict[str, Any] = {"case": {}, "children": []}
    for name in CASE_SHARE_FIELDS:
        if field_key("case", name) in wanted:
            data["case"][name] = _plain(getattr(case, name))
    photos: dict[str, ContentFile[bytes]] = {}
    for link in case.case_children.select_related("child").prefetch_related("child__other_names"):
        child = link.child
        fields: dict[str, Any] = {}
        for name in CHILD_SHARE_FIELDS:
            if field_key("child", child.pk, name) not in wanted:
                continue
            if name == "other_names":
                fields[name] = [n.value for n in child.other_names.all()]
            elif name == "clothing":
                fields[name] = link.clothing
            elif name == "photo":
                if child.photo:
                    with child.photo.open("rb") as original:
                        photos[f"child-{child.pk}"] = ContentFile(original.read())
                    fields[name] = True
            else:
                fields[name] = _plain(getattr(child, name))
        if fields:
            data["children"].append({"key": f"child-{child.pk}", "fields": fields})
    return data, photos


def needs_approval(organisation: Organisation, shared_fields: list[str]) -> bool:
    """Personal data leaves only with a supervisor's approval, unless the organisation chose
    otherwise."""
    policy = SharingPolicy.objects.filter(organisation=organisation).first()
    requires = policy.requires_approval if policy else True
    return requires and shares_personal_data(shared_fields)
