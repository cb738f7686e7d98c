"""The hotline's appeal policy, and the websites that embed the widget: registered by their
owners without an account (the key is e-mailed and shown once), blocked or unblocked by an
admin of a hotline organisation of the site's country."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.appeals.access import locate_site, policy_of
from homeward.appeals.actions.common import audit, clean_countries
from homeward.appeals.choices import SiteState
from homeward.appeals.models import AppealPolicy, WidgetSite
from homeward.appeals.origins import rebuilt_origin
from homeward.organisations.access import require_permission
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission


@transaction.atomic
def edit_policy(
    *,
    membership: Membership,
    default_days: int,
    maximum_days: int,
    police_consent_required: bool,
    child_view_from_age: int,
) -> AppealPolicy:
    require_permission(membership, Permission.MANAGE_SETTINGS)
    if not 1 <= maximum_days <= 365:
        raise ValidationError({"maximum_days": _("Between 1 and 365 days.")})
    if not 1 <= default_days <= maximum_days:
        raise ValidationError(
            {"default_days": _("Between 1 day and the maximum (%(max)d).") % {"max": maximum_days}}
        )
    if not 0 <= child_view_from_age <= 18:
        raise ValidationError({"child_view_from_age": _("An age between 0 and 18.")})
    policy = policy_of(membership.organisation)
    policy.default_days = default_days
    policy.maximum_days = maximum_days
    policy.police_consent_required = police_consent_required
    policy.child_view_from_age = child_view_from_age
    policy.save()
    audit(
        membership,
        "policy.edit",
        policy,
        ["default_days", "maximum_days", "police_consent_required", "child_view_from_age"],
    )
    return policy


def _clean_origin(value: str) -> str:
    """`https://host[:port]` exactly as the site embeds the widget (http only for a local test
    page on localhost or 127.0.0.1), rebuilt from its parts: it goes into the widget's
    Content-Security-Policy, so nothing else may ride along."""
    origin = rebuilt_origin(value)
    if origin is None:
        raise ValidationError(
            {"origin": _("Give the site's origin, such as https://www.example.org (no path).")}
        )
    return origin


@transaction.atomic
def register_site(*, name: str, origin: str, contact_email: str, country: str) -> WidgetSite:
    """A site owner registers (no account): the key is e-mailed to the contact on commit."""
    name = name.strip()
    if not name or len(name) > 200:
        raise ValidationError({"name": _("Give the site's name (at most 200 characters).")})
    origin = _clean_origin(origin)
    try:
        validate_email(contact_email)
    except ValidationError:
        raise ValidationError({"contact_email": _("Enter a valid e-mail address.")}) from None
    [code] = clean_countries([country], field="country")
    site = WidgetSite.objects.create(
        name=name, origin=origin, contact_email=contact_email.strip().lower(), country=code
    )
    audit(None, "site.register", site, ["name", "origin", "contact_email", "country"])
    message = _(
        "Your key for the Homeward missing-children widget on %(origin)s is:\n\n%(key)s\n\n"
        "Keep it: it is shown only once. The widget shows nothing on any other origin."
    ) % {"origin": origin, "key": site.key}
    email = site.contact_email
    transaction.on_commit(
        lambda: send_mail(_("Your widget key"), message, None, [email], fail_silently=True)
    )
    return site


@transaction.atomic
def block_site(*, membership: Membership, site_id: int, reason: str) -> WidgetSite:
    """Only an admin of a hotline organisation of the site's country (another country's site
    is a 404 to it)."""
    require_permission(membership, Permission.MANAGE_SETTINGS)
    site = WidgetSite.objects.select_for_update().get(pk=locate_site(membership, site_id).pk)
    reason = reason.strip()
    if not reason or len(reason) > 300:
        raise ValidationError({"reason": _("Say why (at most 300 characters).")})
    site.state = SiteState.BLOCKED
    site.blocked_by = membership.user
    site.blocked_at = timezone.now()
    site.blocked_reason = reason
    site.save()
    audit(membership, "site.block", site, ["state", "blocked_reason"])
    return site


@transaction.atomic
def unblock_site(*, membership: Membership, site_id: int) -> WidgetSite:
    require_permission(membership, Permission.MANAGE_SETTINGS)
    site = WidgetSite.objects.select_for_update().get(pk=locate_site(membership, site_id).pk)
    site.state = SiteState.ACTIVE
    site.blocked_by = None
    site.blocked_at = None
    site.blocked_reason = ""
    site.save()
    audit(membership, "site.unblock", site, ["state"])
    return site
