"""The authorisation matrix: every endpoint against every member of the cast, on a target in
their own organisation and on one in another organisation.

An endpoint names the permission it needs (None: any member) and how to build its URL for a
target organisation. The expected answer follows from the permission table:
- own organisation, permitted role: success (2xx, or a redirect after a form post);
- own organisation, role without the permission: 403;
- another organisation's object: 404 for a permitted role (403 is acceptable for a role that
  lacks the permission anyway: the permission is checked before the object is looked up);
- anonymous: redirect to sign-in (HTML) or 401 (API).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.test import Client

from homeward.organisations.models import Organisation
from homeward.organisations.roles import Permission, permissions_of
from homeward.testing.cast import Cast

UrlBuilder = Callable[[Cast, Organisation, str], str]
"""(cast, target organisation, requesting member's name) -> URL"""


@dataclass(frozen=True)
class Endpoint:
    name: str  # the URL name (HTML) or "METHOD /api/v1/path" as in the OpenAPI document (API)
    method: str
    url: UrlBuilder
    permission: Permission | None
    api: bool = False
    data: dict[str, Any] | None = None
    targets_object: bool = True  # False: acts on the caller's own organisation only
    ok_statuses: frozenset[int] = field(default=frozenset({200, 201, 302}))


@dataclass(frozen=True)
class Outcome:
    endpoint: str
    member: str
    target: str
    status: int
    expected: frozenset[int]

    @property
    def ok(self) -> bool:
        return self.status in self.expected

    def __str__(self) -> str:
        return (
            f"{self.endpoint} as {self.member} on {self.target}: "
            f"got {self.status}, expected {sorted(self.expected)}"
        )


def _request(client: Client, endpoint: Endpoint, url: str, data: dict[str, Any] | None) -> int:
    method = endpoint.method.lower()
    if endpoint.api and method in {"post", "patch", "put"}:
        response = getattr(client, method)(url, data or {}, content_type="application/json")
    elif method == "post":
        response = client.post(url, data or {})
    else:
        response = getattr(client, method)(url)
    return int(response.status_code)


def expected_statuses(endpoint: Endpoint, cast: Cast, member: str, target: str) -> frozenset[int]:
    membership = cast.member(member)
    permitted = endpoint.permission is None or endpoint.permission in permissions_of(
        membership.role
    )
    own = target == "own"
    if not permitted:
        return frozenset({403}) if own or not endpoint.targets_object else frozenset({403, 404})
    if own or not endpoint.targets_object:
        return endpoint.ok_statuses
    return frozenset({404})


def run_matrix(endpoints: list[Endpoint], cast: Cast) -> list[Outcome]:
    """Runs every endpoint for every cast member on own and other targets. Writes may change
    the cast (a deactivation), so each write runs in a savepoint that is rolled back."""
    from django.db import transaction

    outcomes: list[Outcome] = []
    for endpoint in endpoints:
        for member in cast.names:
            home = cast.org_of(member)
            other = cast.fr if home.pk != cast.fr.pk else cast.be
            for target, organisation in (("own", home), ("other", other)):
                client = Client()
                client.force_login(cast.user(member))
                url = endpoint.url(cast, organisation, member)
                with transaction.atomic():
                    status = _request(client, endpoint, url, endpoint.data)
                    transaction.set_rollback(True)
                outcomes.append(
                    Outcome(
                        endpoint.name,
                        member,
                        target,
                        status,
                        expected_statuses(endpoint, cast, member, target),
                    )
                )
        anonymous = Client()
        status = _request(anonymous, endpoint, endpoint.url(cast, cast.be, "be_operator"), None)
        outcomes.append(
            Outcome(
                endpoint.name,
                "anonymous",
                "own",
                status,
                frozenset({401}) if endpoint.api else frozenset({302, 405}),
            )
        )
    return outcomes


def failures(outcomes: list[Outcome]) -> list[str]:
    return [str(o) for o in outcomes if not o.ok]
