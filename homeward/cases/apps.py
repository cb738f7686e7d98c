from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "homeward.cases"
    label = "cases"
    verbose_name = "Contacts and cases"
