"""The trail's actions in words, for the DPO's page: its filter and its rows. An action not
listed here (a new one) is shown as recorded."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, Promise] = {
    "accounts.sign_in": _("Signed in"),
    "accounts.sign_out": _("Signed out"),
    "accounts.user.update": _("Own account changed"),
    "cases.case.create": _("Case opened"),
    "cases.case.read": _("Case read"),
    "cases.case.update": _("Case changed"),
    "cases.case.status": _("Case status changed"),
    "cases.case.assign": _("Case handed over"),
    "cases.case.reopen": _("Case reopened"),
    "cases.case.add_child": _("Child added to a case"),
    "cases.child.create": _("Child recorded"),
    "cases.child.read": _("Child's record read"),
    "cases.child.read_for_edit": _("Child's record read to edit it"),
    "cases.child.update": _("Child's record changed"),
    "cases.child.add_name": _("Child's name added"),
    "cases.child.photo": _("Child's photo uploaded"),
    "cases.child.photo_read": _("Child's photo viewed"),
    "cases.contact.create": _("Contact logged"),
    "cases.contact.read": _("Contact read"),
    "cases.contact.update": _("Contact changed"),
    "cases.timeline.create": _("Timeline entry added"),
    "cases.risk.assess": _("Risk assessed"),
    "cases.closure.request": _("Closure requested"),
    "cases.closure.approve": _("Closure decided"),
    "cases.parentalabductiondetails.update": _("Parental abduction section changed"),
    "cases.migrationdetails.update": _("Migration section changed"),
    "cases.runawaydetails.update": _("Runaway section changed"),
    "cases.search": _("Search"),
    "cases.list.read": _("List of cases read"),
    "cases.export": _("Cases exported"),
    "cases.import": _("Import"),
    "cases.import.upload": _("Import file uploaded"),
    "cases.import.check": _("Import file checked"),
    "cases.import.start": _("Import started"),
    "cases.import.fail": _("Import failed"),
    "crossborder.request.draft": _("Cross-border request drafted"),
    "crossborder.request.submit": _("Cross-border request submitted"),
    "crossborder.request.approve": _("Cross-border request approved"),
    "crossborder.request.send": _("Cross-border request sent"),
    "crossborder.request.withdraw": _("Cross-border request withdrawn"),
    "crossborder.request.revoke": _("Cross-border sharing revoked"),
    "crossborder.request.link_case": _("Cross-border request linked to a case"),
    "crossborder.request.located": _("Child located (cross-border)"),
    "crossborder.request.push": _("Cross-border update shared"),
    "crossborder.request.remind": _("Cross-border reminder"),
    "crossborder.request.escalate": _("Cross-border escalation"),
    "crossborder.snapshot.read": _("Shared case data read"),
    "crossborder.snapshot.photo_read": _("Shared photo viewed"),
    "crossborder.attachment.read": _("Shared attachment read"),
    "crossborder.notifications.read": _("Notifications read"),
    "organisations.organisation.create": _("Organisation created"),
    "organisations.hotline.create": _("Hotline created"),
    "organisations.member.add": _("Member added"),
    "organisations.member.read": _("Member read"),
    "organisations.member.change_role": _("Member's role changed"),
    "organisations.member.deactivate": _("Member deactivated"),
    "organisations.member.reactivate": _("Member reactivated"),
    "organisations.invitation.create": _("Invitation sent"),
    "organisations.invitation.accept": _("Invitation accepted"),
    "organisations.invitation.decline": _("Invitation declined"),
    "organisations.invitation.revoke": _("Invitation revoked"),
    "organisations.api_token.create": _("API token created"),
    "organisations.api_token.revoke": _("API token revoked"),
    "audit.export": _("Audit trail exported"),
}


def action_label(action: str) -> str:
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action
