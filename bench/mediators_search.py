"""The public mediator search and the co-mediation pair finder with 10,000 mediators:
Homeward's pages against the plainest baseline, measured in the same run.

    nice -n 10 .venv/bin/python bench/mediators_search.py [--mediators 10000] [--searches 300]

On the database of DATABASE_URL (by default the SQLite file var/mediators_bench.sqlite3):
migrates it, and if it holds fewer published mediators than --mediators, writes the rest (the
demo's shape: the demo's 40 countries, practising in one and taking cases with one to three
more, the country's language as native plus one or two others, a background, a gender, some
specialisations). Then runs --searches searches and as many pair questions, each side in turn:

- the search, ours: `GET /mediators/?…` through Django's test client with a random mix of the
  public filters (country, language, background, specialisation, urgent, online, page), the
  whole page as a visitor gets it (middleware, `access.public_mediators`, the count, the
  prefetched languages and countries, the template); the baseline: the same filters as one
  hand-written `SELECT … LIMIT 20` and one `COUNT(*)`, rows fetched as tuples, nothing
  rendered;
- the pair finder, ours: `GET /mediators/pairs/?…` (two random countries, each parent's
  language), the candidates read, ranked and explained, the page rendered; the baseline: one
  hand-written `SELECT` of the same candidates with their language and country rows, fetched
  as tuples, nothing ranked or rendered (the least any pair finder has to read).

Prints the p50 and p95 of each side in milliseconds, and exits 1 if either of ours has a p95
of 100 ms or more (the target of issue 17). Writes var/bench/mediators-search-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET_P95_MS = 100.0
SECOND = ("en", "fr", "de", "es", "it", "pl", "ar", "ru", "tr", "nl")
SPECIALISATIONS = ("abduction", "relocation", "contact", "violence", "child_hearing",
                   "recognition")  # fmt: skip
SITUATIONS = ("taken_abroad", "relocation", "contact")
PROFESSIONS = {"legal": "Lawyer", "psychosocial": "Psychologist", "both": "Social worker"}


def _setup() -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'mediators_bench.sqlite3'}")
    os.environ.setdefault("HOMEWARD_DEMO", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.config.settings")
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.conf import settings
    from django.test.utils import override_settings

    # the pages link their static files by name: no collectstatic manifest is needed here
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    override_settings(
        STORAGES={**settings.STORAGES, "staticfiles": plain}, ALLOWED_HOSTS=["testserver"]
    ).enable()


def _countries() -> list[tuple[str, str]]:
    """The demo's countries, each with its first language."""
    from homeward.demo.mediators import MORE_COUNTRIES
    from homeward.demo.network import COUNTRIES

    ours = [(country.code, country.languages[0]) for country in COUNTRIES]
    return ours + [(code, spoken[0]) for code, spoken, _dial, _names in MORE_COUNTRIES]


def _seed(total: int, rng: random.Random) -> None:
    from django.db import transaction
    from django.utils import timezone

    from homeward.mediators.choices import ProfileState
    from homeward.mediators.models import Mediator, MediatorCountry, MediatorLanguage
    from homeward.organisations.models import Organisation
    from homeward.organisations.roles import OrganisationKind

    have = Mediator.objects.filter(state=ProfileState.PUBLISHED).count()
    countries = _countries()
    now = timezone.now()
    with transaction.atomic():
        network, _ = Organisation.objects.get_or_create(
            slug="bench-mediator-network",
            defaults={"name": "Bench mediator network", "kind": OrganisationKind.MEDIATOR_NETWORK},
        )
        plans = []
        for n in range(have, total):
            code, native = countries[n % len(countries)]
            background = rng.choice(("legal", "psychosocial", "both"))
            mediator = Mediator(
                organisation=network, full_name=f"Bench mediator {n:05d}",
                gender=rng.choice(("woman", "man")), background=background,
                profession=PROFESSIONS[background],
                specialisations=rng.sample(SPECIALISATIONS, rng.randint(1, 3)),
                network_training=True, training_hours=60, training_year=2020,
                urgent=rng.random() < 0.4, online=rng.random() < 0.6,
                email=f"mediator{n}@bench.test", phone="+32 000 00 00 00",
                state=ProfileState.PUBLISHED, published_at=now, confirmed_at=now,
            )  # fmt: skip
            others = rng.sample([c for c, _ in countries if c != code], rng.randint(1, 3))
            spoken = [native, *rng.sample([t for t in SECOND if t != native], rng.randint(1, 2))]
            plans.append((mediator, code, others, spoken))
        Mediator.objects.bulk_create([plan[0] for plan in plans], batch_size=2000)
        countries_rows, language_rows = [], []
        for mediator, code, others, spoken in plans:
            countries_rows.append(MediatorCountry(mediator=mediator, country=code, practises=True))
            countries_rows += [MediatorCountry(mediator=mediator, country=c) for c in others]
            language_rows += [
                MediatorLanguage(mediator=mediator, language=tag, level="fluent") for tag in spoken
            ]
        MediatorCountry.objects.bulk_create(countries_rows, batch_size=2000)
        MediatorLanguage.objects.bulk_create(language_rows, batch_size=2000)


def _searches(count: int, rng: random.Random) -> list[dict[str, str]]:
    countries = _countries()
    searches = []
    for _ in range(count):
        code, native = rng.choice(countries)
        query = {"country": code}
        if rng.random() < 0.6:
            query["language"] = rng.choice((native, *SECOND))
        if rng.random() < 0.4:
            query["background"] = rng.choice(("legal", "psychosocial"))
        if rng.random() < 0.3:
            query["specialisation"] = rng.choice(SPECIALISATIONS)
        for flag in ("urgent", "online"):
            if rng.random() < 0.25:
                query[flag] = "on"
        if rng.random() < 0.2:
            query["page"] = "2"
        searches.append(query)
    return searches


def _questions(count: int, rng: random.Random) -> list[dict[str, str]]:
    countries = _countries()
    questions = []
    for _ in range(count):
        (code_a, native_a), (code_b, native_b) = rng.sample(countries, 2)
        questions.append({
            "situation": rng.choice(SITUATIONS), "country_a": code_a, "country_b": code_b,
            "languages_a": native_a, "languages_b": native_b,
        })  # fmt: skip
    return questions


def _page(path: str, query: dict[str, str], must_hold: bytes = b"") -> float:
    from django.test import Client

    started = time.perf_counter()
    response = Client().get(path, query, headers={"accept-language": "en"})
    elapsed = time.perf_counter() - started
    if response.status_code != 200 or must_hold not in response.content:
        raise SystemExit(f"{path} answered {response.status_code} for {query}")
    return elapsed * 1000


def _search_page(query: dict[str, str]) -> float:
    return _page("/mediators/", query)


def _pairs_page(query: dict[str, str]) -> float:
    # a page that proposed nothing would be fast for the wrong reason
    return _page("/mediators/pairs/", query, must_hold=b'class="card pair"')


def _speakers(tags: list[str]) -> tuple[str, list[str]]:
    clauses, params = [], []
    for tag in tags:
        clauses.append("(language = %s OR language LIKE %s)")
        params += [tag, f"{tag}-%"]
    return " OR ".join(clauses), params


def _search_baseline(query: dict[str, str]) -> float:
    from django.db import connection

    where = ["state = %s"]
    params: list[Any] = ["published"]
    where.append("id IN (SELECT mediator_id FROM mediators_mediatorcountry WHERE country = %s)")
    params.append(query["country"])
    if "language" in query:
        clause, values = _speakers([query["language"]])
        speakers = f"SELECT mediator_id FROM mediators_mediatorlanguage WHERE {clause}"  # noqa: S608
        where.append(f"id IN ({speakers})")
        params += values
    if "background" in query:
        where.append("background IN (%s, 'both')")
        params.append(query["background"])
    if "specialisation" in query:
        where.append("specialisations LIKE %s")
        params.append(f'%"{query["specialisation"]}"%')
    for flag in ("urgent", "online"):
        if flag in query:
            where.append(f"{flag}")
    offset = (int(query.get("page", "1")) - 1) * 20
    table = "mediators_mediator"
    started = time.perf_counter()
    # the clauses are this module's fixed text; every value goes as a parameter
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE {' AND '.join(where)}", params)  # noqa: S608
        cursor.fetchone()
        cursor.execute(
            f"SELECT id, public_id, full_name, background, profession, urgent, online "  # noqa: S608
            f"FROM {table} WHERE {' AND '.join(where)} ORDER BY full_name, id LIMIT 20 OFFSET %s",
            [*params, offset],
        )
        cursor.fetchall()
    return (time.perf_counter() - started) * 1000


def _pairs_baseline(query: dict[str, str]) -> float:
    from django.db import connection

    clause, values = _speakers([query["languages_a"], query["languages_b"]])
    speakers = f"SELECT mediator_id FROM mediators_mediatorlanguage WHERE {clause}"  # noqa: S608
    reach = "SELECT mediator_id FROM mediators_mediatorcountry WHERE country IN (%s, %s)"
    published = "SELECT id FROM mediators_mediator WHERE state = 'published'"
    candidates = f"{published} AND (id IN ({reach}) OR id IN ({speakers}))"
    params = [query["country_a"], query["country_b"], *values]
    started = time.perf_counter()
    # the clauses are this module's fixed text; every value goes as a parameter
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, full_name, gender, background FROM mediators_mediator "  # noqa: S608
            f"WHERE id IN ({candidates}) ORDER BY full_name, id",
            params,
        )
        cursor.fetchall()
        cursor.execute(
            "SELECT mediator_id, language FROM mediators_mediatorlanguage "  # noqa: S608
            f"WHERE mediator_id IN ({candidates})",
            params,
        )
        cursor.fetchall()
        cursor.execute(
            "SELECT mediator_id, country FROM mediators_mediatorcountry "  # noqa: S608
            f"WHERE mediator_id IN ({candidates})",
            params,
        )
        cursor.fetchall()
    return (time.perf_counter() - started) * 1000


def _p(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1]


Timer = Callable[[dict[str, str]], float]


def _measure(ours: Timer, baseline: Timer, queries: list[dict[str, str]]) -> dict[str, float]:
    for query in queries[:20]:  # warm the caches of both sides
        ours(query)
        baseline(query)
    mine, plain = [], []
    for index, query in enumerate(queries):
        if index % 2:
            mine.append(ours(query))
            plain.append(baseline(query))
        else:
            plain.append(baseline(query))
            mine.append(ours(query))
    return {
        "ours_p50_ms": round(_p(mine, 50), 2),
        "ours_p95_ms": round(_p(mine, 95), 2),
        "baseline_p50_ms": round(_p(plain, 50), 2),
        "baseline_p95_ms": round(_p(plain, 95), 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mediators", type=int, default=10_000)
    parser.add_argument("--searches", type=int, default=300)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    _setup()
    rng = random.Random(args.seed)
    _seed(args.mediators, rng)
    search = _measure(_search_page, _search_baseline, _searches(args.searches, rng))
    pairs = _measure(_pairs_page, _pairs_baseline, _questions(args.searches, rng))
    result = {
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": os.environ["DATABASE_URL"].split("@")[-1],
        "mediators": args.mediators,
        "queries": args.searches,
        "search": search,
        "pairs": pairs,
        "target_p95_ms": TARGET_P95_MS,
    }
    print(json.dumps(result, indent=2))
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    (ROOT / "var" / "bench" / f"mediators-search-{stamp}.json").write_text(json.dumps(result))
    slow = max(search["ours_p95_ms"], pairs["ours_p95_ms"]) >= TARGET_P95_MS
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
