"""A name cut into tokens, each transliterated to Latin letters, and the spelling and sound
codes a token is compared by (see the package's docstring)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

import jellyfish
from anyascii import anyascii

# Small words inside family names; optional in a query, and joined to the next token too

# ("van der Berg" is also "vanderberg"). Only a particle when another name follows it.
PARTICLES = frozenset(
    {"van", "von", "der", "den", "ter", "ten", "de", "del", "della", "da", "das", "dos", "du"}
    | {"la", "zu", "al", "el", "bin", "ibn", "bint", "abu", "ul", "y"}
)
# Scripts that usually leave out short vowels: compared by their consonants.
ABJADS = frozenset({"Arabic", "Hebrew", "Syriac"})
# Scripts whose names are written without spaces, one syllable per character.
_SYLLABIC = frozenset({"Chinese characters", "Korean (Hangul)"})
_SCRIPT_NAMES = {
    "CJK": "Chinese characters",
    "HANGUL": "Korean (Hangul)",
    "HIRAGANA": "Japanese kana",
    "KATAKANA": "Japanese kana",
}
# Letters a name may be re-spelled with: ü as ue (Müller, Mueller), ø as oe (Søren, Soeren).
_DIGRAPHS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ø": "oe", "æ": "ae", "å": "aa"})
# Ukrainian passports transliterate differently from anyascii's Russian-style default.
_UKRAINIAN = str.maketrans(
    {"г": "h", "ґ": "g", "и": "y", "і": "i", "ї": "i", "є": "ie", "й": "i", "ь": "", "'": ""}
)
# Letters that open an Arabic or Hebrew word with a vowel sound (alif, hamza forms, ayin).
_VOWEL_ONSETS = frozenset("اأإآٱعאע")
_SEPARATORS = re.compile(r"[\s,;/()\[\]{}\"“”„«».:]+")
_HYPHENS = re.compile(r"[-‐‑‒–—_]+")
_NON_LETTERS = re.compile(r"[^a-z]+")
_DOUBLES = re.compile(r"(.)\1+")
_SPELLING = (
    ("x", "ks"),
    ("ph", "f"),
    ("th", "t"),
    ("kh", "h"),
    ("w", "v"),
    ("ue", "u"),
    ("oe", "o"),
    ("ae", "a"),
    ("ou", "u"),
    ("iya", "ia"),
    ("ija", "ia"),
    ("iia", "ia"),
)
VOWELS = "aeiou"


@dataclass(frozen=True)
class Token:
    """One name token. `fold` is its ASCII lower-case form; a joined token stands for several
    (`parts`), e.g. "Anna-Lena" → "annalena", "van der Berg" → "vanderberg"."""

    text: str
    fold: str
    script: str
    variants: frozenset[str]
    particle: bool = False
    parts: tuple[str, ...] = ()

    @property
    def abjad(self) -> bool:
        return self.script in ABJADS

    @property
    def shown(self) -> str:
        return self.text.lower()

    @cached_property
    def spellings(self) -> frozenset[str]:
        return frozenset(spelling(v) for v in self.variants)

    @cached_property
    def looses(self) -> frozenset[str]:
        return frozenset(form for v in self.variants for form in loose(v))

    @cached_property
    def loose_consonants(self) -> frozenset[str]:
        return frozenset(loose_consonants(form) for form in self.looses)

    @cached_property
    def sounds(self) -> frozenset[str]:
        return frozenset(
            code for v in self.variants for code in (phonetic(v), "#" + nysiis(v)) if code
        )


@dataclass(frozen=True)
class ParsedName:
    tokens: tuple[Token, ...]
    joined: tuple[Token, ...]

    @property
    def all(self) -> tuple[Token, ...]:
        return self.tokens + self.joined


# --- tokens ------------------------------------------------------------------------------------


def script_of(text: str) -> str:
    """The script of the first letter: "Latin", "Cyrillic", "Arabic", "Chinese characters"…"""
    for char in text:
        if char.isalpha():
            first = unicodedata.name(char, "LATIN").split(" ")[0]
            return _SCRIPT_NAMES.get(first, first.title())
    return "Latin"


def _fold(text: str) -> str:
    return _NON_LETTERS.sub("", anyascii(text).lower())


def _strip_marks(text: str) -> str:
    """NFC keeps é, ü, ễ whole; what stays a separate mark (Arabic vowel signs, Hebrew points,
    stray accents) goes."""
    text = unicodedata.normalize("NFC", text)
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


@lru_cache(maxsize=32768)
def _token(text: str, script: str) -> Token | None:
    """One word's token, shared by every name containing the word: its keys and its
    comparisons (ranking compares each pair of tokens once) are worked out once."""
    fold = _fold(text)
    if len(fold) < 2 and not (script in _SYLLABIC and fold):
        return None
    lower = text.lower()
    variants = {fold, _fold(lower.translate(_DIGRAPHS))}
    if script == "Cyrillic":
        variants.add(_fold(lower.translate(_UKRAINIAN)))
    return Token(text=text, fold=fold, script=script, variants=frozenset(v for v in variants if v))


def _joined(tokens: Sequence[Token], text: str) -> Token:
    fold = "".join(t.fold for t in tokens)
    return Token(
        text=text,
        fold=fold,
        script=tokens[-1].script,
        variants=frozenset({fold, "".join(min(t.variants) for t in tokens)}),
        parts=tuple(t.fold for t in tokens),
    )


@lru_cache(maxsize=8192)
def parse(name: str) -> ParsedName:
    """Tokens of one form of a name, plus the joined forms of its compounds and particles."""
    words: list[tuple[str, list[Token]]] = []
    for word in _SEPARATORS.split(_strip_marks(name)):
        parts: list[Token] = []
        for piece in _HYPHENS.split(word):
            script = script_of(piece)
            pieces = list(piece) if script in _SYLLABIC else [piece]
            parts += [t for p in pieces if (t := _token(p, script)) is not None]
        if parts:
            words.append((word, parts))
    flat = [t for _word, parts in words for t in parts]
    tokens: list[Token] = []
    for i, token in enumerate(flat):
        is_particle = token.fold in PARTICLES and i < len(flat) - 1
        tokens.append(replace(token, particle=True) if is_particle else token)
    joined: dict[str, Token] = {}
    start = 0
    for word, parts in words:  # compounds: Anna-Lena, al-Hassan, 张伟
        mine = tokens[start : start + len(parts)]
        start += len(parts)
        if len(mine) > 1:
            item = _joined(mine, word)
            joined.setdefault(item.fold, item)
    run: list[Token] = []
    for token in tokens:  # particle runs with the name after them: van der Berg
        if token.particle:
            run.append(token)
            continue
        if run:
            item = _joined([*run, token], " ".join(t.text for t in [*run, token]))
            joined.setdefault(item.fold, item)
        run = []
    plain = {t.fold for t in tokens}
    extra = tuple(t for t in joined.values() if t.fold not in plain)
    return ParsedName(tokens=tuple(tokens), joined=extra)


def tokens(name: str) -> list[str]:
    """Folded tokens of a name: ASCII letters only, lower case."""
    return [t.fold for t in parse(name).tokens]


# --- codes -------------------------------------------------------------------------------------


@lru_cache(maxsize=16384)
def spelling(fold: str) -> str:
    """A folded token with transliteration conventions evened out (see the module docstring)."""
    text = fold
    for old, new in _SPELLING:
        text = text.replace(old, new)
    text = re.sub(r"^[iy]e", "e", text)  # Ye-/Ie- for Е, Є: Yelena, Ievgen
    text = re.sub(r"^(?:yi|[iy])(?=[aeiou])", "y", text)
    text = re.sub(r"(?:iy|ii|yi|ij|y)$", "i", text)
    return _DOUBLES.sub(r"\1", text)


def _lead(code: str) -> str:
    return "A" + code[1:] if code[:1] in ("A", "E", "I", "O", "U") else code


@lru_cache(maxsize=16384)
def phonetic(fold: str) -> str:
    """Metaphone of the evened-out spelling, any leading vowel as A (Oleksandr = Aleksandr)."""
    return _lead(jellyfish.metaphone(spelling(fold))) if fold else ""


@lru_cache(maxsize=16384)
def nysiis(fold: str) -> str:
    return _lead(jellyfish.nysiis(spelling(fold))) if fold else ""


@lru_cache(maxsize=16384)
def skeleton(fold: str, vowel_onset: bool) -> str:
    """Consonants only, as Arabic and Hebrew script write them: vowels, inner w and y (written
    as long vowels) and a final h (ta marbuta) go; "_" marks a name opening with a vowel sound.
    Mohammed, Muhammad, محمد → mhmd; Omar, عمر → _mr; Yusuf, يوسف → ysf."""
    body = fold[0] + re.sub(r"[aeiouwy]", "", fold[1:]) if fold else ""
    body = _DOUBLES.sub(r"\1", re.sub(r"^[aeiou]+", "", body))
    if len(body) > 1 and body.endswith("h"):
        body = body[:-1]
    return ("_" if vowel_onset else "") + body


def skeletons(token: Token) -> set[str]:
    if token.abjad:
        onset = token.text[:1] in _VOWEL_ONSETS
        found = {skeleton(token.fold, onset)}
        if token.text.startswith("ال") and len(token.fold) > 3:  # the article: الحسن = al-Hassan
            found.add(skeleton(token.fold[1:], False))
        return found
    return {skeleton(v, v[0] in VOWELS) for v in token.variants}


# How other conventions write the same sounds, evened out for the `loose` keys: German
# (Lewtschenko, Chomenko), Polish (Lewczenko, Diaczuk, Małgorzata), French (Levtchenko,
# Houmeniouk), Hungarian (Kovács), Russian-style (Gumenyuk) and English (Levchenko) all reduce to
# one form. Longest groups first; "ch" is read both ways (ч in English, х in German and Polish).
_LOOSE_GROUPS = (
    ("schtsch", "s"),
    ("shch", "s"),
    ("szcz", "s"),
    ("chtch", "s"),
    ("tsch", "s"),
    ("tch", "s"),
    ("sch", "s"),
    ("dzh", "j"),
    ("dj", "j"),
    ("sh", "s"),
    ("sz", "s"),
    ("cz", "s"),
    ("cs", "s"),
    ("zh", "s"),
    ("zs", "s"),
    ("rz", "s"),
    ("ts", "s"),
    ("tz", "s"),
    ("dz", "s"),
    ("kh", "h"),
    ("ph", "f"),
    ("th", "t"),
    ("ck", "k"),
    ("x", "ks"),
    ("qu", "k"),
    ("q", "k"),
    ("ae", "e"),
    ("oe", "o"),
    ("ue", "u"),
    ("ou", "u"),
)
_LOOSE_LETTERS = str.maketrans({"w": "v", "f": "v", "z": "s", "g": "h", "j": "i", "y": "i"})


@lru_cache(maxsize=16384)
def loose(fold: str) -> frozenset[str]:
    """The token as it sounds across transliteration conventions, vowels kept (one form per
    reading of "ch"): sibilants as s, g and kh as h, w and f as v, j and y as i, an i gliding
    into a vowel and a silent h after one dropped. Lewtschenko, Levchenko, Lewczenko → levsenko;
    Julija, Yuliia, Ioulia → ula; Мюллер (Myuller), Müller → muler."""
    text = fold
    for old, new in _LOOSE_GROUPS:
        text = text.replace(old, new)
    readings = {text.replace("ch", "s"), text.replace("ch", "h")}
    found = set()
    for reading in readings:
        reading = re.sub(r"c(?=[eiy])", "s", reading).replace("c", "k").translate(_LOOSE_LETTERS)
        reading = re.sub(r"(?<=[aeiou])h(?![aeiou])", "", reading)
        reading = _DOUBLES.sub(r"\1", reading)
        reading = re.sub(r"i(?=[aeou])|(?<=[aeou])i", "", _DOUBLES.sub(r"\1", reading))
        found.add(_DOUBLES.sub(r"\1", reading))
    return frozenset(r for r in found if r)


@lru_cache(maxsize=16384)
def loose_consonants(text: str) -> str:
    """A loose form's consonants, "_" for a vowel at the start: Fatima, Fatma → ftm."""
    return ("_" if text[0] in VOWELS else "") + _DOUBLES.sub(r"\1", re.sub("[aeiou]", "", text))


def deletions(code: str) -> set[str]:
    return {code[:i] + code[i + 1 :] for i in range(len(code))} if len(code) >= 5 else set()
