"""The stored search keys of a child's names (see names.py). Rebuilt inside the actions that
change a name, so the index never disagrees with the record."""

from __future__ import annotations

from homeward.cases import names
from homeward.cases.models import Child, NameKey


def name_forms(child: Child) -> list[str]:
    forms = [f"{child.given_names} {child.family_name}", child.original_script_name]
    forms += [n.value for n in child.other_names.all()]
    return [f for f in forms if f.strip()]


def rebuild_name_keys(child: Child) -> None:
    NameKey.objects.filter(child=child).delete()
    NameKey.objects.bulk_create(
        NameKey(organisation_id=child.organisation_id, child=child, kind=kind, key=key[:64])
        for kind, key in sorted(names.keys_for_names(name_forms(child)))
    )
