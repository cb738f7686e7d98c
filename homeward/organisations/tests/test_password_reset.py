"""Password reset never tells who has an account: the page reads the same either way, and an
address without an account receives nothing (a mail to it would confirm that it has none)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def _reset(email: str) -> tuple[int, str, str]:
    client = Client()
    response = client.post("/accounts/password/reset/", {"email": email}, follow=True)
    page = response.content.decode()
    return response.status_code, response.redirect_chain[-1][0], page


def test_an_unknown_address_receives_no_mail_and_the_page_says_the_same(cast: Cast) -> None:
    known_status, known_url, known_page = _reset("be_operator@cast.test")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["be_operator@cast.test"]

    unknown_status, unknown_url, unknown_page = _reset("nobody-here@cast.test")
    assert len(mail.outbox) == 1  # nothing sent to the unknown address

    assert (unknown_status, unknown_url) == (known_status, known_url)
    assert known_url == "/accounts/password/reset/done/"
    assert _without_addresses_and_csrf(known_page) == _without_addresses_and_csrf(unknown_page)


def _without_addresses_and_csrf(page: str) -> str:
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    return re.sub(r"[\w.+-]+@cast\.test", "", page)
