from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "homeward.organisations"
    label = "organisations"
    verbose_name = "Organisations"

    def ready(self) -> None:
        from homeward.organisations import signals  # noqa: F401
