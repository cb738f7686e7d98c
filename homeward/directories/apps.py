from django.apps import AppConfig


class DirectoriesConfig(AppConfig):
    name = "homeward.directories"
    label = "directories"
    verbose_name = "Public directories"
