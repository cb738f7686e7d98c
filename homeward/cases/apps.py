from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "homeward.cases"
    label = "cases"
    verbose_name = "Contacts and cases"

    def ready(self) -> None:
        from homeward.cases.audit_names import register_names

        register_names()
