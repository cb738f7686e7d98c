"""Name matching across spellings and scripts, with an explanation of every match.

Every form of a child's name (given and family names, the name in its original script, aliases,
other systems' forms) is cut into tokens, each transliterated to Latin letters (anyascii) and
reduced to search keys, stored as NameKey rows (see name_index.py):

- `fold` (oleksandr): the same letters once accents and script are gone (Олександр, Oleksandr);
- `phon` (ALKSNTR): the same sound by Metaphone, any leading vowel as A (Oleksandr, Aleksandr);
- `nysiis` (#ALACSANDR): the same sound by NYSIIS, which keeps vowel places (Georgios, Giorgos);
- `typo` (~ALKSTR): one sound more, less or different, for names of five sounds or more;
- `skel` (:mhmd) and `abjad` (=mhmd): the consonants, to compare a name written in Arabic or
  Hebrew script, which usually leaves out short vowels (محمد), with its Latin forms;
- `loose` (%levsenko, %:lvsnk): the token as other transliteration conventions write its
  sounds (German Lewtschenko, Polish Lewczenko, English Levchenko), and its consonants.

Before the phonetic codes, a few spelling conventions of European transliteration are evened
out (ü/ue/u, x/ks, th/t, kh/h, w/v, ou/u, Ye/Ie/E, Yu/Iu, -iy/-ii/-y, doubled letters). A query is
reduced the same way; a child is a candidate when a query token shares a key with one of the
child's tokens, the children sharing keys with most tokens first. `rank` then scores each
query token against the child's best token and says why, in words a hotline operator can
check. docs/name-search.md explains it for trainers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property, lru_cache

import jellyfish
from anyascii import anyascii
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
_VOWELS = "aeiou"
MAX_QUERY_TOKENS = 6

# Scores of one query token against one stored token (see `compare`).
EXACT = 1.0
SAME_LETTERS = 0.98
SPELLING_VARIANT = 0.95
LOOSE_ALIKE = 0.8
"""Tokens whose loose forms have the same consonants sound alike from this similarity on."""
FAINT_FROM, FAINT_WEIGHT = 0.6, 0.3
"""A token matching none of a child's names still orders the children whose other names match,
by its closest name: 0.3 × similarity, from a similarity of 0.6 (below any real match)."""


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


def _skeletons(token: Token) -> set[str]:
    if token.abjad:
        onset = token.text[:1] in _VOWEL_ONSETS
        found = {skeleton(token.fold, onset)}
        if token.text.startswith("ال") and len(token.fold) > 3:  # the article: الحسن = al-Hassan
            found.add(skeleton(token.fold[1:], False))
        return found
    return {skeleton(v, v[0] in _VOWELS) for v in token.variants}


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
    return ("_" if text[0] in _VOWELS else "") + _DOUBLES.sub(r"\1", re.sub("[aeiou]", "", text))


def _deletions(code: str) -> set[str]:
    return {code[:i] + code[i + 1 :] for i in range(len(code))} if len(code) >= 5 else set()


def token_keys(token: Token) -> dict[str, str]:
    """The stored keys of one token: key → kind."""
    keys = {v: "fold" for v in token.variants}
    if token.particle:
        return keys
    if token.abjad:
        keys.update({"=" + s: "abjad" for s in _skeletons(token) if s.strip("_")})
        return keys
    for variant in token.variants:
        code = phonetic(variant)
        if code:
            keys[code] = "phon"
            keys.update({"~" + d: "typo" for d in _deletions(code)})
        if nysiis(variant):
            keys["#" + nysiis(variant)] = "nysiis"
    keys.update({":" + s: "skel" for s in _skeletons(token) if len(s.strip("_")) >= 2})
    keys.update({key: "loose" for key in _loose_keys(token)})
    return keys


def _loose_keys(token: Token) -> set[str]:
    """`%` and the loose form; `%:` and its consonants, when there are two or more."""
    found = {"%" + form for form in token.looses}
    consonants = {loose_consonants(form) for form in token.looses}
    return found | {"%:" + c for c in consonants if len(c.strip("_")) >= 2}


def keys_for_names(names: Iterable[str]) -> set[tuple[str, str]]:
    """(kind, key) for every form of a child's name."""
    found: set[tuple[str, str]] = set()
    for name in names:
        for token in parse(name).all:
            found.update((kind, key) for key, kind in token_keys(token).items())
    return found


# Weights of a query key, for ordering candidates before they are ranked.
W_FOLD, W_PHON, W_SKEL, W_LOOSE, W_TYPO = 8, 4, 3, 2, 1


def _query_token_keys(token: Token) -> dict[str, int]:
    keys = dict.fromkeys(token.variants, W_FOLD)
    skels = _skeletons(token)
    if token.abjad:
        keys.update({"=" + s: W_SKEL for s in skels if s.strip("_")})
        keys.update({":" + s: W_SKEL for s in skels if len(s.strip("_")) >= 2})
        return keys
    for variant in token.variants:
        code = phonetic(variant)
        if code:
            keys.setdefault(code, W_PHON)
            if len(code) >= 4:
                keys.setdefault("~" + code, W_TYPO)
            for d in _deletions(code):
                keys.setdefault(d, W_TYPO)
                keys.setdefault("~" + d, W_TYPO)
        if nysiis(variant):
            keys.setdefault("#" + nysiis(variant), W_PHON)
    keys.update({"=" + s: W_SKEL for s in skels if s.strip("_")})
    for key in _loose_keys(token):
        keys.setdefault(key, W_PHON if key[1] != ":" else W_LOOSE)
    return keys


def _required(parsed: ParsedName) -> list[Token]:
    required = [t for t in parsed.tokens if not t.particle] or list(parsed.tokens)
    unique = {t.fold: t for t in required}
    return list(unique.values())[:MAX_QUERY_TOKENS]


def query_key_groups(query: str) -> list[dict[str, int]]:
    """One group per required query token (particles are optional): key → weight. A child is a
    candidate when it has a key of any group; the more groups, the stronger."""
    parsed = parse(query)
    groups = []
    for token in _required(parsed):
        group = _query_token_keys(token)
        for joined in parsed.joined:
            if token.fold in joined.parts:
                for key, weight in _query_token_keys(joined).items():
                    group[key] = max(group.get(key, 0), weight)
        groups.append(group)
    return groups


# --- ranking -----------------------------------------------------------------------------------


def _ending(fold: str) -> str:
    """The closing vowel, which often marks a different name: Maria/Mario, Jan/Jana."""
    text = spelling(fold)
    if len(text) > 2 and text.endswith("h") and text[-2] in _VOWELS:
        text = text[:-1]
    last = text[-1:]
    return last if last in _VOWELS else ""


def _letters(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalpha())


# Script names as a reader sees them in a reason; any other shows as Unicode names it.
_SCRIPT_LABELS = {
    "Latin": gettext_lazy("Latin"),
    "Cyrillic": gettext_lazy("Cyrillic"),
    "Greek": gettext_lazy("Greek"),
    "Arabic": gettext_lazy("Arabic"),
    "Hebrew": gettext_lazy("Hebrew"),
    "Syriac": gettext_lazy("Syriac"),
    "Armenian": gettext_lazy("Armenian"),
    "Georgian": gettext_lazy("Georgian"),
    "Ethiopic": gettext_lazy("Ethiopic"),
    "Devanagari": gettext_lazy("Devanagari"),
    "Chinese characters": gettext_lazy("Chinese characters"),
    "Korean (Hangul)": gettext_lazy("Korean (Hangul)"),
    "Japanese kana": gettext_lazy("Japanese kana"),
}


def _script_label(script: str) -> str:
    return str(_SCRIPT_LABELS.get(script, script))


def _note(query: Token, stored: Token) -> str:
    """Why two tokens with the same letters look different: script, accents or spacing."""
    for token in (stored, query):
        if token.script != "Latin":
            return _(", transliterated from %(script)s") % {"script": _script_label(token.script)}
    if _letters(query.text) != _letters(stored.text):
        return _(", apart from accents")
    if stored.parts and not query.parts:
        return _(", written as separate words")
    return _(", written as one word") if query.parts and not stored.parts else ""


# How a query token matched, best first.
SAME, SPELLED, VARIANT, CONSONANTS, SOUNDS, ENDS, CLOSE, FAINT, NONE = range(9)


@dataclass(frozen=True)
class TokenMatch:
    """One query token against its best stored token; `reason` says why, in words."""

    score: float
    how: int
    query: Token
    stored: Token | None = None
    similarity: float = 0.0

    @property
    def reason(self) -> str:
        """In the reader's language; quotes are part of each sentence, for translators."""
        query, stored = self.query.shown, self.stored
        if stored is None or self.how == NONE:
            return _("nothing like “%(query)s”") % {"query": query}
        words = {"query": query, "stored": stored.shown, "note": _note(self.query, stored)}
        if self.how == SAME:
            return _("“%(query)s” spelled the same") % words
        if self.how == SPELLED:
            return _("“%(query)s” spelled the same as “%(stored)s”%(note)s") % words
        if self.how == VARIANT:
            if "Latin" == stored.script == self.query.script:
                words["note"] = ""  # only a change of script is worth saying here
            return _("“%(query)s” is another spelling of “%(stored)s”%(note)s") % words
        if self.how == CONSONANTS:
            script = stored.script if stored.abjad else self.query.script
            return _(
                "“%(query)s” has the consonants of “%(stored)s” (%(script)s script, "
                "usually written without short vowels)"
            ) % {**words, "script": _script_label(script)}
        if self.how in (SOUNDS, ENDS):
            words["heard"] = stored.fold
            if stored.script == "Latin":
                heard = _("“%(query)s” sounds like “%(heard)s”") % words
            else:
                heard = _("“%(query)s” sounds like “%(heard)s” (“%(stored)s”%(note)s)") % words
            return (
                _("%(match)s, but ends differently") % {"match": heard}
                if self.how == ENDS
                else heard
            )
        if self.how == FAINT:
            return _(
                "“%(query)s” matches no name; the closest is “%(stored)s” (%(similarity)s)"
            ) % {
                **words,
                "similarity": f"{self.similarity:.0%}",
            }
        return _("“%(query)s” close spelling to “%(stored)s” (%(similarity)s)") % {
            **words,
            "similarity": f"{self.similarity:.0%}",
        }


def compare(query: Token, stored: Token) -> TokenMatch:
    """How well one query token matches one stored token (see `TokenMatch.reason` for why)."""
    if query.fold == stored.fold:
        if query.text.casefold() == stored.text.casefold():
            return TokenMatch(EXACT, SAME, query, stored)
        return TokenMatch(SAME_LETTERS, SPELLED, query, stored)
    if query.spellings & stored.spellings or query.variants & stored.variants:
        return TokenMatch(SPELLING_VARIANT, VARIANT, query, stored)
    similarity = max(
        jellyfish.jaro_winkler_similarity(q, s) for q in query.variants for s in stored.variants
    )
    if (query.abjad or stored.abjad) and _skeletons(query) & _skeletons(stored):
        consonants = max(len(k.strip("_")) for k in _skeletons(stored))
        score = 0.75 + 0.05 * min(consonants, 3)
        return TokenMatch(score, CONSONANTS, query, stored, similarity)
    same_end = _ending(query.fold) == _ending(stored.fold)
    if not (query.abjad or stored.abjad):
        if query.sounds & stored.sounds or query.looses & stored.looses:
            if not same_end:
                return TokenMatch(0.6 + 0.1 * similarity, ENDS, query, stored, similarity)
            return TokenMatch(0.8 + 0.15 * similarity, SOUNDS, query, stored, similarity)
        alike = _loose_similarity(query, stored)
        if alike >= LOOSE_ALIKE and same_end:  # the same consonants, other vowels: Krol, Król
            return TokenMatch(0.7 + 0.2 * alike, SOUNDS, query, stored, alike)
    edits = jellyfish.damerau_levenshtein_distance(query.fold, stored.fold)
    if edits <= max(1, min(len(query.fold), len(stored.fold)) // 4):
        score = 0.8 * similarity * (1.0 if same_end else 0.9)
        return TokenMatch(score, CLOSE, query, stored, similarity)
    if similarity >= FAINT_FROM:  # another name, or another form of it (Pyotr for Petro)
        return TokenMatch(FAINT_WEIGHT * similarity, FAINT, query, stored, similarity)
    return TokenMatch(0.0, NONE, query)


def _loose_similarity(query: Token, stored: Token) -> float:
    """How alike the loose forms of two tokens with the same consonants are (0 otherwise)."""
    if not query.loose_consonants & stored.loose_consonants:
        return 0.0
    return max(
        (
            jellyfish.jaro_winkler_similarity(q, s)
            for q in query.looses
            for s in stored.looses
            if loose_consonants(q) == loose_consonants(s)
        ),
        default=0.0,
    )


Compare = Callable[[Token, Token], TokenMatch]


def best_match(query: Token, stored: Sequence[Token], by: Compare = compare) -> TokenMatch:
    """The best of the stored tokens for one query token (compared `by` compare, or a memo of
    it); on equal scores a plain token wins over a joined one."""
    for token in stored:
        if token.fold == query.fold and query.text.casefold() == token.text.casefold():
            return TokenMatch(EXACT, SAME, query, token)
    best = TokenMatch(0.0, NONE, query)
    for token in stored:
        found = by(query, token)
        if found.score > best.score or (
            found.score == best.score and best.stored is not None and best.stored.parts
        ):
            best = found
    return best


@dataclass
class Match:
    """How well a child's names match a query: score 0–1 (the mean over the query's tokens),
    how each query token matched (`reasons` puts that into words) and how much of the child's
    best name form the query covers (to order equal scores: "Anna" puts Anna before
    Anna-Lena)."""

    child_id: int
    score: float
    token_matches: tuple[TokenMatch, ...] = ()
    coverage: float = 0.0

    @property
    def reasons(self) -> list[str]:
        """One reason per query token, in the reader's language: put into words only for the
        matches shown (a search ranks up to hundreds)."""
        return list(dict.fromkeys(r.reason for r in self.token_matches))


def reasons_of(matches: Sequence[Match]) -> list[list[str]]:
    """Each match's `reasons`, a query token matched alike in several (children sharing a
    name) put into words once."""
    said: dict[TokenMatch, str] = {}
    worded = []
    for match in matches:
        for token_match in match.token_matches:
            if token_match not in said:
                said[token_match] = token_match.reason
        worded.append(list(dict.fromkeys(said[t] for t in match.token_matches)))
    return worded


def score_names(query: str, forms: Sequence[str], by: Compare = compare) -> Match:
    """Scores one child's name forms against a query (child_id 0); tokens are compared `by`
    compare, or a memo of it."""
    parsed_query = parse(query)
    parsed = [parse(form) for form in forms]
    stored = [t for p in parsed for t in p.all]
    required = _required(parsed_query)
    if not stored or not required:
        return Match(child_id=0, score=0.0)
    results: dict[str, TokenMatch] = {t.fold: best_match(t, stored, by) for t in required}
    for (
        joined
    ) in parsed_query.joined:  # Anna-Lena against Annalena, van der Berg against Vanderberg
        whole = best_match(joined, stored, by)
        parts = [results[p] for p in joined.parts if p in results]
        if parts and whole.score > sum(r.score for r in parts) / len(parts):
            results.update({p: whole for p in joined.parts if p in results})
    covered: set[str] = set()
    for result in results.values():
        if result.stored is not None:
            covered.update(result.stored.parts or (result.stored.fold,))
    coverage = 0.0
    for p in parsed:
        own = {t.fold for t in p.tokens if not t.particle}
        if own:
            coverage = max(coverage, len(own & covered) / len(own))
    score = sum(r.score for r in results.values()) / len(results)
    return Match(
        child_id=0,
        score=round(score, 3),
        token_matches=tuple(results.values()),
        coverage=round(coverage, 3),
    )


def rank(query: str, candidates: Mapping[int, Sequence[str]]) -> list[Match]:
    """Orders candidates (child id → name forms) by how well their names match the query, best
    first; equal scores by coverage, then the newest child (highest id)."""
    matches = []
    seen: dict[tuple[str, ...], Match] = {}  # many children share a name: score it once
    memo = cache(compare)  # …and many share a name token
    for child_id, forms in candidates.items():
        key = tuple(forms)
        if key not in seen:
            seen[key] = score_names(query, forms, memo)
        match = seen[key]
        if match.score > 0:
            matches.append(Match(child_id, match.score, match.token_matches, match.coverage))
    return sorted(matches, key=lambda m: (-m.score, -m.coverage, -m.child_id))
