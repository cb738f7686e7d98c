"""How the audit page names a case, a child and a contact: by the case reference, linked for a
reader who may open it. Registered with the audit app at start-up (apps.py)."""

from __future__ import annotations

from collections.abc import Collection

from django.urls import reverse
from django.utils.translation import gettext as _

from homeward.audit.objects import ObjectName, register
from homeward.cases.models import Case, CaseChild, Contact
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission


def _ids(ids: Collection[str]) -> list[int]:
    return [int(i) for i in ids if i.isdigit()]


def _may_open(membership: Membership) -> bool:
    return membership.has_perm(Permission.VIEW_CASES)


def name_cases(membership: Membership, ids: Collection[str]) -> dict[str, ObjectName]:
    rows = Case.objects.filter(organisation=membership.organisation, pk__in=_ids(ids))
    link = _may_open(membership)
    return {
        str(pk): ObjectName(reference, reverse("case_detail", args=[pk]) if link else None)
        for pk, reference in rows.values_list("pk", "reference")
    }


def name_children(membership: Membership, ids: Collection[str]) -> dict[str, ObjectName]:
    """A child by the reference of its first case (never by name: that would be a read)."""
    rows = (
        CaseChild.objects.filter(child__organisation=membership.organisation, child__in=_ids(ids))
        .order_by("child_id", "added_at")
        .values_list("child_id", "case__reference")
    )
    link = _may_open(membership)
    names: dict[str, ObjectName] = {}
    for child_id, reference in rows:
        if str(child_id) not in names:
            label = _("child in %(reference)s") % {"reference": reference}
            url = reverse("child_detail", args=[child_id]) if link else None
            names[str(child_id)] = ObjectName(label, url)
    return names


def name_contacts(membership: Membership, ids: Collection[str]) -> dict[str, ObjectName]:
    rows = Contact.objects.filter(organisation=membership.organisation, pk__in=_ids(ids))
    link = _may_open(membership)
    return {
        str(pk): ObjectName(
            _("contact %(id)s") % {"id": pk},
            reverse("contact_detail", args=[pk]) if link else None,
        )
        for pk in rows.values_list("pk", flat=True)
    }


def register_names() -> None:
    register(Case._meta.label_lower, name_cases)
    register("cases.child", name_children)
    register(Contact._meta.label_lower, name_contacts)
