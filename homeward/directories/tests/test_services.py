"""Services: a submission waits unseen, a hotline admin of its country publishes, rejects or
withdraws it (another country's is a 404), and the public sees only the published ones."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client

from homeward.audit.models import AuditEvent
from homeward.directories import actions
from homeward.directories.choices import State
from homeward.directories.models import Service
from homeward.testing.cast import Cast
from homeward.testing.directories import make_service, submission


def test_a_submission_waits_unseen_until_an_admin_of_its_country_publishes_it(cast: Cast) -> None:
    service = actions.submit_service(submission("BE", name="Demo hidden shelter"))
    client = Client()
    assert service.state == State.SUBMITTED
    assert "Demo hidden shelter" not in client.get("/services/?country=BE").content.decode()
    assert client.get(f"/services/{service.public_id}/").status_code == 404

    actions.publish_service(membership=cast.member("be_admin"), service_id=service.pk)
    service.refresh_from_db()
    assert service.state == State.PUBLISHED
    assert service.assurer_email == cast.user("be_admin").email
    assert service.assured_date is not None
    assert "Demo hidden shelter" in client.get("/services/?country=BE").content.decode()
    assert client.get(f"/services/{service.public_id}/").status_code == 200


def test_withdrawn_and_rejected_services_leave_the_public_directory(cast: Cast) -> None:
    withdrawn = make_service(cast, "BE", State.WITHDRAWN, name="Demo closed shelter")
    rejected = make_service(cast, "BE", State.REJECTED, name="Demo unknown shelter")
    page = Client().get("/services/").content.decode()
    assert "Demo closed shelter" not in page and "Demo unknown shelter" not in page
    assert Client().get(f"/api/v1/public/services/{withdrawn.public_id}").status_code == 404
    assert Client().get(f"/api/v1/public/services/{rejected.public_id}").status_code == 404


def test_moderation_follows_the_states(cast: Cast) -> None:
    admin = cast.member("be_admin")
    published = make_service(cast, "BE", State.PUBLISHED)
    with pytest.raises(ValidationError) as error:
        actions.reject_service(membership=admin, service_id=published.pk, reason="late")
    assert "state" in error.value.message_dict
    rejected = make_service(cast, "BE", State.REJECTED)
    with pytest.raises(ValidationError):
        actions.publish_service(membership=admin, service_id=rejected.pk)
    withdrawn = make_service(cast, "BE", State.WITHDRAWN)
    again = actions.publish_service(membership=admin, service_id=withdrawn.pk)
    assert again.state == State.PUBLISHED
    with pytest.raises(ValidationError) as error:
        actions.withdraw_service(membership=admin, service_id=again.pk, reason=" ")
    assert "reason" in error.value.message_dict


def test_a_hotline_moderates_only_its_own_countrys_services(cast: Cast) -> None:
    french = actions.submit_service(submission("FR"))
    with pytest.raises(Http404):
        actions.publish_service(membership=cast.member("be_admin"), service_id=french.pk)
    with pytest.raises(PermissionDenied):
        actions.publish_service(membership=cast.member("fr_operator"), service_id=french.pk)
    client = cast.client("be_admin")
    assert client.get(f"/directories/moderation/{french.pk}/").status_code == 404
    assert "Demo night shelter" not in client.get("/directories/moderation/").content.decode()
    assert Service.objects.get(pk=french.pk).state == State.SUBMITTED


def test_each_moderation_step_is_audited(cast: Cast) -> None:
    service = make_service(cast, "BE", State.WITHDRAWN)
    actions_seen = set(
        AuditEvent.objects.filter(object_id=str(service.pk)).values_list("action", flat=True)
    )
    assert {
        "directories.service.submit",
        "directories.service.publish",
        "directories.service.withdraw",
    } <= actions_seen


def test_a_bad_submission_names_its_field_and_writes_nothing(cast: Cast) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"kinds": ["casino"]}, "kinds"),
        ({"languages": ["english"]}, "languages"),
        ({"country": "XX"}, "country"),
        ({"minimum_age": 16, "maximum_age": 12}, "maximum_age"),
        ({"submitter_email": "nobody"}, "submitter_email"),
        ({"url": "javascript:alert(1)"}, "url"),
    ]
    for changes, field in cases:
        with pytest.raises(ValidationError) as error:
            actions.submit_service(submission(**{"country": "BE", **changes}))
        assert field in error.value.message_dict
    assert not Service.objects.exists()


def test_the_public_form_submits_without_a_cookie_and_refuses_another_origin(cast: Cast) -> None:
    form = {
        "organization": "Demo Aid", "name": "Demo legal desk",
        "description": "Free advice on asylum and guardianship.", "language": "en",
        "kinds": ["legal", "guardianship"], "languages": "en, fr, ps", "country": "BE",
        "city": "Liège", "submitter_email": "desk@example.test", "free": "on",
    }  # fmt: skip
    client = Client(enforce_csrf_checks=True)
    refused = client.post("/services/submit/", form, headers={"Origin": "https://evil.test"})
    assert refused.status_code == 403
    response = client.post("/services/submit/", form)
    assert response.status_code == 200
    assert not response.cookies
    service = Service.objects.get(name="Demo legal desk")
    assert service.state == State.SUBMITTED
    assert service.language_list == ["en", "fr", "ps"]
