"""The search keys of a stored name (NameKey rows) and of a query: a child is a candidate when a
query token shares a key with one of the child's tokens."""

from __future__ import annotations

from collections.abc import Iterable

from homeward.cases.names.tokens import (
    ParsedName,
    Token,
    deletions,
    loose_consonants,
    nysiis,
    parse,
    phonetic,
    skeletons,
)

# Small words inside family names; optional in a query, and joined to the next token too

MAX_QUERY_TOKENS = 6


def token_keys(token: Token) -> dict[str, str]:
    """The stored keys of one token: key → kind."""
    keys = {v: "fold" for v in token.variants}
    if token.particle:
        return keys
    if token.abjad:
        keys.update({"=" + s: "abjad" for s in skeletons(token) if s.strip("_")})
        return keys
    for variant in token.variants:
        code = phonetic(variant)
        if code:
            keys[code] = "phon"
            keys.update({"~" + d: "typo" for d in deletions(code)})
        if nysiis(variant):
            keys["#" + nysiis(variant)] = "nysiis"
    keys.update({":" + s: "skel" for s in skeletons(token) if len(s.strip("_")) >= 2})
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
    skels = skeletons(token)
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
            for d in deletions(code):
                keys.setdefault(d, W_TYPO)
                keys.setdefault("~" + d, W_TYPO)
        if nysiis(variant):
            keys.setdefault("#" + nysiis(variant), W_PHON)
    keys.update({"=" + s: W_SKEL for s in skels if s.strip("_")})
    for key in _loose_keys(token):
        keys.setdefault(key, W_PHON if key[1] != ":" else W_LOOSE)
    return keys


def required_tokens(parsed: ParsedName) -> list[Token]:
    required = [t for t in parsed.tokens if not t.particle] or list(parsed.tokens)
    unique = {t.fold: t for t in required}
    return list(unique.values())[:MAX_QUERY_TOKENS]


def query_key_groups(query: str) -> list[dict[str, int]]:
    """One group per required query token (particles are optional): key → weight. A child is a
    candidate when it has a key of any group; the more groups, the stronger."""
    parsed = parse(query)
    groups = []
    for token in required_tokens(parsed):
        group = _query_token_keys(token)
        for joined in parsed.joined:
            if token.fold in joined.parts:
                for key, weight in _query_token_keys(joined).items():
                    group[key] = max(group.get(key, 0), weight)
        groups.append(group)
    return groups
