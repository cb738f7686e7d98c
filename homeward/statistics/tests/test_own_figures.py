"""A hotline's own figures, page and API: its own counts only, for the period asked (this year
so far by default) beside the same days a year earlier; refused to roles without
view_own_statistics (the DPO, the network office); a bad period named in the answer."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from homeward.statistics.catalogue import CATALOGUE, cells
from homeward.statistics.figures import breakdown_key
from homeward.statistics.tests.known_network import build
from homeward.testing.cast import Cast

API = "/api/v1/statistics/figures"
YEAR_2025 = "start=2025-01-01&end=2025-12-31"


def _cells(body: dict[str, Any], code: str) -> dict[str, tuple[Any, Any]]:
    indicator = next(i for i in body["indicators"] if i["code"] == code)
    return {c["breakdown"]: (c["value"], c["previous"]) for c in indicator["cells"]}


def test_the_api_lists_every_indicator_with_every_cell(cast: Cast) -> None:
    build(cast)
    response = cast.client("be_supervisor").get(f"{API}?{YEAR_2025}")
    assert response.status_code == 200
    body = response.json()
    assert (body["start"], body["end"]) == ("2025-01-01", "2025-12-31")
    assert (body["previous_start"], body["previous_end"]) == ("2024-01-01", "2024-12-31")
    assert [i["code"] for i in body["indicators"]] == [i.code for i in CATALOGUE]
    for indicator in CATALOGUE:
        if indicator.is_count:
            listed = set(_cells(body, indicator.code))
            assert {breakdown_key(c) for c in cells(indicator)} <= listed, indicator.code
    # C4 to C11 but C9 in 2025; C1, C2, C3 in 2024 (known_data.py)
    assert _cells(body, "CASES_NEW")["_T"] == (7, 3)
    assert _cells(body, "CASES_NEW")["runaway"] == (3, 2)
    assert _cells(body, "REQUESTS_ACK_MEDIAN")[""] == (0.5, None)  # none acknowledged in 2024


def test_each_hotline_sees_its_own_figures_only(cast: Cast) -> None:
    build(cast)  # Belgium's and Portugal's cases; France has none
    body = cast.client("fr_operator").get(f"{API}?{YEAR_2025}").json()
    assert body["organisation"] == "test-fr"
    assert _cells(body, "CASES_NEW")["_T"] == (0, 0)
    assert _cells(body, "CONTACTS_CHANNEL")["_T"] == (0, 0)


def test_this_year_so_far_unless_asked(cast: Cast) -> None:
    body = cast.client("be_operator").get(API).json()
    today = datetime.now(ZoneInfo("Europe/Brussels")).date()  # the Belgian hotline's today
    assert (body["start"], body["end"]) == (f"{today.year}-01-01", today.isoformat())
    assert body["previous_start"] == f"{today.year - 1}-01-01"


def test_a_period_ending_before_it_starts_is_refused(cast: Cast) -> None:
    response = cast.client("be_operator").get(f"{API}?start=2025-03-01&end=2025-02-01")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "end"
    page = cast.client("be_operator").get("/statistics/?start=2025-03-01&end=2025-02-01")
    assert page.status_code == 200
    assert "The period ends before it starts." in page.content.decode()
    assert "figures-table" not in page.content.decode()


@pytest.mark.parametrize("member", ["be_dpo", "coordinator"])
def test_roles_without_the_permission_are_refused(cast: Cast, member: str) -> None:
    client = cast.client(member)
    assert client.get(f"{API}?{YEAR_2025}").status_code == 403
    assert client.get("/statistics/").status_code == 403


def test_the_page_shows_the_figures_and_is_in_the_menu(cast: Cast) -> None:
    build(cast)
    client = cast.client("be_operator")
    assert 'href="/statistics/"' in client.get("/dashboard/").content.decode()
    page = client.get(f"/statistics/?{YEAR_2025}").content.decode()
    assert 'data-indicator="CASES_NEW"' in page
    for group in ("contacts", "cases", "children", "outcomes", "cross_border", "publicity"):
        assert f'id="group-{group}"' in page
    assert page.count('role="img"') == 6
    assert 'href="/statistics/"' not in cast.client("be_dpo").get("/dashboard/").content.decode()
