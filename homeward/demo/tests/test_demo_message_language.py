"""The language a cross-border message starts on, for every pair of the demo network's hotlines:
one the receiving hotline works in and the writer's hotline can write."""

from __future__ import annotations

import pytest

from homeward.crossborder.views.common import default_message_language
from homeward.demo.network import COUNTRIES, DEFAULT_SEED, ORGANISATIONS_BY_SLUG, hotline_details


def _works_in(code: str) -> list[str]:
    """As `works_in` reads the demo: the organisation's languages, then its hotline's."""
    hotline = hotline_details(DEFAULT_SEED)[code]["languages"]
    assert isinstance(hotline, list)
    return list(dict.fromkeys([*ORGANISATIONS_BY_SLUG[code.lower()].languages, *hotline]))


@pytest.mark.parametrize("interface", ["en", "fr", "de"])
def test_every_pair_of_demo_hotlines_gets_a_language_both_use(interface: str) -> None:
    for writer in COUNTRIES:
        for reader in COUNTRIES:
            if writer == reader:
                continue
            ours, theirs = _works_in(writer.code), _works_in(reader.code)
            tag = default_message_language(theirs, ours, ["en"], interface)
            assert tag in theirs, (writer.code, reader.code, tag)
            assert tag in {*ours, interface}, (writer.code, reader.code, tag)
            shared_official = [t for t in reader.languages if t in writer.languages]
            if shared_official:
                assert tag == shared_official[0], (writer.code, reader.code, tag)


def test_the_greek_hotline_writes_to_belgium_in_english_not_dutch() -> None:
    assert default_message_language(_works_in("BE"), _works_in("GR"), ["en"], "en") == "en"
    assert default_message_language(_works_in("FR"), _works_in("BE"), ["en"], "en") == "fr"
    assert default_message_language(_works_in("BE"), _works_in("FR"), ["en"], "en") == "fr"
    assert default_message_language(_works_in("GR"), _works_in("CY"), ["en"], "en") == "el"
