from django.urls import path

from homeward.appeals.views import public, register, settings, staff

D = "appeals/desk/<int:appeal_id>/"

urlpatterns = [
    # public: no sign-in, no cookie
    path("appeals/", public.appeal_list, name="appeal_list"),
    path("appeals/feed.json", public.appeal_feed, name="appeal_feed"),
    path("widget/404/", public.widget, name="appeal_widget"),
    path("widget/404.js", public.widget_script, name="appeal_widget_script"),
    path("widget/register/", register.site_register, name="appeal_site_register"),
    # the hotline's
    path("appeals/case/<int:case_id>/", staff.case_appeals, name="appeal_case_panel"),
    path("appeals/case/<int:case_id>/new/", staff.appeal_create, name="appeal_create"),
    path(D, staff.appeal_detail, name="appeal_detail"),
    path(f"{D}edit/", staff.appeal_edit, name="appeal_edit"),
    path(f"{D}consent/", staff.appeal_consent, name="appeal_consent"),
    path(f"{D}publish/", staff.appeal_publish, name="appeal_publish"),
    path(f"{D}end/", staff.appeal_end, name="appeal_end"),
    path(f"{D}checklist/<int:item_id>/", staff.appeal_item_tick, name="appeal_item_tick"),
    path("appeals/policy/", settings.appeal_policy, name="appeal_policy"),
    path("appeals/sites/", settings.site_list, name="appeal_sites"),
    path("appeals/sites/<int:site_id>/block/", settings.site_block, name="appeal_site_block"),
    path("appeals/sites/<int:site_id>/unblock/", settings.site_unblock, name="appeal_site_unblock"),
    # last: any other name under appeals/ is a public id
    path("appeals/<str:public_id>/", public.appeal_public, name="appeal_public"),
    path("appeals/<str:public_id>/photo.jpg", public.appeal_photo, name="appeal_photo"),
]
