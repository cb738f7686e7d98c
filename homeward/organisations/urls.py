from django.urls import path

from homeward.organisations import session_views, views

urlpatterns = [
    path("organisation/members/", views.member_list, name="member_list"),
    path("organisation/members/invite/", views.member_invite, name="member_invite"),
    path("organisation/members/<int:member_id>/", views.member_detail, name="member_detail"),
    path(
        "organisation/members/<int:member_id>/deactivate/",
        views.member_deactivate,
        name="member_deactivate",
    ),
    path(
        "organisation/members/<int:member_id>/reactivate/",
        views.member_reactivate,
        name="member_reactivate",
    ),
    path(
        "organisation/invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("account/invitations/", views.invitation_list, name="invitation_list"),
    path(
        "account/invitations/<int:invitation_id>/accept/",
        views.invitation_accept,
        name="invitation_accept",
    ),
    path(
        "account/invitations/<int:invitation_id>/decline/",
        views.invitation_decline,
        name="invitation_decline",
    ),
    path("organisation/switch/", views.switch_organisation, name="switch_organisation"),
    path("account/tokens/", views.token_list, name="token_list"),
    path("account/session/", session_views.session_status, name="session_status"),
    path("account/session/restored/", session_views.session_restored, name="session_restored"),
    path("account/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("hotlines/", views.hotline_finder, name="hotline_finder"),
]
