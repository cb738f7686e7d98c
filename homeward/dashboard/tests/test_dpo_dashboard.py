"""A data protection officer's dashboard shows what she acts on: reads of personal data,
exports, refused sign-ins of the members; not the operator's panels."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt

from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def test_the_dpo_sees_reads_exports_and_refused_sign_ins(cast: Cast) -> None:
    case = make_case(cast)
    cast.client("be_operator").get(f"/cases/{case.pk}/")
    cast.client("be_dpo").get("/audit/export.csv")
    for email in ("be_operator@cast.test", "fr_operator@cast.test"):
        AccessAttempt.objects.create(
            username=email, ip_address="192.0.2.7", user_agent="test", http_accept="*/*",
            path_info="/accounts/login/", get_data="", post_data="", failures_since_start=3,
        )  # fmt: skip
    page = cast.client("be_dpo").get("/dashboard/")
    reads = [(action, actor) for _e, actor, action, _o in page.context["recent_reads"]]
    assert ("Child's record read", "be_operator@cast.test") in reads
    assert [action for _e, _a, action, _o in page.context["recent_exports"]] == [
        "Audit trail exported"
    ]
    assert [a.username for a in page.context["failed_sign_ins"]] == ["be_operator@cast.test"]
    html = page.content.decode()
    assert "My cases" not in html and "Needs attention" not in html
    assert "Refused sign-ins" in html


def test_an_operator_sees_no_audit_panels(cast: Cast) -> None:
    page = cast.client("be_operator").get("/dashboard/")
    assert "recent_reads" not in page.context and "attention" in page.context


def test_the_coordinator_sees_cross_border_aggregates_without_personal_data(cast: Cast) -> None:
    page = cast.client("coordinator").get("/dashboard/")
    html = page.content.decode()
    assert page.context["network"].total == 0
    assert "0 requests sent between hotlines." in html
    assert 'href="/crossborder/network/"' in html
    assert "will appear here" not in html
