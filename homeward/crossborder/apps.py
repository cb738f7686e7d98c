from django.apps import AppConfig


class CrossborderConfig(AppConfig):
    name = "homeward.crossborder"
    label = "crossborder"
    verbose_name = "Cross-border cooperation"

    def ready(self) -> None:
        from homeward.cases import timeline
        from homeward.cases.closing import when_case_closes
        from homeward.crossborder.actions.closure import end_requests_of_closed_case
        from homeward.crossborder.timeline import MESSAGES

        when_case_closes(end_requests_of_closed_case)
        timeline.register(MESSAGES)
