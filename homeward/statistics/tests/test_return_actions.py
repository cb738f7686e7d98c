"""The annual-return workflow: a hotline prepares or uploads, submits, withdraws; the network
office opens, reminds, locks, unlocks and reopens. Every refusal leaves nothing written."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from homeward.audit.models import AuditEvent
from homeward.statistics import actions
from homeward.statistics.access import figures_of
from homeward.statistics.models import AnnualReturn, Reminder, ReportingYear, ReturnValue
from homeward.statistics.returns.template import template_file
from homeward.statistics.returns.validation import check_upload
from homeward.testing.annual_returns import (
    PAST_YEAR,
    consistent_figures,
    filled_csv,
    open_year,
    submitted_return,
    uploaded_return,
)
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def _state() -> list[tuple[Any, ...]]:
    """Everything the actions can write, to show a refusal wrote nothing."""
    return [
        *AnnualReturn.objects.order_by("pk").values_list(
            "pk", "state", "source", "prepared_at", "submitted_at", "reopened_at", "file_name"
        ),
        *ReportingYear.objects.order_by("pk").values_list("pk", "locked_at", "unlocked_at"),
        (ReturnValue.objects.count(), Reminder.objects.count()),
    ]


def _refused(error: type[Exception], call: Any, match: str | None = None) -> None:
    before = _state()
    with pytest.raises(error, match=match):
        call()
    assert _state() == before


def _actions_audited() -> list[str]:
    return list(
        AuditEvent.objects.filter(action__startswith="statistics.")
        .order_by("seq")
        .values_list("action", flat=True)
    )


# --- the hotline's return ----------------------------------------------------------------------


def test_a_return_is_prepared_from_the_hotlines_own_data(cast: Cast) -> None:
    this_year = date.today().year
    open_year(cast, this_year)
    make_case(cast, cast.be, category="parental_abduction", subcategory="international")
    make_case(cast, cast.be)
    make_case(cast, cast.fr)  # another hotline's case counts for that hotline only
    prepared = actions.prepare_return(membership=cast.member("be_admin"), year=this_year)
    figures = figures_of(prepared)
    assert prepared.source == AnnualReturn.Source.COMPUTED
    assert figures.get("CASES_NEW", ("_T",)) == 2
    assert figures.get("CASES_NEW", ("parental_abduction",)) == 1
    assert figures.get("CHILDREN_SEX", ("runaway", "female")) == 1
    # a year not over yet can be prepared (to look at it) but not submitted
    _refused(
        ValidationError,
        lambda: actions.submit_return(membership=cast.member("be_admin"), annual_return=prepared),
        "is not over yet",
    )


def test_preparing_again_replaces_an_uploaded_draft(cast: Cast) -> None:
    uploaded = uploaded_return(cast)
    prepared = actions.prepare_return(membership=cast.member("be_supervisor"), year=PAST_YEAR)
    assert prepared.pk == uploaded.pk
    assert prepared.source == AnnualReturn.Source.COMPUTED and prepared.file_name == ""
    assert figures_of(prepared).get("CASES_NEW", ("_T",)) == 0  # the cast has no case in 2025


def test_submit_withdraw_and_submit_again(cast: Cast) -> None:
    supervisor = cast.member("be_supervisor")
    draft = uploaded_return(cast)
    submitted = actions.submit_return(membership=supervisor, annual_return=draft, note=" Final ")
    assert submitted.state == AnnualReturn.State.SUBMITTED
    assert submitted.submitted_by == supervisor.user and submitted.note == "Final"
    # read-only once submitted: neither an upload nor a preparation replaces it
    content = filled_csv(consistent_figures(seed=9))
    _refused(
        ValidationError,
        lambda: actions.upload_return(
            membership=supervisor, year=PAST_YEAR, file_name="r.csv", content=content
        ),
        "withdraw the submission",
    )
    _refused(
        ValidationError,
        lambda: actions.prepare_return(membership=supervisor, year=PAST_YEAR),
        "withdraw the submission",
    )
    _refused(
        ValidationError,
        lambda: actions.submit_return(membership=supervisor, annual_return=submitted),
        "already submitted",
    )
    withdrawn = actions.withdraw_submission(membership=cast.member("be_admin"), annual_return=draft)
    assert withdrawn.state == AnnualReturn.State.DRAFT and withdrawn.submitted_at is None
    _refused(
        ValidationError,
        lambda: actions.withdraw_submission(membership=supervisor, annual_return=withdrawn),
        "not submitted",
    )
    actions.submit_return(membership=supervisor, annual_return=withdrawn)
    assert _actions_audited() == [
        "statistics.year.open",
        "statistics.return.upload",
        "statistics.return.submit",
        "statistics.return.withdraw",
        "statistics.return.submit",
    ]


def test_returns_only_for_a_year_the_network_office_opened(cast: Cast) -> None:
    content = filled_csv(consistent_figures())
    _refused(
        ValidationError,
        lambda: actions.upload_return(
            membership=cast.member("be_supervisor"), year=2024, file_name="r.csv", content=content
        ),
        "has not opened 2024",
    )
    _refused(
        ValidationError,
        lambda: actions.prepare_return(membership=cast.member("be_supervisor"), year=2024),
        "has not opened 2024",
    )


def test_another_hotlines_return_does_not_exist_for_its_actions(cast: Cast) -> None:
    theirs = submitted_return(cast, "fr_supervisor")
    for member in ("be_supervisor", "be_admin"):
        membership = cast.member(member)
        _refused(
            Http404,
            lambda m=membership: actions.withdraw_submission(membership=m, annual_return=theirs),
        )
    draft = actions.withdraw_submission(membership=cast.member("fr_admin"), annual_return=theirs)
    _refused(
        Http404,
        lambda: actions.submit_return(membership=cast.member("be_supervisor"), annual_return=draft),
    )


@pytest.mark.parametrize("member", ["coordinator", "be_operator", "be_dpo"])
def test_who_may_not_submit_cannot_prepare_upload_or_submit(cast: Cast, member: str) -> None:
    draft = uploaded_return(cast)
    membership = cast.member(member)
    content = filled_csv(consistent_figures())
    _refused(
        PermissionDenied, lambda: actions.prepare_return(membership=membership, year=PAST_YEAR)
    )
    _refused(
        PermissionDenied,
        lambda: actions.upload_return(
            membership=membership, year=PAST_YEAR, file_name="r.csv", content=content
        ),
    )
    _refused(
        PermissionDenied,
        lambda: actions.submit_return(membership=membership, annual_return=draft),
    )


def test_only_a_national_hotline_has_a_return(cast: Cast) -> None:
    """An administrator of the network office holds the permission to submit, in an
    organisation that has no return."""
    admin = cast.join("office-admin@cast.test", cast.network, "org_admin")
    open_year(cast)
    _refused(
        PermissionDenied,
        lambda: actions.prepare_return(membership=admin, year=PAST_YEAR),
        "Only a national hotline",
    )


# --- the network office's year -----------------------------------------------------------------


@pytest.mark.parametrize("member", ["be_supervisor", "be_admin", "fr_operator"])
def test_a_hotline_cannot_run_the_year(cast: Cast, member: str) -> None:
    submitted = submitted_return(cast)
    membership = cast.member(member)
    for call in (
        lambda: actions.open_year(membership=membership, year=2024, due_on=date(2025, 3, 1)),
        lambda: actions.remind_hotlines(membership=membership, year=PAST_YEAR),
        lambda: actions.lock_year(membership=membership, year=PAST_YEAR),
        lambda: actions.unlock_year(membership=membership, year=PAST_YEAR, reason="x"),
        lambda: actions.reopen_return(membership=membership, annual_return=submitted, reason="x"),
    ):
        _refused(PermissionDenied, call)


def test_opening_a_year_checks_the_year_and_its_due_date(cast: Cast) -> None:
    coordinator = cast.member("coordinator")
    next_year = date.today().year + 1
    _refused(
        ValidationError,
        lambda: actions.open_year(membership=coordinator, year=next_year, due_on=date(2040, 1, 1)),
        "Give a year from 2000",
    )
    _refused(
        ValidationError,
        lambda: actions.open_year(membership=coordinator, year=2024, due_on=date(2024, 12, 31)),
        "fall due after the year",
    )
    opened = actions.open_year(membership=coordinator, year=2024, due_on=date(2025, 3, 31))
    assert (opened.year, opened.due_on, opened.opened_by) == (
        2024,
        date(2025, 3, 31),
        coordinator.user,
    )
    _refused(
        ValidationError,
        lambda: actions.open_year(membership=coordinator, year=2024, due_on=date(2025, 4, 1)),
        "already open",
    )


def test_a_locked_year_lets_no_return_change_until_unlocked_with_a_reason(cast: Cast) -> None:
    coordinator, supervisor = cast.member("coordinator"), cast.member("be_supervisor")
    submitted = submitted_return(cast)
    french = uploaded_return(cast, "fr_supervisor")
    actions.lock_year(membership=coordinator, year=PAST_YEAR)
    content = filled_csv(consistent_figures(seed=4))
    fr = cast.member("fr_supervisor")
    for call in (
        lambda: actions.withdraw_submission(membership=supervisor, annual_return=submitted),
        lambda: actions.submit_return(membership=fr, annual_return=french),
        lambda: actions.prepare_return(membership=fr, year=PAST_YEAR),
        lambda: actions.upload_return(
            membership=fr, year=PAST_YEAR, file_name="r.csv", content=content
        ),
        lambda: actions.reopen_return(membership=coordinator, annual_return=submitted, reason="x"),
        lambda: actions.remind_hotlines(membership=coordinator, year=PAST_YEAR),
        lambda: actions.lock_year(membership=coordinator, year=PAST_YEAR),
    ):
        _refused(ValidationError, call, "is locked")
    _refused(
        ValidationError,
        lambda: actions.unlock_year(membership=coordinator, year=PAST_YEAR, reason="  "),
        "Say why",
    )
    unlocked = actions.unlock_year(
        membership=coordinator, year=PAST_YEAR, reason="FR corrects its ages"
    )
    assert not unlocked.is_locked and unlocked.unlock_reason == "FR corrects its ages"
    actions.submit_return(membership=fr, annual_return=french)
    _refused(
        ValidationError,
        lambda: actions.unlock_year(membership=coordinator, year=PAST_YEAR, reason="again"),
        "is not locked",
    )


def test_the_network_office_reopens_a_submitted_return_with_its_reason(
    cast: Cast, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    coordinator = cast.member("coordinator")
    submitted = submitted_return(cast)
    _refused(
        ValidationError,
        lambda: actions.reopen_return(membership=coordinator, annual_return=submitted, reason=""),
        "Say why",
    )
    with django_capture_on_commit_callbacks(execute=True):
        reopened = actions.reopen_return(
            membership=coordinator, annual_return=submitted, reason="Ages do not add up"
        )
    assert reopened.state == AnnualReturn.State.DRAFT
    assert (reopened.reopened_by, reopened.reopen_reason) == (
        coordinator.user,
        "Ages do not add up",
    )
    assert sorted(m.to[0] for m in mailoutbox) == ["be_admin@cast.test", "be_supervisor@cast.test"]
    assert "/statistics/returns/2025/" in mailoutbox[0].body
    # the hotline may change and submit it again
    actions.prepare_return(membership=cast.member("be_supervisor"), year=PAST_YEAR)


def test_reminders_go_to_who_may_submit_in_the_hotlines_that_have_not(
    cast: Cast, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    submitted_return(cast)  # Belgium is done; France has not started
    with django_capture_on_commit_callbacks(execute=True):
        reminders = actions.remind_hotlines(membership=cast.member("coordinator"), year=PAST_YEAR)
    assert [(r.organisation, r.recipients) for r in reminders] == [(cast.fr, 2)]
    assert Reminder.objects.get().sent_by == cast.user("coordinator")
    assert sorted(m.to[0] for m in mailoutbox) == ["fr_admin@cast.test", "fr_supervisor@cast.test"]
    body = mailoutbox[0].body
    assert "2025" in body and "2026-03-31" in body and "/statistics/returns/2025/" in body
    assert _actions_audited()[-1] == "statistics.year.remind"


def test_a_return_prepared_from_homeward_data_passes_the_uploads_checks(cast: Cast) -> None:
    """Computed and uploaded returns obey the same rules: the prepared return, downloaded and
    uploaded again, is accepted unchanged (its totals add up, its related indicators agree)."""
    this_year = date.today().year
    open_year(cast, this_year)
    make_case(cast, cast.be)
    make_case(cast, cast.be, category="parental_abduction", subcategory="international",
              last_seen_country="NL")  # fmt: skip
    make_case(
        cast,
        cast.be,
        category="migrant",
        subcategory="unaccompanied",
        children=[
            {"given_names": "Amal", "sex": "male", "birth_precision": "year", "birth_year": 2010},
            {"given_names": "Sami", "sex": "unknown"},
        ],
    )
    prepared = figures_of(
        actions.prepare_return(membership=cast.member("be_supervisor"), year=this_year)
    )
    assert prepared.get("CHILDREN_SEX", ("_T", "_T")) == 4
    content, _type, _name = template_file(
        "csv", year=this_year, organisation="BE", code="BE", figures=prepared
    )
    assert check_upload("prepared.csv", content).values == prepared.values
