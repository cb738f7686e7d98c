"""The permission table: which role may do what, and in which kind of organisation.

This is the single source of truth for authorisation; `tests/test_roles.py` checks the
table itself, so a change here is a reviewed change.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    NATIONAL_HOTLINE = "hotline", _("National hotline")
    NETWORK_OFFICE = "network_office", _("Network office")
    MEDIATOR_NETWORK = "mediator_network", _("Mediator network")
    OTHER = "other", _("Other")


class Role(models.TextChoices):
    OPERATOR = "operator", _("Hotline operator")
    SUPERVISOR = "supervisor", _("Hotline supervisor")
    ORG_ADMIN = "org_admin", _("Organisation admin")
    NETWORK_COORDINATOR = "network_coordinator", _("Network coordinator")
    MEDIATOR_MANAGER = "mediator_manager", _("Mediator-network manager")
    MEDIATOR = "mediator", _("Cross-border family mediator")
    DPO = "dpo", _("Data protection officer")


class Permission(models.TextChoices):
    VIEW_CASES = "view_cases", _("Read the organisation's contacts and cases")
    EDIT_CASES = "edit_cases", _("Log contacts, open and work cases")
    APPROVE = (
        "approve",
        _("Approve case closure, publicity appeals, child alerts and cross-border sharing"),
    )
    VIEW_PHOTOS = "view_photos", _("See children's photos")
    VIEW_MEDICAL = "view_medical", _("See medical needs and vulnerabilities")
    EXPORT_DATA = "export_data", _("Export the organisation's records")
    MANAGE_MEMBERS = "manage_members", _("Invite staff, change their roles, deactivate them")
    MANAGE_SETTINGS = "manage_settings", _("Change the organisation's and hotline's settings")
    VIEW_AUDIT = "view_audit", _("Read the organisation's audit trail")
    RUN_RETENTION = "run_retention", _("Run retention rules and subject-access exports")
    VIEW_NETWORK_STATISTICS = (
        "view_network_statistics",
        _("Read network-wide statistics (aggregates only)"),
    )
    VIEW_OWN_STATISTICS = (
        "view_own_statistics",
        _("Read the hotline's own figures (counts, no personal data)"),
    )
    SUBMIT_ANNUAL_RETURN = (
        "submit_annual_return",
        _("Prepare, upload and submit the hotline's annual return"),
    )
    MANAGE_ANNUAL_RETURNS = (
        "manage_annual_returns",
        _("Open reporting years, remind hotlines, lock a year and publish the network report"),
    )
    MANAGE_NETWORK = "manage_network", _("Manage membership, accreditation and training records")
    MANAGE_MEDIATORS = "manage_mediators", _("Verify and publish mediator profiles")
    MEDIATE = (
        "mediate",
        _("Keep one's own mediator profile and work the mediations one is assigned"),
    )


P = Permission

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OPERATOR: frozenset({P.VIEW_CASES, P.EDIT_CASES, P.VIEW_PHOTOS, P.VIEW_OWN_STATISTICS}),
    Role.SUPERVISOR: frozenset(
        {
            P.VIEW_CASES,
            P.EDIT_CASES,
            P.VIEW_PHOTOS,
            P.VIEW_MEDICAL,
            P.APPROVE,
            P.EXPORT_DATA,
            P.VIEW_OWN_STATISTICS,
            P.SUBMIT_ANNUAL_RETURN,
        }
    ),
    Role.ORG_ADMIN: frozenset(
        {P.MANAGE_MEMBERS, P.MANAGE_SETTINGS, P.VIEW_OWN_STATISTICS, P.SUBMIT_ANNUAL_RETURN}
    ),
    Role.DPO: frozenset({P.VIEW_CASES, P.VIEW_AUDIT, P.RUN_RETENTION, P.EXPORT_DATA}),
    Role.NETWORK_COORDINATOR: frozenset(
        {
            P.VIEW_NETWORK_STATISTICS,
            P.MANAGE_ANNUAL_RETURNS,
            P.MANAGE_NETWORK,
            P.MANAGE_MEMBERS,
        }
    ),
    Role.MEDIATOR_MANAGER: frozenset({P.MANAGE_MEDIATORS}),
    Role.MEDIATOR: frozenset({P.MEDIATE}),
}

# Where each role makes sense. The network office never holds case data, so no role there
# can read cases; hotline roles do not exist outside hotlines.
ROLE_ORGANISATION_KINDS: dict[Role, frozenset[OrganisationKind]] = {
    Role.OPERATOR: frozenset({OrganisationKind.NATIONAL_HOTLINE}),
    Role.SUPERVISOR: frozenset({OrganisationKind.NATIONAL_HOTLINE}),
    Role.ORG_ADMIN: frozenset(OrganisationKind),
    Role.DPO: frozenset({OrganisationKind.NATIONAL_HOTLINE, OrganisationKind.NETWORK_OFFICE}),
    Role.NETWORK_COORDINATOR: frozenset({OrganisationKind.NETWORK_OFFICE}),
    Role.MEDIATOR_MANAGER: frozenset(
        {OrganisationKind.MEDIATOR_NETWORK, OrganisationKind.NETWORK_OFFICE}
    ),
    Role.MEDIATOR: frozenset({OrganisationKind.MEDIATOR_NETWORK}),
}

# Permissions that reach personal data (of children, families, staff or mediators). A role
# holding any of them must use multi-factor authentication in production.
PERSONAL_DATA_PERMISSIONS = frozenset(
    {
        P.VIEW_CASES,
        P.MANAGE_MEMBERS,
        P.VIEW_AUDIT,
        P.RUN_RETENTION,
        P.MANAGE_MEDIATORS,
        P.MEDIATE,
        P.MANAGE_NETWORK,
    }
)


def permissions_of(role: str) -> frozenset[Permission]:
    return ROLE_PERMISSIONS[Role(role)]


def role_requires_mfa(role: str) -> bool:
    return bool(permissions_of(role) & PERSONAL_DATA_PERMISSIONS)


def roles_for_kind(kind: str) -> list[Role]:
    return [role for role in Role if OrganisationKind(kind) in ROLE_ORGANISATION_KINDS[role]]
