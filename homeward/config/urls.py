from django.urls import include, path

from homeward.api.api import api
from homeward.config import health
from homeward.organisations.views import email_address, language_choice

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("i18n/setlang/", language_choice, name="set_language"),
    # before allauth's: its e-mail page would let anyone claim an address (organisations.views)
    path("accounts/email/", email_address, name="account_email"),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", api.urls),
    path("", include("homeward.cases.urls")),
    path("", include("homeward.crossborder.urls")),
    path("", include("homeward.alerts.urls")),
    path("", include("homeward.appeals.urls")),
    path("", include("homeward.directories.urls")),
    path("", include("homeward.mediators.urls")),
    path("", include("homeward.statistics.urls")),
    path("", include("homeward.organisations.urls")),
    path("", include("homeward.dashboard.urls")),
]

handler400 = "homeward.config.errors.bad_request"
handler403 = "homeward.config.errors.permission_denied"
handler404 = "homeward.config.errors.not_found"
handler500 = "homeward.config.errors.server_error"
