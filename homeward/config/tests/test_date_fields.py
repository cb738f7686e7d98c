"""Every date and time box of every form is core/dates.py's: a plain Django date field writes
its value in the page's language ("18/10/2025"), which a browser's date box cannot show, and
the form then saves the stored date away."""

from __future__ import annotations

import re
from pathlib import Path

APPS = Path(__file__).resolve().parents[2]
PLAIN = re.compile(r"forms\.(DateField|DateTimeField|SplitDateTimeField|DateInput|DateTimeInput)\b")


def test_forms_take_dates_only_through_the_iso_boxes() -> None:
    modules = [p for p in APPS.rglob("*.py") if "tests" not in p.parts and p.name != "dates.py"]
    assert len(modules) > 50
    offenders = [
        f"{path.relative_to(APPS)}:{number}"
        for path in modules
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if PLAIN.search(line)
    ]
    assert not offenders, f"use homeward.core.dates.DayField or MomentField: {offenders}"
