"""A risk factor row is never dropped unseen: a row with anything typed in it is a factor, and
everything wrong with the rows is refused at once, each error in its row and named by its row
in the summary."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from homeward.cases import actions
from homeward.cases.models import RiskAssessment
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def test_a_row_with_detail_but_no_factor_is_refused_not_dropped(cast: Cast) -> None:
    case = make_case(cast)
    operator = cast.member("be_operator")
    with pytest.raises(ValidationError) as raised:
        actions.assess_risk(
            membership=operator, case=case, grade="medium",
            factors=[{"kind": "", "detail": "Seen with an older man", "source": "aunt"}],
        )  # fmt: skip
    assert raised.value.message_dict == {"factors.0.kind": ["Choose the factor this row is about."]}
    assert not RiskAssessment.objects.exists()


def test_every_rows_errors_show_at_once_in_their_rows(cast: Cast) -> None:
    case = make_case(cast)
    future = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    data = {
        "grade": "medium", "factor-TOTAL_FORMS": "4", "factor-INITIAL_FORMS": "0",
        "factor-0-kind": "age", "factor-0-source": "", "factor-0-observed_at": future,
        "factor-1-kind": "", "factor-1-detail": "Seen with an older man",
    }  # fmt: skip
    page = cast.client("be_operator").post(f"/cases/{case.pk}/risk/", data)
    assert page.status_code == 200
    assert not RiskAssessment.objects.exists()
    text = html.unescape(page.content.decode())
    start = text.index("data-error-summary")
    summary = text[start : text.index("</ul>", start)]
    for problem in (
        "Factor 1, Source: Say where this comes from.",
        "Factor 1, When: This time is in the future.",
        "Factor 2, Factor: Choose the factor this row is about.",
        "Factor 2, Source: Say where this comes from.",
    ):
        assert problem in summary
    rows = page.context["factors"].forms
    assert rows[0].errors == {
        "source": ["Say where this comes from."],
        "observed_at": ["This time is in the future."],
    }
    assert rows[1].errors == {
        "kind": ["Choose the factor this row is about."],
        "source": ["Say where this comes from."],
    }
    assert 'id="id_factor-1-kind_error"' in text and 'value="Seen with an older man"' in text
    assert not rows[2].errors and not rows[3].errors
