from django.apps import AppConfig


class CrossborderConfig(AppConfig):
    name = "homeward.crossborder"
    label = "crossborder"
    verbose_name = "Cross-border cooperation"
