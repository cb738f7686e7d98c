"""Telling people: an in-app notification per member (what it says: notifications.py), and an
e-mail that holds a link and nothing else (no names, no case details: e-mail leaves our
control)."""

from __future__ import annotations

from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from homeward.core import wording
from homeward.crossborder import notifications
from homeward.crossborder.models import CooperationRequest, Notification
from homeward.organisations.emails import base_url
from homeward.organisations.models import Membership, Organisation, User
from homeward.organisations.roles import ROLE_PERMISSIONS, Permission


def members_with(organisation: Organisation, permission: Permission) -> list[User]:
    roles = [role for role, perms in ROLE_PERMISSIONS.items() if permission in perms]
    return [
        m.user
        for m in Membership.objects.filter(
            organisation=organisation, is_active=True, role__in=roles, user__is_active=True
        ).select_related("user")
    ]


def notify(
    organisation: Organisation,
    request: CooperationRequest,
    message: str,
    *,
    permission: Permission = Permission.EDIT_CASES,
    only: User | None = None,
    **params: Any,
) -> int:
    """Within the action's transaction: notices now, e-mails once it commits. `message` is a
    code of notifications.MESSAGES; the request's reference is always one of its parameters. With
    `only`, that member alone is told, if she still holds the permission."""
    params = {"ref": request.reference, **params}
    wording.check(notifications.MESSAGES, message, params)
    recipients = members_with(organisation, permission)
    if only is not None:
        recipients = [user for user in recipients if user.pk == only.pk]
    Notification.objects.bulk_create(
        Notification(
            recipient=user,
            organisation=organisation,
            request=request,
            message=message,
            params=params,
        )
        for user in recipients
    )
    ids = [user.pk for user in recipients]
    if ids:
        transaction.on_commit(lambda: send_notice_emails.enqueue(ids, request.pk))
    return len(recipients)


@task()
def send_notice_emails(user_ids: list[int], request_id: int) -> None:
    link = base_url() + reverse("xb_request_detail", args=[request_id])
    for user in User.objects.filter(pk__in=user_ids, is_active=True):
        send_mail(
            subject=_("Homeward: a cross-border request needs you"),
            message=_(
                "Something changed on a cross-border request of your hotline. "
                "Sign in to see it:\n%(link)s"
            )
            % {"link": link},
            from_email=None,
            recipient_list=[user.email],
        )


# the notices that ask for an action, by the action that answers them
ASKS_TO_APPROVE = ("awaiting_approval",)
ASKS_TO_ACKNOWLEDGE = ("new_request", "reminder", "overdue")
ASKS_TO_DECIDE = ("located",)
ASKS_ANYTHING = ASKS_TO_APPROVE + ASKS_TO_ACKNOWLEDGE + ASKS_TO_DECIDE


def mark_done(request: CooperationRequest, messages: tuple[str, ...]) -> int:
    """Within the action's transaction: the notices of this request that asked for what was just
    done are done (and read), for every member who received them."""
    now = timezone.now()
    return Notification.objects.filter(
        request=request, message__in=messages, done_at__isnull=True
    ).update(done_at=now, read_at=Coalesce("read_at", Value(now)))
