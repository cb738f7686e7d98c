"""Every API operation has an explicit operationId that does not move when its code does.

Clients generated from the OpenAPI document name their methods after the operationIds. Django
Ninja's default is the view's module path (`homeward_cases_api_cases_get_case`), which would
rename every generated method when a module moves; so each route names its own. Renaming one
breaks every client built on it: this list changes only deliberately, with a note in
docs/api.md."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

METHODS = ("get", "post", "put", "patch", "delete")

OPERATIONS = [
    ("GET", "/api/v1/alerts", "list_alerts"),
    ("GET", "/api/v1/alerts/assessments/{assessment_id}", "get_alert_assessment"),
    ("GET", "/api/v1/alerts/criteria", "list_alert_criteria"),
    ("GET", "/api/v1/alerts/{alert_id}", "get_alert"),
    ("GET", "/api/v1/alerts/{alert_id}/messages", "list_alert_messages"),
    ("GET", "/api/v1/appeal-policy", "get_appeal_policy"),
    ("GET", "/api/v1/appeals", "list_appeals"),
    ("GET", "/api/v1/appeals/{appeal_id}", "get_appeal"),
    ("GET", "/api/v1/appeals/{appeal_id}/consents", "list_consents"),
    ("GET", "/api/v1/appeals/{appeal_id}/takedown", "get_appeal_takedown"),
    ("GET", "/api/v1/cases", "list_cases"),
    ("GET", "/api/v1/cases/{case_id}", "get_case"),
    ("GET", "/api/v1/cases/{case_id}/risk", "list_risk_assessments"),
    ("GET", "/api/v1/cases/{case_id}/timeline", "list_timeline"),
    ("GET", "/api/v1/children/{child_id}", "get_child"),
    ("GET", "/api/v1/children/{child_id}/photo", "get_child_photo"),
    ("GET", "/api/v1/contacts", "list_contacts"),
    ("GET", "/api/v1/contacts/{contact_id}", "get_contact"),
    ("GET", "/api/v1/crossborder/notifications", "list_notifications"),
    ("GET", "/api/v1/crossborder/requests", "list_requests"),
    ("GET", "/api/v1/crossborder/requests/{request_id}", "get_request"),
    ("GET", "/api/v1/crossborder/requests/{request_id}/messages", "list_messages"),
    (
        "GET",
        "/api/v1/crossborder/requests/{request_id}/messages/{message_id}/attachment",
        "get_message_attachment",
    ),
    ("GET", "/api/v1/crossborder/requests/{request_id}/photos/{child_key}", "get_shared_photo"),
    ("GET", "/api/v1/crossborder/requests/{request_id}/snapshot", "get_snapshot"),
    ("GET", "/api/v1/crossborder/shareable-fields", "list_shareable_fields"),
    ("GET", "/api/v1/crossborder/waiting", "list_waiting_requests"),
    ("GET", "/api/v1/directory-services", "list_moderated_services"),
    ("GET", "/api/v1/hotlines", "list_hotlines"),
    ("GET", "/api/v1/invitations", "list_invitations"),
    ("GET", "/api/v1/me", "get_me"),
    ("GET", "/api/v1/me/invitations", "list_my_invitations"),
    ("GET", "/api/v1/mediators/profiles", "list_mediator_profiles"),
    ("GET", "/api/v1/mediators/profiles/{mediator_id}", "get_mediator_profile"),
    ("GET", "/api/v1/mediators/requests", "list_mediation_requests"),
    ("GET", "/api/v1/mediators/requests/{request_id}", "get_mediation_request"),
    ("GET", "/api/v1/members", "list_members"),
    ("GET", "/api/v1/members/{member_id}", "get_member"),
    ("GET", "/api/v1/organisations", "list_my_organisations"),
    ("GET", "/api/v1/prevention-pages", "list_prevention_pages"),
    ("GET", "/api/v1/public/appeals", "list_public_appeals"),
    ("GET", "/api/v1/public/mediators", "list_public_mediators"),
    ("GET", "/api/v1/public/mediators/pairs", "list_public_mediator_pairs"),
    ("GET", "/api/v1/public/mediators/{public_id}", "get_public_mediator"),
    ("GET", "/api/v1/public/prevention/{country}", "list_public_prevention_pages"),
    ("GET", "/api/v1/public/services", "list_public_services"),
    ("GET", "/api/v1/public/services/{public_id}", "get_public_service"),
    ("GET", "/api/v1/search/children", "search_children"),
    ("GET", "/api/v1/search/likely-existing", "search_likely_existing"),
    ("GET", "/api/v1/statistics/figures", "get_own_figures"),
    ("GET", "/api/v1/statistics/network/{year}", "get_network_report"),
    ("GET", "/api/v1/statistics/network/{year}/csv", "get_network_report_csv"),
    ("GET", "/api/v1/statistics/network/{year}/pdf", "get_network_report_pdf"),
    ("GET", "/api/v1/statistics/network/{year}/sdmx-csv", "get_network_report_sdmx_csv"),
    ("GET", "/api/v1/statistics/network/{year}/xlsx", "get_network_report_xlsx"),
    ("GET", "/api/v1/statistics/returns", "list_annual_returns"),
    ("GET", "/api/v1/statistics/returns/{return_id}", "get_annual_return"),
    ("GET", "/api/v1/statistics/years", "list_reporting_years"),
    ("GET", "/api/v1/statistics/years/{year}/status", "get_year_status"),
    ("GET", "/api/v1/widget-sites", "list_widget_sites"),
    ("PATCH", "/api/v1/appeals/{appeal_id}", "update_appeal"),
    ("PATCH", "/api/v1/cases/{case_id}", "update_case"),
    ("PATCH", "/api/v1/children/{child_id}", "update_child"),
    ("PATCH", "/api/v1/members/{member_id}", "change_member_role"),
    ("POST", "/api/v1/alerts", "record_alert_activation"),
    ("POST", "/api/v1/alerts/assessments", "create_alert_assessment"),
    ("POST", "/api/v1/alerts/{alert_id}/end", "end_alert"),
    ("POST", "/api/v1/alerts/{alert_id}/relay", "relay_alert"),
    ("POST", "/api/v1/alerts/{alert_id}/update", "update_alert"),
    ("POST", "/api/v1/appeals", "create_appeal"),
    ("POST", "/api/v1/appeals/{appeal_id}/consents", "record_consent"),
    ("POST", "/api/v1/appeals/{appeal_id}/end", "end_appeal"),
    ("POST", "/api/v1/appeals/{appeal_id}/publish", "publish_appeal"),
    ("POST", "/api/v1/appeals/{appeal_id}/takedown/items/{item_id}", "tick_takedown_item"),
    ("POST", "/api/v1/cases", "open_case"),
    ("POST", "/api/v1/cases/{case_id}/assign", "assign_case"),
    ("POST", "/api/v1/cases/{case_id}/children", "add_child"),
    ("POST", "/api/v1/cases/{case_id}/closure", "request_closure"),
    ("POST", "/api/v1/cases/{case_id}/reopen", "reopen_case"),
    ("POST", "/api/v1/cases/{case_id}/risk", "assess_risk"),
    ("POST", "/api/v1/cases/{case_id}/status", "change_status"),
    ("POST", "/api/v1/cases/{case_id}/timeline", "add_timeline_entry"),
    ("POST", "/api/v1/children/{child_id}/names", "add_child_name"),
    ("POST", "/api/v1/closures/{closure_id}/decision", "decide_closure"),
    ("POST", "/api/v1/contacts", "log_contact"),
    ("POST", "/api/v1/crossborder/notifications/read", "mark_notifications_read"),
    ("POST", "/api/v1/crossborder/requests", "create_request"),
    ("POST", "/api/v1/crossborder/requests/{request_id}/acknowledge", "acknowledge_request"),
    ("POST", "/api/v1/crossborder/requests/{request_id}/approve", "approve_request"),
    ("POST", "/api/v1/crossborder/requests/{request_id}/complete", "complete_request"),
    ("POST", "/api/v1/crossborder/requests/{request_id}/decision", "record_located_decision"),
    ("POST", "/api/v1/crossborder/requests/{request_id}/decline", "decline_request"),
    ("POST", "/api/v1/crossborder/requests/{request_id}/link-case", "link_case"),
    ("POST", "/api/v1/crossborder/requests/{request_id}/located", "report_child_located"),
    ("POST", "/api/v1/crossborder/requests/{request_id}/messages", "post_message"),
    ("POST", "/api/v1/crossborder/requests/{request_id}/open-case", "open_case_from_request"),
    ("POST", "/api/v1/crossborder/requests/{request_id}/push", "push_update"),
    ("POST", "/api/v1/crossborder/requests/{request_id}/revoke", "revoke_share"),
    ("POST", "/api/v1/crossborder/requests/{request_id}/send", "send_request"),
    ("POST", "/api/v1/crossborder/requests/{request_id}/send-back", "send_back_request"),
    ("POST", "/api/v1/crossborder/requests/{request_id}/start", "start_request"),
    ("POST", "/api/v1/crossborder/requests/{request_id}/withdraw", "withdraw_request"),
    ("POST", "/api/v1/directory-services/{service_id}/publish", "publish_service"),
    ("POST", "/api/v1/directory-services/{service_id}/reject", "reject_service"),
    ("POST", "/api/v1/directory-services/{service_id}/withdraw", "withdraw_service"),
    ("POST", "/api/v1/invitations/{invitation_id}/revoke", "revoke_invitation"),
    ("POST", "/api/v1/me/invitations/{invitation_id}/accept", "accept_invitation"),
    ("POST", "/api/v1/me/invitations/{invitation_id}/decline", "decline_invitation"),
    ("POST", "/api/v1/mediators/profiles/{mediator_id}/publish", "publish_mediator_profile"),
    ("POST", "/api/v1/mediators/profiles/{mediator_id}/unpublish", "unpublish_mediator_profile"),
    ("POST", "/api/v1/mediators/requests/{request_id}/assign", "assign_mediation_pair"),
    ("POST", "/api/v1/mediators/requests/{request_id}/outcome", "record_mediation_outcome"),
    ("POST", "/api/v1/members", "invite_member"),
    ("POST", "/api/v1/members/{member_id}/deactivate", "deactivate_member"),
    ("POST", "/api/v1/prevention-pages/{entry_id}/verify", "verify_prevention_page"),
    ("POST", "/api/v1/statistics/returns/{return_id}/submit", "submit_annual_return"),
    ("POST", "/api/v1/statistics/returns/{return_id}/withdraw", "withdraw_annual_return"),
    ("POST", "/api/v1/statistics/years", "open_reporting_year"),
    (
        "POST",
        "/api/v1/statistics/years/{year}/hotlines/{hotline_id}/reopen",
        "reopen_annual_return",
    ),
    ("POST", "/api/v1/statistics/years/{year}/lock", "lock_reporting_year"),
    ("POST", "/api/v1/statistics/years/{year}/remind", "remind_hotlines"),
    ("POST", "/api/v1/statistics/years/{year}/return/prepare", "prepare_annual_return"),
    ("POST", "/api/v1/statistics/years/{year}/return/upload", "upload_annual_return"),
    ("POST", "/api/v1/statistics/years/{year}/unlock", "unlock_reporting_year"),
    ("POST", "/api/v1/widget-sites/{site_id}/block", "block_widget_site"),
    ("POST", "/api/v1/widget-sites/{site_id}/unblock", "unblock_widget_site"),
    ("PUT", "/api/v1/alerts/criteria", "set_alert_criteria"),
    ("PUT", "/api/v1/appeal-policy", "update_appeal_policy"),
    ("PUT", "/api/v1/cases/{case_id}/section", "update_case_section"),
    ("PUT", "/api/v1/children/{child_id}/photo", "set_child_photo"),
]


def _operations() -> list[tuple[str, str, str]]:
    document = Client().get("/api/v1/openapi.json").json()
    return sorted(
        (method.upper(), path, operation["operationId"])
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    )


def test_every_operation_keeps_its_operation_id() -> None:
    assert _operations() == OPERATIONS


def test_operation_ids_are_unique_snake_case_verbs_and_nouns() -> None:
    names = [name for _method, _path, name in OPERATIONS]
    assert len(set(names)) == len(names)
    assert all(name.islower() and "_" in name and name.isidentifier() for name in names)
