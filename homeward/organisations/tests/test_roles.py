"""The permission table itself: a change to who may do what must change this test too."""

from __future__ import annotations

from homeward.organisations.roles import (
    PERSONAL_DATA_PERMISSIONS,
    ROLE_ORGANISATION_KINDS,
    ROLE_PERMISSIONS,
    OrganisationKind,
    Permission,
    Role,
    role_requires_mfa,
    roles_for_kind,
)

P = Permission


def test_every_role_has_an_entry_in_both_tables() -> None:
    assert set(ROLE_PERMISSIONS) == set(Role)
    assert set(ROLE_ORGANISATION_KINDS) == set(Role)


def test_the_table_is_exactly_this() -> None:
    assert {
        role.value: sorted(p.value for p in perms) for role, perms in ROLE_PERMISSIONS.items()
    } == {
        "operator": ["edit_cases", "view_cases", "view_own_statistics", "view_photos"],
        "supervisor": [
            "approve",
            "edit_cases",
            "export_data",
            "submit_annual_return",
            "view_cases",
            "view_medical",
            "view_own_statistics",
            "view_photos",
        ],
        "org_admin": [
            "manage_members",
            "manage_settings",
            "submit_annual_return",
            "view_own_statistics",
        ],
        "dpo": ["export_data", "run_retention", "view_audit", "view_cases"],
        "network_coordinator": [
            "manage_annual_returns",
            "manage_members",
            "manage_network",
            "view_network_statistics",
        ],
        "mediator_manager": ["manage_mediators"],
        "mediator": ["mediate"],
    }


def test_every_permission_is_held_by_some_role() -> None:
    held = set().union(*ROLE_PERMISSIONS.values())
    assert held == set(Permission)


def test_the_network_office_never_reads_cases() -> None:
    office_roles = roles_for_kind(OrganisationKind.NETWORK_OFFICE)
    readers = [r for r in office_roles if P.VIEW_CASES in ROLE_PERMISSIONS[r] and r != Role.DPO]
    assert readers == []
    assert P.VIEW_CASES not in ROLE_PERMISSIONS[Role.NETWORK_COORDINATOR]


def test_photos_and_medical_details_are_narrower_than_case_access() -> None:
    case_readers = {r for r, perms in ROLE_PERMISSIONS.items() if P.VIEW_CASES in perms}
    photo = {r for r, perms in ROLE_PERMISSIONS.items() if P.VIEW_PHOTOS in perms}
    medical = {r for r, perms in ROLE_PERMISSIONS.items() if P.VIEW_MEDICAL in perms}
    assert photo < case_readers
    assert medical == {Role.SUPERVISOR}


def test_hotline_roles_exist_only_in_hotlines() -> None:
    assert roles_for_kind(OrganisationKind.NATIONAL_HOTLINE) == [
        Role.OPERATOR,
        Role.SUPERVISOR,
        Role.ORG_ADMIN,
        Role.DPO,
    ]
    assert Role.OPERATOR not in roles_for_kind(OrganisationKind.NETWORK_OFFICE)


def test_every_role_reaching_personal_data_needs_mfa() -> None:
    for role, perms in ROLE_PERMISSIONS.items():
        assert role_requires_mfa(role) == bool(perms & PERSONAL_DATA_PERMISSIONS)
    assert all(role_requires_mfa(role) for role in Role)


def test_mediators_exist_only_in_a_mediator_network_and_need_mfa() -> None:
    assert Role.MEDIATOR in roles_for_kind(OrganisationKind.MEDIATOR_NETWORK)
    assert Role.MEDIATOR not in roles_for_kind(OrganisationKind.NATIONAL_HOTLINE)
    assert Role.MEDIATOR not in roles_for_kind(OrganisationKind.NETWORK_OFFICE)
    assert role_requires_mfa(Role.MEDIATOR)
