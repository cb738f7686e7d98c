"""E-mails to staff. They carry a link and never personal data of a case."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from homeward.organisations.models import Invitation


def base_url() -> str:
    """Where staff reach Homeward, for links in e-mails (HOMEWARD_BASE_URL, else the first
    allowed host)."""
    if settings.BASE_URL:
        return str(settings.BASE_URL).rstrip("/")
    hosts = settings.ALLOWED_HOSTS
    host = hosts[0] if hosts and hosts[0] != "*" else "127.0.0.1:8000"
    scheme = "https" if settings.SECURE_HTTPS else "http"
    return f"{scheme}://{host}"


def send_invitation(invitation: Invitation) -> None:
    """Mails the invited address. Someone who has yet to choose a password (an account made for
    this or another invitation) gets the link to choose it; everyone then signs in and accepts
    on the invitations page."""
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    user = invitation.invitee
    set_password = None
    if not user.has_usable_password():
        set_password = base_url() + reverse(
            "account_reset_password_from_key",
            kwargs={
                "uidb36": user_pk_to_url_str(user),
                "key": default_token_generator.make_token(user),
            },
        )
    context = {
        "organisation": invitation.organisation.name,
        "role": invitation.get_role_display(),
        "set_password_link": set_password,
        "link": base_url() + reverse("invitation_list"),
        "expires_at": invitation.expires_at,
    }
    send_mail(
        subject=render_to_string("organisations/email/invitation_subject.txt", context).strip(),
        message=render_to_string("organisations/email/invitation.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
