"""Snapshots kept a choice's label in the sender's language ("Runaway"); they now keep its code
("runaway") so that every reader sees it in their own language. Labels in any of the platform's
languages are turned back into codes; a value that is no label is left as it is."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import migrations
from django.utils import translation

from homeward.cases.choices import Category, Sex, SisCategory, Subcategory

CASE_CHOICES = {"category": Category, "subcategory": Subcategory, "sis_category": SisCategory}


def _codes(choices: Any) -> dict[str, str]:
    codes: dict[str, str] = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            codes.update({str(label): value for value, label in choices.choices})
    return codes


def labels_to_codes(apps: Any, schema_editor: Any) -> None:
    Snapshot = apps.get_model("crossborder", "Snapshot")
    case_codes = {name: _codes(choices) for name, choices in CASE_CHOICES.items()}
    sex_codes = _codes(Sex)
    for snapshot in Snapshot.objects.only("data").iterator():
        data = snapshot.data or {}
        case = data.get("case", {})
        for name, codes in case_codes.items():
            if case.get(name) in codes:
                case[name] = codes[case[name]]
        for child in data.get("children", []):
            fields = child.get("fields", {})
            if fields.get("sex") in sex_codes:
                fields["sex"] = sex_codes[fields["sex"]]
        snapshot.data = data
        snapshot.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [("crossborder", "0004_decision_sendback_done")]

    operations = [migrations.RunPython(labels_to_codes, migrations.RunPython.noop)]
