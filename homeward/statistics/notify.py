"""E-mails about annual returns to the members of a hotline who may submit its return
(supervisors and administrators). Like every e-mail of Homeward, they hold a link and nothing
else, and leave once the action that sends them has committed."""

from __future__ import annotations

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from homeward.organisations.emails import base_url
from homeward.organisations.models import Membership, User
from homeward.organisations.roles import ROLE_PERMISSIONS, Permission
from homeward.statistics.models import ReportingYear

SUBMITTER_ROLES = [
    role for role, perms in ROLE_PERMISSIONS.items() if Permission.SUBMIT_ANNUAL_RETURN in perms
]


def submitters_of(organisation_id: int) -> list[int]:
    """The ids of the active users who may submit the organisation's return."""
    return list(
        Membership.objects.filter(
            organisation_id=organisation_id,
            is_active=True,
            role__in=SUBMITTER_ROLES,
            user__is_active=True,
        )
        .values_list("user_id", flat=True)
        .distinct()
    )


def tell_submitters(organisation_ids: list[int], year: int, message: str) -> None:
    """Within the action's transaction: the e-mails are sent once it commits. `message` is
    "reminder" or "reopened"."""
    user_ids = sorted({user for org in organisation_ids for user in submitters_of(org)})
    if user_ids:
        transaction.on_commit(lambda: send_return_emails.enqueue(user_ids, year, message))


@task()
def send_return_emails(user_ids: list[int], year: int, message: str) -> None:
    link = base_url() + reverse("stats_return_detail", args=[year])
    reporting_year = ReportingYear.objects.filter(year=year).first()
    due_on = reporting_year.due_on if reporting_year else None
    for user in User.objects.filter(pk__in=user_ids, is_active=True):
        with translation.override(user.language or None):
            if message == "reopened":
                subject = _("Homeward: the network office reopened your annual return")
                body = _(
                    "The network office sent your hotline's annual return for %(year)s back to "
                    "you, with its reason. Sign in to see it:\n%(link)s"
                ) % {"year": year, "link": link}
            else:
                subject = _("Homeward: your hotline's annual return is awaited")
                due = due_on.isoformat() if due_on else "—"
                body = _(
                    "The network office reminds you that your hotline's annual return for "
                    "%(year)s is due on %(due)s. Sign in to prepare or upload it:\n%(link)s"
                ) % {"year": year, "due": due, "link": link}
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[user.email])
