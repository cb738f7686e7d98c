from __future__ import annotations

import pytest
from django.test import Client

from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db


def test_a_member_of_two_organisations_switches_between_them(cast: Cast) -> None:
    cast.join("be_admin@cast.test", cast.fr, "org_admin")
    client = Client()
    client.force_login(cast.user("be_admin"))
    page = client.get("/dashboard/")
    assert page.context["membership"].organisation == cast.be
    assert [m.organisation for m in page.context["other_memberships"]] == [cast.fr]
    assert b"fr_operator@cast.test" not in client.get("/organisation/members/").content

    response = client.post(
        "/organisation/switch/", {"organisation": cast.fr.pk, "next": "/organisation/members/"}
    )
    assert response.status_code == 302 and response["Location"] == "/organisation/members/"
    assert b"fr_operator@cast.test" in client.get("/organisation/members/").content


def test_switching_to_a_foreign_organisation_does_nothing(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.user("be_admin"))
    client.post("/organisation/switch/", {"organisation": cast.fr.pk})
    assert client.get("/dashboard/").context["membership"].organisation == cast.be


def test_switch_never_redirects_off_site(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.user("be_admin"))
    response = client.post(
        "/organisation/switch/", {"organisation": cast.be.pk, "next": "https://evil.test/"}
    )
    assert response["Location"] == "/dashboard/"


@pytest.mark.parametrize("value", ["9223372036854775808", "1" * 40, "0", "-3", "²"])
def test_an_organisation_id_out_of_range_is_ignored_not_a_500(cast: Cast, value: str) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(cast.user("be_operator"))
    response = client.post("/organisation/switch/", {"organisation": value})
    assert response.status_code == 302
