from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "homeward.appeals"
    label = "appeals"
    verbose_name = "Publicity appeals"
