"""Scoring a query against a child's names, token by token, with the reason for every match in
words a hotline operator can check."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import jellyfish
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from homeward.cases.names.keys import required_tokens
from homeward.cases.names.tokens import (
    VOWELS,
    Token,
    loose_consonants,
    parse,
    skeletons,
    spelling,
)

# Small words inside family names; optional in a query, and joined to the next token too

# Scores of one query token against one stored token (see `compare`).
EXACT = 1.0
SAME_LETTERS = 0.98
SPELLING_VARIANT = 0.95
LOOSE_ALIKE = 0.8
"""Tokens whose loose forms have the same consonants sound alike from this similarity on."""
FAINT_FROM, FAINT_WEIGHT = 0.6, 0.3
"""A token matching none of a child's names still orders the children whose other names match,
by its closest name: 0.3 × similarity, from a similarity of 0.6 (below any real match)."""


def _ending(fold: str) -> str:
    """The closing vowel, which often marks a different name: Maria/Mario, Jan/Jana."""
    text = spelling(fold)
    if len(text) > 2 and text.endswith("h") and text[-2] in VOWELS:
        text = text[:-1]
    last = text[-1:]
    return last if last in VOWELS else ""


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
    if (query.abjad or stored.abjad) and skeletons(query) & skeletons(stored):
        consonants = max(len(k.strip("_")) for k in skeletons(stored))
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
    required = required_tokens(parsed_query)
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
