"""Child alerts and publicity appeals in the statistics: counted for the hotline in the year of
the authority's activation or of the publication, in the hotline's own time zone, by how each
ended (or not yet); drafts never count; nothing personal is read. The two indicators reach the
own figures page, a return's template and upload, and the SDMX export."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook  # type: ignore[import-untyped]

from homeward.alerts import actions as alert_actions
from homeward.alerts import figures as alert_figures
from homeward.alerts.models import Alert
from homeward.appeals import actions as appeal_actions
from homeward.appeals import figures as appeal_figures
from homeward.appeals.models import Appeal
from homeward.cases import actions as case_actions
from homeward.organisations.models import Organisation
from homeward.statistics import catalogue
from homeward.statistics import dimensions as d
from homeward.statistics.compute import figures_for
from homeward.statistics.disclosure import protect
from homeward.statistics.exports import export
from homeward.statistics.figures import Figures
from homeward.statistics.returns.template import csv_return, template_file
from homeward.statistics.returns.validation import check_upload
from homeward.testing.alerts import make_alert
from homeward.testing.appeals import make_appeal
from homeward.testing.cast import Cast

T = d.TOTAL
NEW_YEARS_EVE = datetime(2025, 12, 31, 23, 30, tzinfo=UTC)
"""00:30 on 1 January 2026 in Brussels, still 31 December 2025 in Lisbon."""
YEAR_BEFORE = datetime(2024, 12, 31, 23, 30, tzinfo=UTC)
"""2025 in Brussels, 2024 in Lisbon."""

pytestmark = pytest.mark.django_db


def _decided(alert: Alert, moment: datetime) -> Alert:
    Alert.objects.filter(pk=alert.pk).update(decided_at=moment)
    alert.refresh_from_db()
    return alert


def _published(appeal: Appeal, moment: datetime) -> Appeal:
    Appeal.objects.filter(pk=appeal.pk).update(published_at=moment)
    appeal.refresh_from_db()
    return appeal


def _close(cast: Cast, prefix: str, alert_or_appeal: Alert | Appeal) -> None:
    closure = case_actions.request_closure(
        membership=cast.member(f"{prefix}_operator"), case=alert_or_appeal.case,
        outcome="still_missing",
    )  # fmt: skip
    case_actions.decide_closure(
        membership=cast.member(f"{prefix}_supervisor"), closure=closure, approve=True
    )


def _found(cast: Cast, prefix: str, alert_or_appeal: Alert | Appeal) -> None:
    case_actions.change_status(
        membership=cast.member(f"{prefix}_operator"), case=alert_or_appeal.case, status="found"
    )


def _alerts(cast: Cast) -> None:
    """Belgium (Brussels): found, duration over, ended by the authority in 2025 (one of them
    just after midnight on New Year's Day 2025), one still active from 00:30 on 1 January 2026.
    France, here in Lisbon's time: closed, activated at 23:30 on New Year's Eve 2025; one of
    2024's last half hour."""
    found = _decided(make_alert(cast, cast.be, photo=False), datetime(2025, 3, 10, 9, tzinfo=UTC))
    _found(cast, "be", found)
    over = _decided(make_alert(cast, cast.be, photo=False), datetime(2025, 6, 1, 9, tzinfo=UTC))
    Alert.objects.filter(pk=over.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert alert_actions.end_expired_alerts() == 1
    ended = _decided(make_alert(cast, cast.be, photo=False), YEAR_BEFORE)
    alert_actions.end_alert(
        membership=cast.member("be_operator"), alert=ended, reason="authority_ended"
    )
    _decided(make_alert(cast, cast.be, photo=False), NEW_YEARS_EVE)
    closed = _decided(make_alert(cast, cast.fr, photo=False), NEW_YEARS_EVE)
    _close(cast, "fr", closed)
    _decided(make_alert(cast, cast.fr, photo=False), YEAR_BEFORE)


def _appeals(cast: Cast) -> None:
    """Belgium: found, ended by the hotline, end date passed in 2025; one published at 00:30 on
    1 January 2026, still up; a draft and one consented but never published. France (Lisbon):
    consent withdrawn, published at 23:30 on New Year's Eve 2025."""
    found = _published(make_appeal(cast, cast.be), datetime(2025, 5, 1, 8, tzinfo=UTC))
    _found(cast, "be", found)
    _published(make_appeal(cast, cast.be, state="ended"), datetime(2025, 2, 1, 8, tzinfo=UTC))
    expired = _published(make_appeal(cast, cast.be), datetime(2025, 7, 1, 8, tzinfo=UTC))
    Appeal.objects.filter(pk=expired.pk).update(visible_until=timezone.now() - timedelta(seconds=1))
    assert appeal_actions.take_down_expired() == 1
    _published(make_appeal(cast, cast.be), NEW_YEARS_EVE)
    make_appeal(cast, cast.be, state="draft")
    make_appeal(cast, cast.be, state="consented")
    withdrawn = _published(make_appeal(cast, cast.fr), NEW_YEARS_EVE)
    appeal_actions.record_consent(
        membership=cast.member("fr_operator"), appeal=withdrawn, party="guardian",
        answer="withdrawn", name="Test guardian", how="phone",
        given_at=datetime(2025, 12, 31, 23, 45, tzinfo=UTC),
    )  # fmt: skip


@pytest.fixture
def counted(cast: Cast) -> Cast:
    Organisation.objects.filter(pk=cast.fr.pk).update(time_zone="Europe/Lisbon")
    _alerts(cast)
    _appeals(cast)
    return cast


def _cells(figures: Figures, code: str) -> dict[str, Decimal]:
    """The indicator's non-zero cells by code."""
    return {b[0]: v for b, v in figures.cells(code).items() if v}


def test_alerts_count_in_the_year_of_activation_in_the_hotlines_time_zone(counted: Cast) -> None:
    cast = counted
    year = figures_for([cast.be.pk, cast.fr.pk], date(2025, 1, 1), date(2026, 1, 1))
    assert _cells(year[cast.be.pk], "ALERTS") == {
        "child_found": 1, "duration_over": 1, "authority_ended": 1, T: 3,
    }  # fmt: skip
    assert _cells(year[cast.fr.pk], "ALERTS") == {"case_closed": 1, T: 1}
    assert year[cast.be.pk].get("ALERTS", (d.NOT_ENDED,)) == 0  # every cell, zeros included
    later = figures_for([cast.be.pk, cast.fr.pk], date(2026, 1, 1), date(2026, 2, 1))
    assert _cells(later[cast.be.pk], "ALERTS") == {d.NOT_ENDED: 1, T: 1}
    assert _cells(later[cast.fr.pk], "ALERTS") == {}
    before = figures_for([cast.fr.pk], date(2024, 12, 31), date(2025, 1, 1))
    assert _cells(before[cast.fr.pk], "ALERTS") == {d.NOT_ENDED: 1, T: 1}


def test_appeals_count_once_published_in_the_year_of_publication(counted: Cast) -> None:
    cast = counted
    year = figures_for([cast.be.pk, cast.fr.pk], date(2025, 1, 1), date(2026, 1, 1))
    assert _cells(year[cast.be.pk], "APPEALS") == {
        "child_found": 1, "by_hotline": 1, "expired": 1, T: 3,
    }  # fmt: skip
    assert _cells(year[cast.fr.pk], "APPEALS") == {"consent_withdrawn": 1, T: 1}
    later = figures_for([cast.be.pk], date(2026, 1, 1), date(2026, 1, 2))
    assert _cells(later[cast.be.pk], "APPEALS") == {d.NOT_ENDED: 1, T: 1}


def test_the_figures_functions_select_codes_only(counted: Cast) -> None:
    bounds = {counted.be.pk: (datetime(2000, 1, 1, tzinfo=UTC), datetime(2030, 1, 1, tzinfo=UTC))}
    for rows in (alert_figures.alerts_activated(bounds), appeal_figures.appeals_published(bounds)):
        selected = set(rows.query.values_select) | set(rows.query.annotation_select)
        assert selected == {"organisation_id", "end_reason"}
        assert {row["end_reason"] for row in rows} <= {"", *d.ALERT_END.codes, *d.APPEAL_END.codes}


def test_the_own_figures_page_and_api_show_them(counted: Cast) -> None:
    client = counted.client("be_supervisor")
    page = client.get("/statistics/?start=2025-01-01&end=2025-12-31").content.decode()
    assert 'id="group-publicity"' in page
    assert 'data-indicator="ALERTS"' in page and 'data-indicator="APPEALS"' in page
    assert "Still active when counted" in page and "Ended by the hotline" in page
    body = client.get("/api/v1/statistics/figures?start=2025-01-01&end=2025-12-31").json()
    alerts = next(i for i in body["indicators"] if i["code"] == "ALERTS")
    assert alerts["dimensions"] == ["alert_end"]
    cells = {c["breakdown"]: c["value"] for c in alerts["cells"]}
    assert (cells["child_found"], cells[T]) == (1, 3)


def test_the_return_template_asks_for_them_and_an_upload_keeps_them(counted: Cast) -> None:
    cast = counted
    content, _type, _name = template_file(
        "csv", year=2025, organisation="Test Hotline Belgium", code="BE"
    )
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    for code, dimension in (("ALERTS", d.ALERT_END), ("APPEALS", d.APPEAL_END)):
        asked = {r["code_1"] for r in rows if r["indicator"] == code}
        assert asked == {*dimension.codes, T}, code
    book = load_workbook(
        io.BytesIO(template_file("xlsx", year=2025, organisation="Test", code="BE")[0])
    )
    assert {"ALERTS", "APPEALS"} <= set(book.sheetnames)
    computed = figures_for([cast.be.pk], date(2025, 1, 1), date(2026, 1, 1))[cast.be.pk]
    uploaded = check_upload("be-2025.csv", csv_return(computed))
    assert uploaded.cells("ALERTS") == computed.cells("ALERTS")
    assert uploaded.get("APPEALS", ("expired",)) == 1


def test_the_sdmx_export_carries_them_with_small_counts_hidden(counted: Cast) -> None:
    cast = counted
    year = figures_for([cast.be.pk, cast.fr.pk], date(2025, 1, 1), date(2026, 1, 1))
    published = protect({"BE": year[cast.be.pk], "FR": year[cast.fr.pk]}, threshold=2, year=2025)
    rows = list(csv.DictReader(io.StringIO(export(published, "sdmx-csv").decode())))
    alerts = {(r["COUNTRY"], r["BREAKDOWN"]): r for r in rows if r["INDICATOR"] == "ALERTS"}
    assert {b for (country, b) in alerts if country == T} == {*d.ALERT_END.codes, T}
    none = alerts[("BE", "case_closed")]
    assert (none["OBS_VALUE"], none["UNIT_MEASURE"], none["OBS_STATUS"]) == ("0", "COUNT", "A")
    # a single alert is below the threshold of 2: hidden, as confidential, and so is the total
    # that, with the zeros, would give the hidden cells back
    for cell in ("child_found", T):
        hidden = alerts[("BE", cell)]
        assert (hidden["OBS_VALUE"], hidden["OBS_STATUS"], hidden["CONF_STATUS"]) == (
            "NaN", "Q", "C",
        )  # fmt: skip
    appeals = {r["BREAKDOWN"] for r in rows if r["INDICATOR"] == "APPEALS"}
    assert appeals == {*d.APPEAL_END.codes, T}
    assert catalogue.BY_CODE["APPEALS"] in published.indicators
