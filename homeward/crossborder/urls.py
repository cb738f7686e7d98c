from django.urls import path

from homeward.crossborder import network_views, views

R = "crossborder/<int:request_id>/"

urlpatterns = [
    path("crossborder/", views.request_list, name="xb_request_list"),
    path("crossborder/new/", views.request_new, name="xb_request_new"),
    path("crossborder/notifications/", views.notification_list, name="xb_notifications"),
    path("crossborder/notifications/read/", views.notifications_read, name="xb_notifications_read"),
    path("crossborder/network/", network_views.network_overview, name="xb_network"),
    path("crossborder/case/<int:case_id>/", views.case_requests, name="xb_case_requests"),
    path(R, views.request_detail, name="xb_request_detail"),
    # the sender
    path(f"{R}send/", views.request_send, name="xb_request_send"),
    path(f"{R}approve/", views.request_approve, name="xb_request_approve"),
    path(f"{R}send-back/", views.request_send_back, name="xb_request_send_back"),
    path(f"{R}push/", views.request_push, name="xb_request_push"),
    path(f"{R}sharing/", views.request_sharing, name="xb_request_sharing"),
    path(f"{R}revoke/", views.request_revoke, name="xb_request_revoke"),
    path(f"{R}withdraw/", views.request_withdraw, name="xb_request_withdraw"),
    # the receiver
    path(f"{R}acknowledge/", views.request_acknowledge, name="xb_request_acknowledge"),
    path(f"{R}start/", views.request_start, name="xb_request_start"),
    path(f"{R}located/", views.request_located, name="xb_request_located"),
    path(f"{R}complete/", views.request_complete, name="xb_request_complete"),
    path(f"{R}decline/", views.request_decline, name="xb_request_decline"),
    path(f"{R}link-case/", views.request_link_case, name="xb_request_link_case"),
    path(f"{R}open-case/", views.request_open_case, name="xb_request_open_case"),
    # both
    path(f"{R}decision/", views.request_decision, name="xb_request_decision"),
    path(f"{R}messages/", views.message_post, name="xb_message_post"),
    path(f"{R}messages/<int:event_id>/attachment/", views.attachment, name="xb_attachment"),
    path(f"{R}photos/<slug:child_key>/", views.shared_photo, name="xb_shared_photo"),
]
