"""Background work of organisations, run by the task worker (`homeward worker`)."""

from __future__ import annotations

from django_tasks import task

from homeward.organisations import notifications
from homeward.organisations.models import Invitation


@task()
def send_invitation(invitation_id: int) -> None:
    invitation = Invitation.objects.select_related("organisation", "invitee").get(pk=invitation_id)
    if invitation.state == Invitation.State.PENDING:
        notifications.send_invitation(invitation)
