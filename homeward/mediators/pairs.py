"""Co-mediation pairs: two published mediators who together cover both parents' countries
and languages, one with a legal and one with a psychosocial background and, where possible, a
man and a woman.

Candidates are the published mediators who take cases with either country or speak either
parent's language. Each is reduced to what she covers (a signature); pairs of signatures are
ranked, then filled with concrete mediators, so the work grows with the number of distinct
signatures (a few dozen), not with the square of the candidates."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations_with_replacement

from django.db.models import Q
from django.utils.translation import gettext as _
from django_countries import countries as names

from homeward.core.templatetags.language_names import language_name
from homeward.mediators.access import public_mediators, speakers_of
from homeward.mediators.choices import Background, Gender
from homeward.mediators.models import Mediator, MediatorCountry

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


def _speaks(mediator: Mediator, languages: tuple[str, ...]) -> bool:
    spoken = {row.language for row in mediator.languages.all()}
    for tag in languages:
        primary = tag.lower().split("-")[0]
        if any(s == tag.lower() or s.split("-")[0] == primary for s in spoken):
            return True
    return False


def signature(mediator: Mediator, question: Question) -> Signature:
    countries = {row.country for row in mediator.countries.all()}
    return Signature(
        country_a=question.country_a in countries,
        country_b=question.country_b in countries,
        speaks_a=_speaks(mediator, question.languages_a),
        speaks_b=_speaks(mediator, question.languages_b),
        legal=mediator.background in (Background.LEGAL, Background.BOTH),
        psychosocial=mediator.background in (Background.PSYCHOSOCIAL, Background.BOTH),
        gender=mediator.gender,
    )


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


def candidates(question: Question) -> list[Mediator]:
    reach = MediatorCountry.objects.filter(
        country__in=[question.country_a, question.country_b]
    ).values("mediator")
    languages = list(question.languages_a + question.languages_b)
    return list(public_mediators().filter(Q(pk__in=reach) | Q(pk__in=speakers_of(languages))))


def propose(question: Question, limit: int = MAX_PAIRS) -> list[Pair]:
    """Up to `limit` pairs, best first, each mediator in at most one of them."""
    groups: dict[Signature, list[Mediator]] = defaultdict(list)
    for mediator in candidates(question):
        groups[signature(mediator, question)].append(mediator)
    ranked = sorted(
        combinations_with_replacement(groups, 2),
        key=lambda two: -_score(*two),
    )
    used: set[int] = set()
    pairs: list[Pair] = []
    for one, two in ranked:
        while len(pairs) < limit:
            first = next((m for m in groups[one] if m.pk not in used), None)
            if first is None:
                break
            used.add(first.pk)
            second = next((m for m in groups[two] if m.pk not in used), None)
            if second is None:
                used.discard(first.pk)
                break
            used.add(second.pk)
            pair = Pair(first, second, _score(one, two))
            _explain(pair, one, two, question)
            pairs.append(pair)
        if len(pairs) >= limit:
            break
    return pairs
