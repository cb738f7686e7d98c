from django.urls import URLPattern, path

from homeward.statistics import report_views

# one block per page group: figures (a hotline's own), returns, network report
urlpatterns: list[URLPattern] = [
    # the network report
    path(
        "statistics/network/<int:year>/",
        report_views.report_page,
        name="statistics_network_report",
    ),
    path(
        "statistics/network/<int:year>/download/<slug:fmt>/",
        report_views.report_download,
        name="statistics_network_download",
    ),
]
