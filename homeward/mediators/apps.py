from django.apps import AppConfig


class MediatorsConfig(AppConfig):
    name = "homeward.mediators"
    label = "mediators"
    verbose_name = "Cross-border family mediators"
