"""Background work of organisations, run by the task worker (`homeward worker`)."""

from __future__ import annotations

from django_tasks import task

from homeward.organisations import notifications
from homeward.organisations.models import Membership


@task()
def send_invitation(membership_id: int, new_account: bool) -> None:
    membership = Membership.objects.select_related("user", "organisation").get(pk=membership_id)
    if membership.is_active:
        notifications.send_invitation(membership, new_account=new_account)
