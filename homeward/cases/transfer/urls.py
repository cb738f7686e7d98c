from django.urls import path

from homeward.cases.transfer import views

urlpatterns = [
    path("import/", views.import_page, name="case_import"),
    path(
        "import/template/<slug:kind>.<slug:file_format>",
        views.import_template,
        name="case_import_template",
    ),
    path("import/<int:job_id>/", views.import_job, name="case_import_job"),
    path("import/<int:job_id>/progress/", views.import_job_progress, name="case_import_progress"),
    path("import/<int:job_id>/errors.csv", views.import_job_errors, name="case_import_errors"),
    path("import/<int:job_id>/start/", views.import_job_start, name="case_import_start"),
    path("export/", views.case_export, name="case_export"),
]
