"""An appeal's life is on its case's timeline, in the reader's language: whoever takes the case
over sees that an appeal was prepared, who consented, until when it was public and why it ended."""

from __future__ import annotations

from django.utils import translation

from homeward.appeals import actions
from homeward.appeals.models import Appeal
from homeward.testing.appeals import make_appeal
from homeward.testing.cast import Cast


def _timeline(cast: Cast, appeal: Appeal, language: str = "en") -> str:
    client = cast.client("be_supervisor")
    page = client.get(f"/cases/{appeal.case_id}/", HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    return page.content.decode()


def test_the_appeals_life_is_on_the_case_timeline(cast: Cast) -> None:
    appeal = make_appeal(cast, state="published")
    actions.end_appeal(membership=cast.member("be_operator"), appeal=appeal)
    page = _timeline(cast, appeal)
    assert "Publicity appeal prepared for Lena (draft)" in page
    assert "Consent to the publicity appeal for Lena: Parent or guardian, Given" in page
    assert "Consent to the publicity appeal for Lena: The child, Given" in page
    until = appeal.ends_on.isoformat()
    assert f"Publicity appeal for Lena published, shown until {until} included" in page
    assert "Publicity appeal for Lena ended: Ended by the hotline" in page


def test_the_timeline_reads_in_the_next_shifts_language(cast: Cast) -> None:
    appeal = make_appeal(cast, state="draft")
    actions.record_consent(
        membership=cast.member("be_operator"), appeal=appeal, party="guardian",
        answer="refused", name="Test Person", how="phone", given_at=appeal.created_at,
    )  # fmt: skip
    with translation.override("fr"):
        french = str(translation.gettext("Refused"))
    page = _timeline(cast, appeal, "fr")
    assert "Appel public préparé pour Lena (brouillon)" in page
    assert french in page
