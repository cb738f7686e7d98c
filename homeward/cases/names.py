"""Name search across spellings and scripts.

Every form of a child's name (given and family names, the name in its original script, aliases
and other systems' forms) is folded to Latin letters and reduced to search keys:
- `fold`: the token transliterated to ASCII and lower-cased (Олександр → oleksandr);
- `phon`: a phonetic skeleton of the folded token (Oleksandr, Aleksandr → ALKSNTR).
A query is reduced the same way; children sharing a key with every query token are
candidates, ranked by string similarity with an explanation of why each matched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import jellyfish
from anyascii import anyascii

_GERMAN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)
_NON_LETTERS = re.compile(r"[^a-z ]+")
_VOWELS = "AEIOUY"


def tokens(name: str) -> list[str]:
    """Folded tokens of a name: ASCII letters only, lower case."""
    folded = anyascii(unicodedata.normalize("NFC", name)).lower().replace("-", " ")
    return [t for t in _NON_LETTERS.sub(" ", folded).split() if len(t) > 1]


def _variants(name: str) -> set[str]:
    """Ü as u and as ue (Müller is written Muller and Mueller)."""
    return {name, name.translate(_GERMAN)}


def phonetic(token: str) -> str:
    """A phonetic skeleton: 'ue' read as 'u', metaphone, and any leading vowel as A."""
    key = jellyfish.metaphone(token.replace("ue", "u").replace("oe", "o").replace("ae", "a"))
    if key and key[0] in _VOWELS:
        key = "A" + key[1:]
    return key


def keys_for_names(names: Iterable[str]) -> set[tuple[str, str]]:
    keys: set[tuple[str, str]] = set()
    for name in names:
        for variant in _variants(name):
            for token in tokens(variant):
                keys.add(("fold", token))
                code = phonetic(token)
                if code:
                    keys.add(("phon", code))
    return keys


def query_keys(query: str) -> list[set[str]]:
    """For each query token, the keys that may find it."""
    per_token: dict[str, set[str]] = {}
    for variant in _variants(query):
        for token in tokens(variant):
            base = token.replace("ue", "u")
            per_token.setdefault(base, set()).update({token, phonetic(token)})
    return list(per_token.values())


@dataclass
class Match:
    child_id: int
    score: float
    reasons: list[str] = field(default_factory=list)


def rank(query: str, candidates: dict[int, list[str]]) -> list[Match]:
    """Orders candidates (child id → name forms) by how well their best name form matches each
    query token, explaining each token's match."""
    query_tokens = tokens(query.translate(_GERMAN)) or tokens(query)
    matches = []
    for child_id, forms in candidates.items():
        form_tokens = {t for form in forms for v in _variants(form) for t in tokens(v)}
        if not form_tokens or not query_tokens:
            continue
        total = 0.0
        reasons = []
        for q in query_tokens:
            best_token, best = max(
                ((t, jellyfish.jaro_winkler_similarity(q, t)) for t in form_tokens),
                key=lambda pair: pair[1],
            )
            if q == best_token:
                reasons.append(f"“{q}” spelled the same")
            elif phonetic(q) == phonetic(best_token):
                reasons.append(f"“{q}” sounds like “{best_token}”")
                best = max(best, 0.9)
            else:
                reasons.append(f"“{q}” is close to “{best_token}” ({best:.0%})")
            total += best
        matches.append(
            Match(child_id=child_id, score=round(total / len(query_tokens), 3), reasons=reasons)
        )
    return sorted(matches, key=lambda m: (-m.score, m.child_id))
