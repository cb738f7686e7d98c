"""Co-mediation pairs: two published mediators who together cover both parents' countries
and languages, one with a legal and one with a psychosocial background and, where possible, a
man and a woman.

Candidates are the published mediators who take cases with either country or speak either
parent's language. Each is reduced to what she covers (a signature), read as plain rows; pairs
of signatures are ranked, then filled with concrete mediators, so the work grows with the
number of distinct signatures (a few dozen), not with the square of the candidates, and only
the (at most twenty) chosen profiles are loaded with their languages and countries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations_with_replacement
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django_countries import countries as names

from homeward.core.templatetags.language_names import language_name
from homeward.mediators.access import public_mediators, speakers_of
from homeward.mediators.choices import Background, Gender, ProfileState
from homeward.mediators.models import Mediator, MediatorCountry, MediatorLanguage

MAX_PAIRS = 10


@dataclass(frozen=True)
class Question:
    situation: str
    country_a: str
    country_b: str
    languages_a: tuple[str, ...]
    languages_b: tuple[str, ...]


@dataclass(frozen=True)
class Signature:
    country_a: bool
    country_b: bool
    speaks_a: bool
    speaks_b: bool
    legal: bool
    psychosocial: bool
    gender: str


@dataclass
class Pair:
    first: Mediator
    second: Mediator
    score: int
    covers: list[str] = field(default_factory=list)
    lacks: list[str] = field(default_factory=list)


def _ids(rows: QuerySet[MediatorLanguage, Any]) -> set[int]:
    return {row["mediator"] for row in rows}


def signatures(question: Question) -> list[tuple[int, Signature]]:
    """Each candidate's id and what she covers, by name: plain rows, no profile loaded."""
    countries = [question.country_a, question.country_b]
    reach = MediatorCountry.objects.filter(country__in=countries)
    languages = list(question.languages_a + question.languages_b)
    rows = (
        Mediator.objects.filter(state=ProfileState.PUBLISHED)
        .filter(Q(pk__in=reach.values("mediator")) | Q(pk__in=speakers_of(languages)))
        .order_by("full_name", "pk")
        .values_list("pk", "gender", "background")
    )
    takes: dict[str, set[int]] = defaultdict(set)
    for mediator, country in reach.values_list("mediator", "country"):
        takes[country].add(mediator)
    speak_a = _ids(speakers_of(list(question.languages_a)))
    speak_b = _ids(speakers_of(list(question.languages_b)))
    return [
        (
            pk,
            Signature(
                country_a=pk in takes[question.country_a],
                country_b=pk in takes[question.country_b],
                speaks_a=pk in speak_a,
                speaks_b=pk in speak_b,
                legal=background in (Background.LEGAL, Background.BOTH),
                psychosocial=background in (Background.PSYCHOSOCIAL, Background.BOTH),
                gender=gender,
            ),
        )
        for pk, gender, background in rows
    ]


def _complementary(one: Signature, two: Signature) -> bool:
    return (one.legal and two.psychosocial) or (one.psychosocial and two.legal)


def _score(one: Signature, two: Signature) -> int:
    score = 0
    score += 4 * (one.country_a or two.country_a) + 4 * (one.country_b or two.country_b)
    score += 4 * (one.speaks_a or two.speaks_a) + 4 * (one.speaks_b or two.speaks_b)
    score += 3 * _complementary(one, two)
    score += 2 * ({one.gender, two.gender} == {Gender.WOMAN, Gender.MAN})
    # each mediator reaching one parent on her own makes for a balanced pair
    score += (one.speaks_a or one.speaks_b) + (two.speaks_a or two.speaks_b)
    return int(score)


def _explain(pair: Pair, one: Signature, two: Signature, question: Question) -> None:
    for country, covered in (
        (question.country_a, one.country_a or two.country_a),
        (question.country_b, one.country_b or two.country_b),
    ):
        name = str(names.name(country)) or country
        if covered:
            pair.covers.append(_("takes cases with %(country)s") % {"country": name})
        else:
            pair.lacks.append(_("no one takes cases with %(country)s") % {"country": name})
    for which, languages, covered in (
        (_("the first parent"), question.languages_a, one.speaks_a or two.speaks_a),
        (_("the other parent"), question.languages_b, one.speaks_b or two.speaks_b),
    ):
        spoken = ", ".join(language_name(tag) for tag in languages)
        values = {"parent": which, "languages": spoken}
        if covered:
            pair.covers.append(_("speaks with %(parent)s (%(languages)s)") % values)
        else:
            pair.lacks.append(_("no one speaks %(languages)s with %(parent)s") % values)
    if _complementary(one, two):
        pair.covers.append(_("one legal and one psychosocial background"))
    else:
        pair.lacks.append(_("not one legal and one psychosocial background"))
    if {one.gender, two.gender} == {Gender.WOMAN, Gender.MAN}:
        pair.covers.append(_("a woman and a man"))
    else:
        pair.lacks.append(_("not a woman and a man"))


def propose(question: Question, limit: int = MAX_PAIRS) -> list[Pair]:
    """Up to `limit` pairs, best first, each mediator in at most one of them."""
    groups: dict[Signature, list[int]] = defaultdict(list)
    for pk, sign in signatures(question):
        groups[sign].append(pk)
    ranked = sorted(
        combinations_with_replacement(groups, 2),
        key=lambda two: -_score(*two),
    )
    used: set[int] = set()
    chosen: list[tuple[int, int, Signature, Signature]] = []
    for one, two in ranked:
        while len(chosen) < limit:
            first = next((pk for pk in groups[one] if pk not in used), None)
            if first is None:
                break
            used.add(first)
            second = next((pk for pk in groups[two] if pk not in used), None)
            if second is None:
                used.discard(first)
                break
            used.add(second)
            chosen.append((first, second, one, two))
        if len(chosen) >= limit:
            break
    profiles = public_mediators().in_bulk(used)
    pairs = []
    for first, second, one, two in chosen:
        pair = Pair(profiles[first], profiles[second], _score(one, two))
        _explain(pair, one, two, question)
        pairs.append(pair)
    return pairs
