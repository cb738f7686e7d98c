from django.urls import URLPattern, path

from homeward.alerts.views import public, staff

urlpatterns: list[URLPattern] = [
    # staff
    path("alerts/case/<int:case_id>/", staff.case_alerts, name="alert_case_section"),
    path("alerts/case/<int:case_id>/assess/", staff.assess, name="alert_assess"),
    path("alerts/assessment/<int:assessment_id>/", staff.assessment_detail,
         name="alert_assessment_detail"),
    path("alerts/assessment/<int:assessment_id>/activate/", staff.activate,
         name="alert_activate"),
    path("alerts/staff/<int:alert_id>/", staff.alert_detail, name="alert_detail"),
    path("alerts/staff/<int:alert_id>/update/", staff.update, name="alert_update"),
    path("alerts/staff/<int:alert_id>/end/", staff.end, name="alert_end"),
    path("alerts/staff/<int:alert_id>/relay/", staff.relay, name="alert_relay"),
    path("alerts/criteria/", staff.criteria, name="alert_criteria"),
    # public: no sign-in (docs/alerts.md, "For feed consumers")
    path("feeds/alerts.atom", public.alert_feed, name="alert_feed"),
    path("feeds/alerts/<slug:public_id>/latest.xml", public.cap_latest, name="alert_cap_latest"),
    path("feeds/cap/<str:identifier>.xml", public.cap_message, name="alert_cap_message"),
    path("alerts/<slug:public_id>/", public.alert_public, name="alert_public"),
    path("alerts/<slug:public_id>/photo.jpg", public.alert_photo, name="alert_photo"),
]  # fmt: skip
