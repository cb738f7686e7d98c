from django.urls import path

from homeward.directories.views import public, staff, submit

M = "directories/moderation/<int:service_id>/"
P = "directories/prevention/"

urlpatterns = [
    # public: no sign-in, no cookie
    path("prevention/", public.prevention_index, name="prevention_index"),
    path("prevention/<str:country>/", public.prevention_page, name="prevention_page"),
    path("services/", public.service_list, name="service_list"),
    path("services/submit/", submit.service_submit, name="service_submit"),
    path("services/export.json", public.service_export_json, name="service_export_json"),
    path("services/export.csv", public.service_export_csv, name="service_export_csv"),
    path("services/<uuid:public_id>/", public.service_detail, name="service_detail"),
    # staff
    path("directories/moderation/", staff.moderation, name="directory_moderation"),
    path(M, staff.service_review, name="directory_service_review"),
    path(f"{M}publish/", staff.service_publish, name="directory_service_publish"),
    path(f"{M}reject/", staff.service_reject, name="directory_service_reject"),
    path(f"{M}withdraw/", staff.service_withdraw, name="directory_service_withdraw"),
    path(P, staff.prevention_manage, name="directory_prevention_manage"),
    path(f"{P}new/", staff.prevention_edit, name="directory_prevention_new"),
    path(f"{P}<int:entry_id>/", staff.prevention_edit, name="directory_prevention_edit"),
    path(f"{P}<int:entry_id>/verify/", staff.prevention_verify, name="directory_prevention_verify"),
]
