"""Background work of organisations, run by the task worker (`homeward worker`)."""

from __future__ import annotations

from django_tasks import task

from homeward.organisations import emails
from homeward.organisations.models import Invitation


@task()
def send_invitation(invitation_id: int) -> None:
    invitation = Invitation.objects.select_related("organisation", "invitee").get(pk=invitation_id)
    if invitation.state == Invitation.State.PENDING:
        emails.send_invitation(invitation)
