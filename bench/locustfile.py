"""Load for one benchmark scenario against one target, driven by bench/run.py.

Environment (set by run.py):
  BENCH_CONFIG    JSON written by run.py: a token per simulated operator, organisation id, case
                  ids, filters, names
  BENCH_SCENARIO  contact | case_detail | case_list | search | mixed (each request one of the
                  four at random: the held load of bench/held.py, ours only)
  BENCH_TARGET    ours (the API, with the bearer token) | baseline (/bench/, one SQL statement)
  BENCH_PACE      mean seconds between an operator's requests; 0 (the default): none

Without a pace every simulated operator sends requests back to back: the figures are the
server's capacity at that concurrency, and latency there is the queue in front of a saturated
server. With a pace (each wait drawn between half and one and a half times it) they are the
latency at an offered load of users/pace requests a second.
"""

from __future__ import annotations

import itertools
import json
import os
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from locust import FastHttpUser, between, constant, task

CONFIG: dict[str, Any] = json.loads(Path(os.environ["BENCH_CONFIG"]).read_text())
SCENARIO = os.environ["BENCH_SCENARIO"]
TARGET = os.environ["BENCH_TARGET"]
PACE = float(os.environ.get("BENCH_PACE") or 0)
OURS = TARGET == "ours"
ORGANISATION = CONFIG["organisation_id"]
_NEXT_OPERATOR = itertools.count()


def _get(user: Operator, path: str, params: dict[str, Any], name: str) -> None:
    if not OURS:
        params = {"organisation": ORGANISATION, **params}
    url = f"{path}?{urlencode(params)}" if params else path
    with user.client.get(url, name=name, headers=user.auth, catch_response=True) as response:
        if response.status_code != 200:
            response.failure(f"status {response.status_code}")


def contact(user: Operator) -> None:
    body = {
        "channel": random.choice(["phone_116000", "phone_116000", "phone_116000", "chat", "email"]),
        "caller": random.choice(["parent", "child", "public", "professional"]),
        "contact_type": random.choice(["information", "support", "prevention", "silent"]),
        "language": CONFIG["language"],
        "notes": "Benchmark contact.",
    }
    path = "/api/v1/contacts" if OURS else f"/bench/contacts?organisation={ORGANISATION}"
    with user.client.post(
        path, json=body, name=f"contact {TARGET}", headers=user.auth, catch_response=True
    ) as response:
        if response.status_code != 201:
            response.failure(f"status {response.status_code}: {response.text[:200]}")


def case_detail(user: Operator) -> None:
    case_id = random.choice(CONFIG["case_ids"])
    path = f"/api/v1/cases/{case_id}" if OURS else f"/bench/cases/{case_id}"
    _get(user, path, {}, f"case_detail {TARGET}")


def case_list(user: Operator) -> None:
    status, category = random.choice(CONFIG["list_filters"])
    page = random.choice([1, 1, 1, 1, 2, 3])
    path = "/api/v1/cases" if OURS else "/bench/cases"
    params = {"status": status, "category": category, "page": page}
    _get(user, path, params, f"case_list {TARGET}")


def search(user: Operator) -> None:
    query = random.choice(CONFIG["names"])
    path = "/api/v1/search/children" if OURS else "/bench/search/children"
    _get(user, path, {"q": query}, f"search {TARGET}")


def mixed(user: Operator) -> None:
    random.choice(EVERYDAY)(user)


EVERYDAY: list[Callable[[Operator], None]] = [contact, case_detail, case_list, search]
SCENARIOS: dict[str, Callable[[Operator], None]] = {
    "contact": contact,
    "case_detail": case_detail,
    "case_list": case_list,
    "search": search,
    "mixed": mixed,
}


class Operator(FastHttpUser):
    wait_time = between(PACE / 2, PACE * 3 / 2) if PACE else constant(0)
    network_timeout = 30.0
    connection_timeout = 10.0

    def on_start(self) -> None:
        """Each simulated user is one operator, with their own token."""
        tokens = CONFIG["tokens"]
        token = tokens[next(_NEXT_OPERATOR) % len(tokens)]
        self.auth = {"Authorization": f"Bearer {token}"} if OURS else {}

    @task
    def scenario(self) -> None:
        SCENARIOS[SCENARIO](self)
