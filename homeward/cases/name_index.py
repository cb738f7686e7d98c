"""The stored search keys of a child's names (see names.py). Rebuilt inside the actions that
change a name, so the index never disagrees with the record."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from django.db import transaction

from homeward.cases import names
from homeward.cases.models import Child, NameKey
from homeward.organisations.models import Organisation


class Named(Protocol):
    """A Child, or anything with its three name fields."""

    @property
    def given_names(self) -> str: ...
    @property
    def family_name(self) -> str: ...
    @property
    def original_script_name(self) -> str: ...


def name_forms(child: Named, other_names: Iterable[str] | None = None) -> list[str]:
    """Every form of the child's name: given and family names, the original script, and the
    other forms (`other_names` when the caller already has them, else read from the Child)."""
    forms = [f"{child.given_names} {child.family_name}", child.original_script_name]
    if other_names is None:
        assert isinstance(child, Child), "give the other names of anything but a Child"
        other_names = [n.value for n in child.other_names.all()]
    forms += other_names
    return [f for f in forms if f.strip()]


def _rows(child: Child) -> list[NameKey]:
    return [
        NameKey(organisation_id=child.organisation_id, child=child, kind=kind, key=key[:64])
        for kind, key in sorted(names.keys_for_names(name_forms(child)))
    ]


def rebuild_name_keys(child: Child) -> None:
    NameKey.objects.filter(child=child).delete()
    NameKey.objects.bulk_create(_rows(child))


def rebuild_all_name_keys(organisation: Organisation | None = None, *, batch: int = 500) -> int:
    """Rebuilds the keys of every child (of one organisation, or all), batch by batch, each in
    its own transaction. Run it once after the key algorithm in names.py changes. Returns the
    number of children re-indexed. Not audited: it reads names only to derive keys."""
    children = Child.objects.order_by("pk")
    if organisation is not None:
        children = children.filter(organisation=organisation)
    done, last = 0, 0
    while True:
        chunk = list(children.filter(pk__gt=last).prefetch_related("other_names")[:batch])
        if not chunk:
            return done
        with transaction.atomic():
            NameKey.objects.filter(child__in=chunk).delete()
            NameKey.objects.bulk_create([row for child in chunk for row in _rows(child)])
        done += len(chunk)
        last = chunk[-1].pk
