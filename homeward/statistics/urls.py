from django.urls import path

from homeward.statistics import report_views, views

RETURN = "statistics/returns/<int:year>/"
YEAR = "statistics/years/<int:year>/"

# one block per page group: figures (a hotline's own), returns, network report
urlpatterns = [
    # a hotline's own figures
    path("statistics/", views.own_figures, name="stats_own_figures"),
    # a hotline's annual returns
    path("statistics/returns/", views.return_list, name="stats_return_list"),
    path(RETURN, views.return_detail, name="stats_return_detail"),
    path(
        f"{RETURN}template.<str:file_format>",
        views.return_template,
        name="stats_return_template",
    ),
    path(f"{RETURN}return.<str:file_format>", views.return_download, name="stats_return_download"),
    path(f"{RETURN}prepare/", views.return_prepare, name="stats_return_prepare"),
    path(f"{RETURN}upload/", views.return_upload, name="stats_return_upload"),
    path(f"{RETURN}submit/", views.return_submit, name="stats_return_submit"),
    path(f"{RETURN}withdraw/", views.return_withdraw, name="stats_return_withdraw"),
    # the network office's reporting years
    path("statistics/years/", views.year_list, name="stats_year_list"),
    path(YEAR, views.year_status, name="stats_year_status"),
    path(f"{YEAR}remind/", views.year_remind, name="stats_year_remind"),
    path(f"{YEAR}lock/", views.year_lock, name="stats_year_lock"),
    path(f"{YEAR}unlock/", views.year_unlock, name="stats_year_unlock"),
    path(
        f"{YEAR}hotlines/<int:organisation_id>/reopen/",
        views.return_reopen,
        name="stats_return_reopen",
    ),
    # the network report
    path("statistics/network/<int:year>/", report_views.report_page, name="stats_network_report"),
    path(
        "statistics/network/<int:year>/download/<slug:fmt>/",
        report_views.report_download,
        name="stats_network_download",
    ),
]
