"""docs/statistics.md documents every indicator of the catalogue in its "Indicators" section,
with the catalogue's own definition, unit and breakdown, and every code of every breakdown: a
hotline reading it counts as Homeward does."""

from __future__ import annotations

import re
from pathlib import Path

from django.utils import translation

from homeward.statistics.catalogue import CATALOGUE, GROUPS

DOC = Path(__file__).resolve().parents[3] / "docs" / "statistics.md"


def _section(title: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    following = text.find("\n## ", start + 1)
    return text[start : following if following != -1 else len(text)]


def _rows(section: str) -> dict[str, list[str]]:
    """The indicator tables' rows, by code: | `CODE` | title | unit | breakdown | definition |"""
    rows = {}
    for line in section.splitlines():
        found = re.match(r"\| `([A-Z_]+)` \|(.*)\|$", line)
        if found:
            rows[found.group(1)] = [cell.strip() for cell in found.group(2).split("|")]
    return rows


def test_every_indicator_is_documented_with_its_definition() -> None:
    with translation.override("en"):
        rows = _rows(_section("Indicators"))
        for indicator in CATALOGUE:
            assert indicator.code in rows, f"{indicator.code} is missing from docs/statistics.md"
            title, unit, breakdown, definition = rows[indicator.code]
            assert title == str(indicator.title), indicator.code
            assert unit.startswith(indicator.unit.value), indicator.code
            assert breakdown == (" × ".join(f"`{d.code}`" for d in indicator.dimensions) or "—"), (
                indicator.code
            )
            assert definition == str(indicator.definition), indicator.code
        assert set(rows) == {i.code for i in CATALOGUE}, "the docs list an indicator no more"


def test_every_code_of_every_breakdown_is_documented() -> None:
    section = _section("Indicators")
    for indicator in CATALOGUE:
        for dimension in indicator.dimensions:
            assert f"| `{dimension.code}` (" in section, dimension.code
            for code in dimension.codes:
                assert f"`{code}`" in section, f"{dimension.code}: {code}"


def test_every_indicator_is_in_one_group() -> None:
    grouped = [code for group in GROUPS for code in group.codes]
    assert sorted(grouped) == sorted(i.code for i in CATALOGUE)
