from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "homeward.core"
    label = "core"
    verbose_name = "Shared mechanisms"

    def ready(self) -> None:
        from homeward.core.images import apply_pixel_limit

        apply_pixel_limit()
