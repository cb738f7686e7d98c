from django.apps import AppConfig


class ConfigConfig(AppConfig):
    name = "homeward.config"
    label = "homeward_config"
    verbose_name = "Homeward project"
