"""Consent before publication: an appeal cannot be published without each consent the policy
asks for (through the actions, the pages and the API), and what is published is the minimum."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from homeward.appeals import actions
from homeward.appeals.choices import State
from homeward.appeals.models import Appeal
from homeward.testing.appeals import make_appeal
from homeward.testing.cast import Cast

WHEN = datetime(2024, 1, 1, 12, tzinfo=UTC)


def _consent(cast: Cast, appeal: Appeal, party: str, answer: str = "given") -> None:
    actions.record_consent(
        membership=cast.member("be_operator"), appeal=appeal, party=party, answer=answer,
        name="Test Person", how="phone", given_at=WHEN,
    )  # fmt: skip


def _publish(cast: Cast, appeal: Appeal) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        actions.publish(membership=cast.member("be_supervisor"), appeal=appeal)
    appeal.refresh_from_db()
    assert appeal.state == State.DRAFT
    assert not appeal.photo
    return refused.value.message_dict["consents"]


def test_the_draft_holds_only_the_minimum(cast: Cast) -> None:
    appeal = make_appeal(cast, state="draft")
    assert appeal.first_name == "Lena"
    assert appeal.countries == ["BE"]
    assert appeal.last_seen_place == "Testville"
    assert (appeal.ends_on - appeal.starts_on).days == 30
    assert "runaway" not in str(vars(appeal))


def test_without_the_guardians_consent_it_cannot_be_published(cast: Cast) -> None:
    appeal = make_appeal(cast, state="draft")
    _consent(cast, appeal, "child")
    assert _publish(cast, appeal) == ["The consent of the parent or guardian is not recorded."]


def test_a_withdrawn_or_refused_consent_does_not_count(cast: Cast) -> None:
    appeal = make_appeal(cast, state="draft")
    _consent(cast, appeal, "child")
    _consent(cast, appeal, "guardian")
    _consent(cast, appeal, "guardian", "withdrawn")
    assert _publish(cast, appeal) == ["The consent of the parent or guardian is not recorded."]
    _consent(cast, appeal, "guardian", "refused")
    assert _publish(cast, appeal) == ["The parent or guardian refused."]


def test_the_childs_view_is_needed_from_the_policys_age(cast: Cast) -> None:
    appeal = make_appeal(cast, state="draft")  # born 2011: above 12
    _consent(cast, appeal, "guardian")
    [missing] = _publish(cast, appeal)
    assert "their view is asked from 12" in missing
    _consent(cast, appeal, "child", "refused")
    assert _publish(cast, appeal) == ["The child does not want the appeal."]


def test_the_police_when_the_policy_requires_it(cast: Cast) -> None:
    actions.edit_policy(membership=cast.member("be_admin"), default_days=10, maximum_days=20,
                        police_consent_required=True, child_view_from_age=18)  # fmt: skip
    appeal = make_appeal(cast, state="draft")
    assert (appeal.ends_on - appeal.starts_on).days == 10
    _consent(cast, appeal, "guardian")
    assert _publish(cast, appeal) == [
        "Your hotline's policy requires the police's consent: not recorded."
    ]
    _consent(cast, appeal, "police")
    published = actions.publish(membership=cast.member("be_supervisor"), appeal=appeal)
    assert published.state == State.PUBLISHED


def test_dates_outside_the_policy_are_refused(cast: Cast) -> None:
    appeal = make_appeal(cast, state="consented")
    from datetime import timedelta

    with pytest.raises(ValidationError) as refused:
        actions.edit_draft(membership=cast.member("be_operator"), appeal=appeal,
                           ends_on=appeal.starts_on + timedelta(days=91))  # fmt: skip
    assert "ends_on" in refused.value.message_dict


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("first_name", "Lena Test"),  # the family name too
        ("first_name", "Test"),  # the family name alone
        ("hotline_number", "116 000<script>"),
        ("hotline_number", "☎☎"),
        ("last_seen_place", "x" * 201),
    ],
)
def test_the_draft_refuses_what_should_never_be_published(
    cast: Cast, field: str, value: str
) -> None:
    appeal = make_appeal(cast, state="draft")
    changes: dict[str, Any] = {field: value}
    with pytest.raises(ValidationError) as refused:
        actions.edit_draft(membership=cast.member("be_operator"), appeal=appeal, **changes)
    assert field in refused.value.message_dict
    appeal.refresh_from_db()
    assert getattr(appeal, field) != value


def test_a_last_seen_day_in_the_future_is_refused(cast: Cast) -> None:
    appeal = make_appeal(cast, state="draft")
    with pytest.raises(ValidationError) as refused:
        actions.edit_draft(membership=cast.member("be_operator"), appeal=appeal,
                           last_seen_on=timezone.localdate() + timedelta(days=1))  # fmt: skip
    assert "last_seen_on" in refused.value.message_dict


def test_a_hyphenated_first_name_is_one_name(cast: Cast) -> None:
    appeal = make_appeal(cast, state="draft")
    actions.edit_draft(membership=cast.member("be_operator"), appeal=appeal,
                       first_name="Anne-Marie", hotline_number="+32 (0) 116-000")  # fmt: skip
    appeal.refresh_from_db()
    assert appeal.first_name == "Anne-Marie"


def test_an_operator_cannot_publish(cast: Cast) -> None:
    from django.core.exceptions import PermissionDenied

    appeal = make_appeal(cast, state="consented")
    with pytest.raises(PermissionDenied):
        actions.publish(membership=cast.member("be_operator"), appeal=appeal)


def test_publication_copies_the_photo_into_public_storage(cast: Cast) -> None:
    appeal = make_appeal(cast)
    assert appeal.state == State.PUBLISHED
    assert appeal.photo.storage.exists(appeal.photo.name)
    assert appeal.photo.name != appeal.child.photo.name


def test_the_consent_form_has_no_default_answer_and_refuses_the_impossible(cast: Cast) -> None:
    appeal = make_appeal(cast, state="draft")
    operator = cast.client("be_operator")
    form = operator.get(f"/appeals/desk/{appeal.pk}/consent/").content.decode()
    assert 'type="radio" name="answer"' in form
    assert "checked" not in form
    given = {"party": "guardian", "name": "Test Person", "how": "phone",
             "given_at": "2024-01-01T12:00"}  # fmt: skip
    unanswered = operator.post(f"/appeals/desk/{appeal.pk}/consent/", given)
    assert unanswered.status_code == 200
    assert "This field is required." in unanswered.content.decode()
    future = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    later = operator.post(
        f"/appeals/desk/{appeal.pk}/consent/", {**given, "answer": "given", "given_at": future}
    )
    assert "This time is in the future." in later.content.decode()
    long_note = operator.post(
        f"/appeals/desk/{appeal.pk}/consent/", {**given, "answer": "given", "note": "x" * 2001}
    )
    assert long_note.status_code == 200
    api = operator.post(
        f"/api/v1/appeals/{appeal.pk}/consents",
        {**given, "answer": "given", "given_at": "2024-01-01T12:00:00Z", "note": "x" * 2001},
        content_type="application/json",
    )
    assert api.status_code == 422
    assert api.json()["errors"][0]["field"] == "note"
    assert not appeal.consents.exists()


def test_the_childs_view_cannot_be_asked_of_a_baby(cast: Cast) -> None:
    admin = cast.client("be_admin")
    page = admin.get("/appeals/policy/").content.decode()
    assert "a younger child cannot weigh what a public appeal means" in page
    policy = {"default_days": 30, "maximum_days": 90, "child_view_from_age": 0}
    refused = admin.post("/appeals/policy/", policy)
    assert refused.status_code == 200
    assert "Ensure this value is greater than or equal to 7." in refused.content.decode()
    api = admin.put("/api/v1/appeal-policy", {**policy, "police_consent_required": False},
                    content_type="application/json")  # fmt: skip
    assert api.status_code == 422
    assert api.json()["errors"][0]["field"] == "child_view_from_age"
    assert admin.get("/api/v1/appeal-policy").json()["child_view_from_age"] == 12
