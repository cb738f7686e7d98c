"""Name search quality: does the child come up when a name is written by another convention?

    nice -n 10 .venv/bin/python bench/name_search_quality.py [--pool 20000] [--targets 60]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_names .venv/bin/python \\
        bench/name_search_quality.py            # the same on PostgreSQL, with its latency

Seeds one benchmark hotline ("bench-names", in the database of DATABASE_URL; by default its own
SQLite file var/name_bench.sqlite3) with the invented pool of bench/name_corpus.py: children of
many origins, among them targets registered as a hotline writes them (Ukrainian passport
romanisation, one Latin spelling of Arabic-origin names, Central European names with
diacritics). Then, in the same run, every search of the corpus goes through Homeward's
`search_children` (its first five) and through a plain baseline (every name folded to ASCII
with anyascii and scored with rapidfuzz's token-sort ratio against all the hotline's
children; its first five). Prints top-5 recall per convention and overall, top-1 recall, the
mean reciprocal rank, the partial searches (one name right, the other wrong) listed at all,
and the latency of Homeward's search (p50, p95). Writes var/name_search_quality.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from name_corpus import Child, build

ROOT = Path(__file__).resolve().parent.parent
SLUG = "bench-names"
TOP = 5


def _setup() -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'name_bench.sqlite3'}")
    os.environ.setdefault("HOMEWARD_DEMO", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.config.settings")
    (ROOT / "var").mkdir(exist_ok=True)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _seed(pool: list[Child], *, keep_keys: bool) -> tuple[Any, list[int]]:
    """The benchmark hotline's operator, and the pool's child ids (in pool order). The pool is
    written once and kept while it stays the same; its name keys are rebuilt on every run, so a
    change to the key algorithm is measured."""
    from django.db import transaction

    from homeward.cases import name_index
    from homeward.cases.models import Child as ChildRow
    from homeward.cases.models import NameKey
    from homeward.organisations import actions
    from homeward.organisations.models import Membership, Organisation
    from homeward.organisations.roles import OrganisationKind, Role

    organisation = Organisation.objects.filter(slug=SLUG).first()
    if organisation is None:
        organisation = actions.create_organisation(
            acting_user=None,
            name="Name benchmark hotline",
            slug=SLUG,
            kind=OrganisationKind.NATIONAL_HOTLINE,
            country="BE",
            languages=["en"],
        )
        actions.add_member(
            acting_user=None,
            organisation=organisation,
            email=f"operator@{SLUG}.bench.invalid",
            role=Role.OPERATOR,
        )
    membership = Membership.objects.select_related("user", "organisation").get(
        organisation=organisation, role=Role.OPERATOR
    )
    rows = ChildRow.objects.filter(organisation=organisation).order_by("pk")
    stored = list(rows.values_list("pk", "given_names", "family_name"))
    if [(g, f) for _pk, g, f in stored] != [(c.given, c.family) for c in pool]:
        with transaction.atomic():
            NameKey.objects.filter(organisation=organisation).delete()
            rows.delete()
            ChildRow.objects.bulk_create(
                [
                    ChildRow(organisation=organisation, given_names=c.given, family_name=c.family)
                    for c in pool
                ],
                batch_size=2000,
            )
        stored = list(rows.values_list("pk", "given_names", "family_name"))
    if keep_keys and NameKey.objects.filter(organisation=organisation).exists():
        return membership, [pk for pk, _g, _f in stored]
    started = time.perf_counter()
    name_index.rebuild_all_name_keys(organisation, batch=2000)
    print(f"name keys rebuilt in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return membership, [pk for pk, _g, _f in stored]


class Baseline:
    """Every name folded to ASCII (anyascii), scored with rapidfuzz's token-sort ratio."""

    def __init__(self, pool: list[Child]) -> None:
        self.choices = [_ascii(f"{c.given} {c.family}") for c in pool]

    def top(self, query: str, limit: int) -> list[int]:
        from rapidfuzz import fuzz, process

        found = process.extract(
            _ascii(query), self.choices, scorer=fuzz.token_sort_ratio, limit=limit
        )
        return [int(index) for _choice, _score, index in found]


def _ascii(text: str) -> str:
    from anyascii import anyascii

    return str(anyascii(text)).lower()


def _rank(found: list[int], target: int) -> int | None:
    return found.index(target) + 1 if target in found else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pool", type=int, default=20_000, help="children at the hotline")
    parser.add_argument("--targets", type=int, default=60, help="per origin (three origins)")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument(
        "--keep-keys", action="store_true", help="when names.py's keys did not change since"
    )
    args = parser.parse_args()
    _setup()
    from django.db import connection

    from homeward.cases.search import CANDIDATE_CAP, search_children

    pool, searches = build(args.pool, args.targets)
    membership, ids = _seed(pool, keep_keys=args.keep_keys)
    index_of = {pk: i for i, pk in enumerate(ids)}
    baseline = Baseline(pool)
    ranks: dict[str, list[tuple[int | None, int | None]]] = defaultdict(list)
    partial: list[tuple[bool, bool]] = []
    timings: list[float] = []
    cpu: list[float] = []
    misses: list[str] = []
    for search in searches:
        limit = CANDIDATE_CAP if search.partial else TOP
        started, started_cpu = time.perf_counter(), time.process_time()
        found = search_children(membership, search.query, limit=limit)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        ours = [index_of[m.child.id] for m in found]
        theirs = baseline.top(search.query, TOP)
        if search.partial:
            partial.append((search.target in ours, search.target in theirs))
            continue
        ranks[search.convention].append((_rank(ours, search.target), _rank(theirs, search.target)))
        if search.target not in ours:
            child = pool[search.target]
            shown = ", ".join(f"{m.child} {m.score}" for m in found[:3])
            misses.append(
                f"{search.convention}: {search.query!r} → {child.given} {child.family}"
                f" (found: {shown})"
            )
    report = _report(ranks, partial, (timings, cpu), connection.vendor, len(pool))
    print(report["text"])
    if args.show_misses:
        print("\n".join(misses))
    out = ROOT / "var" / "name_search_quality.json"
    out.write_text(json.dumps({k: v for k, v in report.items() if k != "text"}, indent=1))


Ranks = list[tuple[int | None, int | None]]
"""Per search: the target's place (1–5) in Homeward's results and in the baseline's, or None."""


def _recall(pairs: Ranks, side: int, within: int = TOP) -> float:
    places = [pair[side] for pair in pairs]
    return sum(1 for place in places if place is not None and place <= within) / len(pairs)


def _mrr(pairs: Ranks, side: int) -> float:
    places = [pair[side] for pair in pairs]
    return sum(1 / place for place in places if place is not None) / len(pairs)


def _report(
    ranks: dict[str, list[tuple[int | None, int | None]]],
    partial: list[tuple[bool, bool]],
    timings: tuple[list[float], list[float]],
    vendor: str,
    pool: int,
) -> dict[str, Any]:
    everything = [pair for pairs in ranks.values() for pair in pairs]
    rows = []
    lines = [
        f"{pool} children, {len(everything)} searches (+{len(partial)} partial), {vendor}",
        f"{'convention':34} {'n':>4} {'Homeward top-5':>15} {'baseline top-5':>15}"
        f" {'Homeward top-1':>15} {'baseline top-1':>15}",
    ]
    for convention, pairs in [*sorted(ranks.items()), ("overall", everything)]:
        row = {
            "convention": convention,
            "searches": len(pairs),
            "homeward_top5": round(_recall(pairs, 0), 3),
            "baseline_top5": round(_recall(pairs, 1), 3),
            "homeward_top1": round(_recall(pairs, 0, 1), 3),
            "baseline_top1": round(_recall(pairs, 1, 1), 3),
            "homeward_mrr": round(_mrr(pairs, 0), 3),
            "baseline_mrr": round(_mrr(pairs, 1), 3),
        }
        rows.append(row)
        lines.append(
            f"{convention:34} {len(pairs):4d} {row['homeward_top5']:15.1%}"
            f" {row['baseline_top5']:15.1%} {row['homeward_top1']:15.1%}"
            f" {row['baseline_top1']:15.1%}"
        )
    listed = sum(ours for ours, _theirs in partial) / len(partial)
    listed_baseline = sum(theirs for _ours, theirs in partial) / len(partial)
    lines.append(
        f"partial (one name wrong): listed by Homeward {listed:.1%};"
        f" in the baseline's first five {listed_baseline:.1%}"
    )
    latency = {}
    for name, measured in zip(("wall", "cpu"), timings, strict=True):
        ms = sorted(t * 1000 for t in measured)
        latency[name] = {
            "p50": round(statistics.median(ms), 1),
            "p95": round(ms[len(ms) * 95 // 100], 1),
        }
        lines.append(
            f"search_children {name} time ({vendor}): p50 {latency[name]['p50']} ms,"
            f" p95 {latency[name]['p95']} ms (this process; wall includes the database)"
        )
    return {
        "text": "\n".join(lines),
        "database": vendor,
        "pool": pool,
        "conventions": rows,
        "partial_listed": round(listed, 3),
        "latency_ms": latency,
    }


if __name__ == "__main__":
    main()
