"""Every page of the operator's desk, read in French and in German, shows no English choice
label, no English country name and no raw code: the cases below use every category, every
reason, every section with its choices and countries, every risk factor, an outcome."""

from __future__ import annotations

import html.parser
import re
from collections.abc import Iterator
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import models
from django.test import Client, RequestFactory
from django.utils import timezone, translation
from django_countries import countries

from homeward.cases import actions, choices
from homeward.cases.models import Case, Contact
from homeward.config.errors import server_error
from homeward.config.tests.test_translations import parse_po
from homeward.organisations.models import Channel
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db

SHOWN_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
CHOICES: list[type[models.TextChoices]] = [
    value
    for value in vars(choices).values()
    if isinstance(value, type) and issubclass(value, models.TextChoices)
] + [Channel]


class _Text(html.parser.HTMLParser):
    """What a reader sees or hears of a page: its text and the attributes read aloud, not the
    values a form sends (<option value=...>) nor scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        self.parts += [value or "" for name, value in attrs if name in SHOWN_ATTRIBUTES]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _shown_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return " ".join(parser.parts)


@cache
def _translations(language: str) -> str:
    """Every translation of the catalogue and every country name in the language: an English
    label or a code that is also a word or phrase of the language ("Information" in German,
    "police" in French, "Pitcairn" of "Îles Pitcairn") cannot be told apart from it."""
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    entries = parse_po(path.read_text(encoding="utf-8"))
    with translation.override(language):
        names = [str(name) for _code, name in countries]
    return " | ".join([*(s for e in entries for s in e.msgstrs.values()), *names])


def _phrase(text: str) -> str:
    return rf"(?<![\w-]){re.escape(text)}(?![\w-])"


def _foreign(text: str, language: str, *, ignore_case: bool = False) -> bool:
    flags = re.IGNORECASE if ignore_case else 0
    return re.search(_phrase(text), _translations(language), flags) is None


@cache
def _english_and_codes(language: str) -> re.Pattern[str]:
    """The English labels and country names that the language translates differently, and the
    codes that are no word of it."""
    wrong: set[str] = set()
    for enum in CHOICES:
        for member in enum:
            with translation.override("en"):
                english = str(member.label)
            with translation.override(language):
                translated = str(member.label)
            if english != translated and _foreign(english, language):
                wrong.add(_phrase(english))
            if member.value and _foreign(member.value, language, ignore_case=True):
                wrong.add(_phrase(member.value))
    with translation.override("en"):
        english_names = dict(countries)
    with translation.override(language):
        for code, name in countries:
            english = str(english_names[code])
            if english != name and _foreign(english, language):
                wrong.add(_phrase(english))
    return re.compile("|".join(sorted(wrong, key=len, reverse=True)))


def _every_kind_of_case(cast: Cast) -> list[Case]:
    operator, supervisor = cast.member("be_operator"), cast.member("be_supervisor")
    yesterday = timezone.localdate() - timedelta(days=1)
    abduction = make_case(
        cast,
        category="parental_abduction",
        subcategory="international",
        last_seen_country="DE",
        reasons=list(choices.Reason.values),
        sis_category="c",
        section={
            "taking_parent_relationship": "mother",
            "taking_parent_nationality": "DE",
            "taking_parent_residence": "AT",
            "suspected_destination": "CH",
            "hague_application_on": yesterday,
            "mediation_considered": True,
        },
    )
    migration = make_case(
        cast,
        category="migrant",
        subcategory="unaccompanied",
        section={"registration_country": "IT", "asylum_stage": "interviewed",
                 "guardian_appointed": True},
    )  # fmt: skip
    runaway = make_case(cast, subcategory="from_care", section={"left_from": "care_institution"})
    lost = make_case(cast, category="lost_injured", subcategory="injured")
    make_case(cast, category="criminal_abduction", subcategory="")
    make_case(cast, category="otherwise_missing", subcategory="")
    actions.assess_risk(
        membership=supervisor,
        case=abduction,
        grade="high",
        factors=[{"kind": kind, "source": "Noor"} for kind in choices.RiskFactorKind.values],
    )
    actions.change_status(membership=operator, case=runaway, status="active_search")
    actions.request_closure(
        membership=operator,
        case=migration,
        outcome="found_safe",
        found_on=timezone.localdate(),
        found_country="FR",
        found_place="Lille",
        support_offered=list(choices.Support.values),
    )
    closure = actions.request_closure(
        membership=operator, case=lost, outcome="located_police",
        found_on=timezone.localdate(), found_country="NL", found_place="Breda",
    )  # fmt: skip
    actions.decide_closure(membership=supervisor, closure=closure, approve=True)
    return [abduction, migration, runaway, lost]


def _desk_pages(cast: Cast, cases: list[Case], contact: Contact) -> Iterator[str]:
    yield from ["/dashboard/", "/cases/?status=all", "/cases/?q=Lena", "/cases/handover/"]
    yield from ["/contacts/", "/contacts/new/", f"/contacts/{contact.pk}/", "/cases/new/"]
    for case in cases:
        child = case.case_children.get().child
        yield from [f"/cases/{case.pk}/", f"/children/{child.pk}/"]
    abduction, migration, runaway, _lost = cases
    yield from [f"/cases/{abduction.pk}/edit/", f"/cases/{abduction.pk}/section/"]
    yield from [f"/cases/{migration.pk}/section/", f"/cases/{runaway.pk}/section/"]
    yield from [f"/cases/{runaway.pk}/risk/", f"/cases/{runaway.pk}/close/"]
    child = runaway.case_children.get().child
    yield from [f"/children/{child.pk}/edit/", f"/cases/{runaway.pk}/children/add/"]


@pytest.mark.parametrize("language", ["fr", "de"])
def test_every_desk_page_is_in_the_readers_language(cast: Cast, language: str) -> None:
    cases = _every_kind_of_case(cast)
    operator = cast.member("be_operator")
    contact = actions.log_contact(
        membership=operator, channel="chat", caller="relative",
        contact_type="new_case", started_at=timezone.now() - timedelta(minutes=5),
    )  # fmt: skip
    data_names = [cast.be.name, cast.fr.name, "Homeward"]
    client: Client = cast.client("be_supervisor")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    wrong = _english_and_codes(language)
    found: dict[str, list[str]] = {}
    for url in _desk_pages(cast, cases, contact):
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'lang="{language}"' in response.content.decode(), url
        text = _shown_text(response.content.decode())
        for name in data_names:
            text = text.replace(name, "")
        if hits := sorted(set(wrong.findall(text))):
            found[url] = hits
    assert found == {}


@pytest.mark.parametrize("language", ["fr", "de"])
def test_the_not_found_page_is_translated_with_the_navigation(cast: Cast, language: str) -> None:
    client = cast.client("be_operator")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get("/cases/999999/")
    assert page.status_code == 404
    text = page.content.decode()
    assert "Page not found" not in text and 'class="main-nav"' in text
    assert 'href="/cases/"' in text


@pytest.mark.parametrize("language", ["fr", "de"])
def test_the_server_error_page_is_translated_and_needs_no_database(
    language: str, django_assert_num_queries: Any
) -> None:
    with translation.override(language), django_assert_num_queries(0):
        page = server_error(RequestFactory().get("/cases/"))
    text = page.content.decode()
    assert page.status_code == 500
    assert "Something went wrong" not in text and f'lang="{language}"' in text
    assert 'href="/cases/"' in text and 'href="/dashboard/"' in text
