from django.urls import path

from homeward.dashboard import audit_trail, views

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("audit/", audit_trail.event_list, name="audit_event_list"),
    path("audit/export.csv", audit_trail.event_export, name="audit_event_export"),
]
