"""French and German: every string of the UI shell is translated, nothing is left fuzzy, and the
pages answer in the language the browser asks for."""

from __future__ import annotations

import ast
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db

LANGUAGES = ("fr", "de")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


@dataclass
class Entry:
    context: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstrs: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0


def _unquote(text: str) -> str:
    """A PO string literal is a C string; its escapes are a subset of Python's."""
    value = ast.literal_eval(text.strip())
    assert isinstance(value, str)
    return value


def parse_po(text: str) -> list[Entry]:
    """A tiny PO parser: entries are separated by blank lines; `msgctxt`, `msgid`,
    `msgid_plural`, `msgstr` and `msgstr[n]` may continue on following "..." lines. Obsolete
    (#~) entries are skipped. The header (empty msgid) is returned too."""
    entries: list[Entry] = []
    for block_start, block in _blocks(text):
        entry = Entry(line=block_start)
        target: tuple[str, int] | None = None
        seen_keyword = False
        for line in block:
            if line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith("msgctxt "):
                entry.context = _unquote(line[len("msgctxt ") :])
                target = ("msgctxt", 0)
            elif line.startswith("msgid_plural "):
                entry.msgid_plural = _unquote(line[len("msgid_plural ") :])
                target, seen_keyword = ("msgid_plural", 0), True
            elif line.startswith("msgid "):
                entry.msgid = _unquote(line[len("msgid ") :])
                target, seen_keyword = ("msgid", 0), True
            elif match := re.match(r"msgstr(?:\[(\d+)\])? (.*)$", line):
                index = int(match.group(1) or 0)
                entry.msgstrs[index] = _unquote(match.group(2))
                target, seen_keyword = ("msgstr", index), True
            elif line.startswith('"') and target is not None:
                kind, index = target
                more = _unquote(line)
                if kind == "msgctxt":
                    entry.context = (entry.context or "") + more
                elif kind == "msgid":
                    entry.msgid += more
                elif kind == "msgid_plural":
                    entry.msgid_plural = (entry.msgid_plural or "") + more
                else:
                    entry.msgstrs[index] += more
            else:
                raise AssertionError(f"line {block_start}: cannot read {line!r}")
        if seen_keyword:
            entries.append(entry)
    return entries


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 1
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            if current:
                blocks.append((start, current))
            current = []
            continue
        if line.startswith("#~"):
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        blocks.append((start, current))
    return blocks


def catalogue(language: str) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"


def test_the_parser_reads_continuations_plurals_flags_and_contexts() -> None:
    sample = (
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
        "#: a.html:1\n#, fuzzy, python-format\n"
        'msgid ""\n"Hello "\n"%(name)s"\nmsgstr "Bonjour %(name)s"\n\n'
        'msgid "one \\"file\\""\nmsgid_plural "%(n)s files"\n'
        'msgstr[0] "un fichier"\nmsgstr[1] ""\n"%(n)s fichiers"\n\n'
        'msgctxt "the sender"\nmsgid "From"\nmsgstr "De"\n\n'
        '#~ msgid "gone"\n#~ msgstr "parti"\n'
    )
    header, hello, files, sender = parse_po(sample)
    assert header.msgid == "" and header.msgstrs[0] == "Language: fr\n"
    assert hello.msgid == "Hello %(name)s" and hello.flags == {"fuzzy", "python-format"}
    assert files.msgid == 'one "file"' and files.msgid_plural == "%(n)s files"
    assert files.msgstrs == {0: "un fichier", 1: "%(n)s fichiers"}
    assert (sender.context, sender.msgid, sender.msgstrs) == ("the sender", "From", {0: "De"})


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated_and_none_is_fuzzy(language: str) -> None:
    entries = parse_po(catalogue(language).read_text(encoding="utf-8"))
    header = entries[0]
    assert header.msgid == "" and f"Language: {language}\n" in header.msgstrs[0]
    assert "fuzzy" not in header.flags
    messages = entries[1:]
    assert len(messages) > 150  # the whole UI shell, not a stub
    problems = []
    for entry in messages:
        forms = 2 if entry.msgid_plural is not None else 1
        if "fuzzy" in entry.flags:
            problems.append(f"line {entry.line}: fuzzy: {entry.msgid!r}")
        if sorted(entry.msgstrs) != list(range(forms)):
            problems.append(f"line {entry.line}: wrong plural forms: {entry.msgid!r}")
        for form, text in entry.msgstrs.items():
            # the singular form matches msgid; every plural form matches msgid_plural
            source = entry.msgid if form == 0 else (entry.msgid_plural or entry.msgid)
            if not text.strip():
                problems.append(f"line {entry.line}: untranslated: {entry.msgid!r}")
            elif sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
                problems.append(f"line {entry.line}: placeholders differ: {entry.msgid!r}")
            elif ("<code>" in text) != ("<code>" in entry.msgid):
                problems.append(f"line {entry.line}: markup differs: {entry.msgid!r}")
    assert problems == []


def test_every_catalogue_has_a_compiled_file_next_to_it() -> None:
    for language in LANGUAGES:
        po = catalogue(language)
        assert po.with_suffix(".mo").stat().st_size > 0


def _page(client: Client, url: str, language: str) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert response["Content-Language"] == language
    return html.unescape(response.content.decode())


@pytest.mark.parametrize(
    ("language", "heading"),
    [("fr", "Connexion du personnel"), ("de", "Anmeldung für Mitarbeitende"), ("en", None)],
)
def test_the_sign_in_page_speaks_the_browser_language(language: str, heading: str | None) -> None:
    page = _page(Client(), "/accounts/login/", language)
    assert f'lang="{language}"' in page
    assert f"<h1>{heading or 'Staff sign-in'}</h1>" in page
    if heading is not None:
        assert "Staff sign-in" not in page


def test_the_signed_in_navigation_is_french(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.user("be_admin"))
    page = _page(client, "/dashboard/", "fr")
    nav = page[page.index('<nav class="main-nav"') :]
    nav = nav[: nav.index("</nav>")]
    assert 'aria-label="Navigation principale"' in nav
    assert 'aria-current="page">Tableau de bord</a>' in nav
    assert ">Membres</a>" in nav
    assert ">Dashboard<" not in nav
    assert "<h1>Tableau de bord — Test Hotline Belgium</h1>" in page
    # The role label comes from Python (gettext_lazy), not from a template.
    assert "Votre rôle ici : Administrateur de l'organisation." in page
    assert "Urgence\u00a0? Appelez d'abord la police (112)." in page


def test_the_hotline_finder_is_german() -> None:
    page = _page(Client(), "/hotlines/", "de")
    assert "<h1>Eine Hotline für vermisste Kinder finden</h1>" in page
    assert "Erreichbarkeit und Sprachen jeder Hotline stehen unten." in page
    assert "Find a missing-children hotline" not in page


def test_the_case_pages_speak_french_and_german(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.user("be_operator"))
    cases = _page(client, "/cases/", "fr")
    assert "<h1>Dossiers</h1>" in cases
    assert ">Ouvrir un dossier</a>" in cases
    assert "Open a case" not in cases
    contact = _page(client, "/contacts/new/", "de")
    assert "<h1>Kontakt erfassen" in contact
    assert "Log a contact" not in contact
