from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "homeward.alerts"
    label = "alerts"
    verbose_name = "Child alerts"

    def ready(self) -> None:
        from homeward.alerts.actions import (
            end_alerts_when_case_closes,
            end_alerts_when_child_found,
        )
        from homeward.alerts.timeline import MESSAGES
        from homeward.cases import timeline
        from homeward.cases.closing import when_case_closes, when_child_found

        when_child_found(end_alerts_when_child_found)
        when_case_closes(end_alerts_when_case_closes)
        timeline.register(MESSAGES)
