from django.urls import path

from homeward.audit import views

urlpatterns = [
    path("", views.event_list, name="audit_event_list"),
    path("export.csv", views.event_export, name="audit_event_export"),
]
