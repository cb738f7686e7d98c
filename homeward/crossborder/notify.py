"""Telling people: an in-app notice per member, and an e-mail that holds a link and nothing
else (no names, no case details: e-mail leaves our control)."""

from __future__ import annotations

from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from homeward.cases import wording
from homeward.crossborder import notices
from homeward.crossborder.models import CooperationRequest, Notification
from homeward.organisations.models import Membership, Organisation, User
from homeward.organisations.notifications import base_url
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
    **params: Any,
) -> int:
    """Within the action's transaction: notices now, e-mails once it commits. `message` is a
    code of notices.MESSAGES; the request's reference is always one of its parameters."""
    params = {"ref": request.reference, **params}
    wording.check(notices.MESSAGES, message, params)
    recipients = members_with(organisation, permission)
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
