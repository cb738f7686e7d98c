from django.urls import path

from homeward.mediators.views import case, public, staff

D = "mediators/desk/"

urlpatterns = [
    # public: no sign-in, no cookie
    path("mediators/", public.mediator_search, name="mediator_search"),
    path("mediators/pairs/", public.mediator_pairs, name="mediator_pairs"),
    path("mediators/request/", public.mediation_request, name="mediation_request"),
    # the network's desk
    path(D, staff.mediator_desk, name="mediator_desk"),
    path(f"{D}profile/", staff.profile_edit, name="mediator_profile_edit"),
    path(f"{D}profile/submit/", staff.profile_submit, name="mediator_profile_submit"),
    path(f"{D}profile/reconfirm/", staff.profile_reconfirm, name="mediator_profile_reconfirm"),
    path(f"{D}mediators/<int:mediator_id>/", staff.mediator_review, name="mediator_review"),
    path(
        f"{D}mediators/<int:mediator_id>/publish/", staff.mediator_publish, name="mediator_publish"
    ),
    path(
        f"{D}mediators/<int:mediator_id>/unpublish/",
        staff.mediator_unpublish,
        name="mediator_unpublish",
    ),
    path(f"{D}requests/<int:request_id>/", staff.mediation_detail, name="mediation_detail"),
    path(f"{D}requests/<int:request_id>/assign/", staff.mediation_assign, name="mediation_assign"),
    path(f"{D}requests/<int:request_id>/intake/", staff.mediation_intake, name="mediation_intake"),
    path(
        f"{D}requests/<int:request_id>/session/", staff.mediation_session, name="mediation_session"
    ),
    path(
        f"{D}requests/<int:request_id>/outcome/", staff.mediation_outcome, name="mediation_outcome"
    ),
    # the hotline's case page
    path("mediators/case/<int:case_id>/", case.case_mediation, name="mediation_case_section"),
    path("mediators/case/<int:case_id>/refer/", case.mediation_refer, name="mediation_refer"),
    # last: any other name under mediators/ is a profile's public id
    path("mediators/<str:public_id>/", public.mediator_profile, name="mediator_profile"),
]
