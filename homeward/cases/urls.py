from django.urls import include, path

from homeward.cases.views import cases, children, contacts, lists, work

urlpatterns = [
    path("contacts/new/", contacts.contact_log, name="contact_log"),
    path("contacts/", contacts.contact_list, name="contact_list"),
    path("contacts/<int:contact_id>/", contacts.contact_detail, name="contact_detail"),
    path("contacts/<int:contact_id>/link/", contacts.contact_link, name="contact_link"),
    path("contacts/<int:contact_id>/type/", contacts.contact_retype, name="contact_retype"),
    path("cases/", lists.case_list, name="case_list"),
    path("cases/go/", lists.case_go, name="case_go"),
    path("cases/new/", cases.case_new, name="case_new"),
    path("cases/new/likely/", cases.likely_existing, name="case_likely_existing"),
    path("cases/handover/", lists.handover, name="case_handover"),
    path("cases/<int:case_id>/", cases.case_detail, name="case_detail"),
    path("cases/<int:case_id>/edit/", cases.case_edit, name="case_edit"),
    path("cases/<int:case_id>/section/", cases.section_edit, name="case_section"),
    path("cases/<int:case_id>/timeline/", cases.timeline_add, name="case_timeline_add"),
    path("cases/<int:case_id>/status/", cases.status_change, name="case_status"),
    path("cases/<int:case_id>/children/add/", cases.child_add, name="case_child_add"),
    path("cases/<int:case_id>/risk/", work.risk_assess, name="case_risk"),
    path("cases/<int:case_id>/assign/", work.case_assign, name="case_assign"),
    path("cases/<int:case_id>/close/", work.closure_request, name="case_close"),
    path("cases/<int:case_id>/reopen/", work.case_reopen, name="case_reopen"),
    path("closures/<int:closure_id>/decide/", work.closure_decide, name="closure_decide"),
    path("children/<int:child_id>/", children.child_detail, name="child_detail"),
    path("children/<int:child_id>/edit/", children.child_edit, name="child_edit"),
    path("children/<int:child_id>/photo/", children.child_photo, name="child_photo"),
    path(
        "children/<int:child_id>/photo/upload/",
        children.child_photo_upload,
        name="child_photo_upload",
    ),
    path("children/<int:child_id>/names/", children.child_name_add, name="child_name_add"),
    path("cases/transfer/", include("homeward.cases.transfer.urls")),
]
