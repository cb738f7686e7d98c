from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "homeward.dashboard"
    label = "dashboard"
    verbose_name = "Dashboard"
