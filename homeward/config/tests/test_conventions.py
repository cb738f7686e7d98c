"""House rules that keep personal data behind the access layer and writes behind actions."""

from __future__ import annotations

import re
from pathlib import Path

APPS = Path(__file__).resolve().parents[2]
HANDLER_MODULES = sorted(
    p for p in APPS.glob("*/*.py") if p.name in {"views.py", "api.py"} and "tests" not in p.parts
)


def test_there_are_handlers_to_check() -> None:
    assert len(HANDLER_MODULES) >= 4


def test_views_and_api_handlers_never_query_models_directly() -> None:
    offenders = [
        f"{path.relative_to(APPS)}:{number}"
        for path in HANDLER_MODULES
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if re.search(r"\.objects\b|\.save\(|\.delete\(", line)
    ]
    assert not offenders, f"use the app's access functions and actions: {offenders}"


def test_every_write_in_actions_records_an_audit_event() -> None:
    # the audit app's own actions are the trail itself
    for actions in sorted(p for p in APPS.glob("*/actions.py") if p.parent.name != "audit"):
        source = actions.read_text()
        writers = re.findall(r"^def (\w+)\(", source, re.M)
        bodies = re.split(r"^def \w+\(", source, flags=re.M)[1:]
        for name, body in zip(writers, bodies, strict=True):
            if name.startswith("_"):
                continue
            assert "record_event(" in body or "record_read(" in body, (
                f"{actions.parent.name}.{name}"
            )
