"""The benchmark's baseline endpoints (bench_views.py), mounted under /bench/ by config/urls.py
only when settings.BENCH is true (HOMEWARD_BENCH=1)."""

from django.urls import path

from homeward.demo import bench_views

urlpatterns = [
    path("contacts", bench_views.log_contact, name="bench_log_contact"),
    path("cases", bench_views.case_list, name="bench_case_list"),
    path("cases/<int:case_id>", bench_views.case_detail, name="bench_case_detail"),
    path("search/children", bench_views.search_children, name="bench_search_children"),
]
