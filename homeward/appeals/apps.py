from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "homeward.appeals"
    label = "appeals"
    verbose_name = "Publicity appeals"

    def ready(self) -> None:
        from homeward.appeals.actions import end_appeals_of_closed_case, end_appeals_of_found_child
        from homeward.appeals.timeline import MESSAGES
        from homeward.cases import timeline
        from homeward.cases.closing import when_case_closes, when_child_found

        when_child_found(end_appeals_of_found_child)
        when_case_closes(end_appeals_of_closed_case)
        timeline.register(MESSAGES)
