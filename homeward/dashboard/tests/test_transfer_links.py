"""Export and import are reached by links, from the case list and the dashboard, for the roles
allowed to use them, and the links open for them."""

from __future__ import annotations

import pytest

from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db

EXPORT = 'href="/cases/transfer/export/"'
IMPORT = 'href="/cases/transfer/import/"'


@pytest.mark.parametrize(
    ("member", "sees_export", "sees_import"),
    [
        ("be_supervisor", True, True),
        ("be_dpo", True, False),
        ("be_operator", False, True),
    ],
)
@pytest.mark.parametrize("page", ["/cases/", "/dashboard/"])
def test_export_and_import_are_linked_for_the_roles_that_may_use_them(
    cast: Cast, member: str, sees_export: bool, sees_import: bool, page: str
) -> None:
    client = cast.client(member)
    html = client.get(page).content.decode()
    assert (EXPORT in html) is sees_export
    assert (IMPORT in html) is sees_import
    for link, shown in ((EXPORT, sees_export), (IMPORT, sees_import)):
        if shown:
            assert client.get(link.removeprefix('href="').rstrip('"')).status_code == 200
