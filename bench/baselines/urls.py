"""The benchmark's baseline endpoints (views.py), mounted under /bench/ by bench/urls.py."""

from django.urls import path

from . import views

urlpatterns = [
    path("contacts", views.log_contact, name="bench_log_contact"),
    path("cases", views.case_list, name="bench_case_list"),
    path("cases/<int:case_id>", views.case_detail, name="bench_case_detail"),
    path("search/children", views.search_children, name="bench_search_children"),
]
