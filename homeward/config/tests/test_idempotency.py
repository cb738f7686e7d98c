"""A write sent twice with the same key (an API client's retry, a double click on a form) is
done once, and the second answer is the first one."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import OperationalError
from django.test import Client

from homeward.cases.models import Contact
from homeward.core.models import IdempotentRequest
from homeward.organisations import actions as org_actions
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db

CALL = {"channel": "sms", "caller": "child", "contact_type": "information", "notes": "Asks"}


def _token(cast: Cast, name: str) -> str:
    member = cast.member(name)
    return org_actions.create_api_token(membership=member, name="retries", days=1).secret


def _post(token: str, body: dict[str, Any], key: str | None) -> Any:
    headers = {"Authorization": f"Bearer {token}"}
    if key is not None:
        headers["Idempotency-Key"] = key
    return Client().post("/api/v1/contacts", body, content_type="application/json", headers=headers)


def test_an_api_write_sent_again_with_its_key_is_done_once(cast: Cast) -> None:
    token = _token(cast, "be_operator")
    first = _post(token, CALL, "call-1")
    again = _post(token, CALL, "call-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert Contact.objects.count() == 1
    assert _post(token, CALL, "call-2").status_code == 201  # a new key is a new write
    assert _post(token, CALL, None).status_code == 201  # and no key, as before
    assert Contact.objects.count() == 3


def test_a_key_reused_for_another_write_is_refused_and_nothing_is_written(cast: Cast) -> None:
    token = _token(cast, "be_operator")
    _post(token, CALL, "call-1")
    refused = _post(token, {**CALL, "notes": "Something else"}, "call-1")
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "Idempotency-Key"
    assert Contact.objects.count() == 1


def test_keys_belong_to_their_sender(cast: Cast) -> None:
    _post(_token(cast, "be_operator"), CALL, "call-1")
    other = _post(_token(cast, "be_supervisor"), CALL, "call-1")
    assert other.status_code == 201 and "Idempotent-Replayed" not in other
    assert Contact.objects.count() == 2


def test_a_refused_write_keeps_no_answer_so_the_corrected_one_goes_through(cast: Cast) -> None:
    token = _token(cast, "be_operator")
    assert _post(token, {**CALL, "channel": "pigeon"}, "call-1").status_code == 422
    assert _post(token, CALL, "call-1").status_code == 201
    assert Contact.objects.count() == 1


@pytest.mark.parametrize("key", ["", "x" * 256, "caf\u00e9", "line\nbreak"])
def test_a_key_that_is_not_printable_ascii_of_a_sane_length_is_refused(
    cast: Cast, key: str
) -> None:
    response = _post(_token(cast, "be_operator"), CALL, key)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"
    assert not Contact.objects.exists()


def test_the_write_and_its_answer_are_kept_together_or_not_at_all(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    def lost(*args: object, **kwargs: object) -> None:
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(IdempotentRequest.objects, "create", lost)
    client = Client(raise_request_exception=False)
    token = _token(cast, "be_operator")
    response = client.post(
        "/api/v1/contacts",
        CALL,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "call-1"},
    )
    assert response.status_code == 503
    assert not Contact.objects.exists()  # a retry with the same key will write it once


def test_a_form_sent_twice_is_saved_once_and_both_answers_lead_to_the_same_page(
    cast: Cast,
) -> None:
    client = cast.client("be_operator")
    form = client.get("/contacts/new/").content.decode()
    token = form.split('name="form_token" value="', 1)[1].split('"', 1)[0]
    data = {**CALL, "form_token": token}
    first = client.post("/contacts/new/", data)
    again = client.post("/contacts/new/", data)
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"]
    assert Contact.objects.count() == 1
    changed = client.post("/contacts/new/", {**data, "notes": "Another call"})
    assert changed.status_code == 409
    assert "This form was already sent" in changed.content.decode()
    assert Contact.objects.count() == 1


def test_a_key_sent_again_after_switching_organisation_is_a_new_write(cast: Cast) -> None:
    from homeward.organisations.middleware import ORGANISATION_SESSION_KEY

    person = cast.user("be_supervisor")
    france = cast.member("fr_admin").organisation
    org_actions.add_member(
        acting_user=None, organisation=france, email=person.email, role="supervisor"
    )
    client = Client()
    client.force_login(person)

    def post_in(organisation_id: int) -> Any:
        session = client.session
        session[ORGANISATION_SESSION_KEY] = organisation_id
        session.save()
        return client.post(
            "/api/v1/contacts", CALL, content_type="application/json",
            headers={"Idempotency-Key": "call-1"},
        )  # fmt: skip

    first = post_in(cast.member("be_supervisor").organisation_id)
    second = post_in(france.pk)
    assert first.status_code == second.status_code == 201
    assert "Idempotent-Replayed" not in second
    assert sorted(Contact.objects.values_list("organisation_id", flat=True)) == sorted(
        [cast.member("be_supervisor").organisation_id, france.pk]
    )
