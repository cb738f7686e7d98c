"""The hotline's appeal policy, and the websites that embed the widget: registered by their
owners without an account (the key is sent only by e-mail, so the address is proven by its
use), blocked or unblocked by an admin of a hotline organisation of the site's country. A
block applies to the origin: all its keys, and no new registration of it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.appeals.access import hotline_countries, locate_site, origin_is_blocked, policy_of
from homeward.appeals.actions.common import audit, clean_countries
from homeward.appeals.choices import SiteState
from homeward.appeals.models import AppealPolicy, WidgetSite, new_site_key
from homeward.appeals.origins import rebuilt_origin
from homeward.appeals.rules import CHILD_VIEW_YOUNGEST
from homeward.organisations.access import require_permission
from homeward.organisations.emails import base_url
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
    if not CHILD_VIEW_YOUNGEST <= child_view_from_age <= 18:
        raise ValidationError(
            {
                "child_view_from_age": _("An age between %(min)d and 18.")
                % {"min": CHILD_VIEW_YOUNGEST}
            }
        )
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


def _snippet(key: str) -> str:
    script = f"{base_url()}{reverse('appeal_widget_script')}"
    return f'<script src="{script}" data-key="{key}" async></script>'


@transaction.atomic
def register_site(
    *, name: str, origin: str, contact_email: str, country: str, key: str = ""
) -> WidgetSite:
    """A site owner registers (no account): the key is e-mailed to the contact on commit.
    `key`: one the caller chose and so knows (the demo's published key), sent to no one."""
    name = name.strip()
    if not name or len(name) > 200:
        raise ValidationError({"name": _("Give the site's name (at most 200 characters).")})
    origin = _clean_origin(origin)
    try:
        validate_email(contact_email)
    except ValidationError:
        raise ValidationError({"contact_email": _("Enter a valid e-mail address.")}) from None
    [code] = clean_countries([country], field="country")
    if code not in hotline_countries():
        raise ValidationError(
            {"country": _("No hotline of the network serves this country yet: choose another.")}
        )
    if origin_is_blocked(origin):
        raise ValidationError(
            {
                "origin": _(
                    "This site is blocked from showing the widget: contact the hotline of "
                    "its country."
                )
            }
        )
    site = WidgetSite.objects.create(
        name=name,
        origin=origin,
        contact_email=contact_email.strip().lower(),
        country=code,
        key=key or new_site_key(),
    )
    audit(None, "site.register", site, ["name", "origin", "contact_email", "country"])
    if key:
        return site
    message = _(
        "Your key for the Homeward missing-children widget on %(origin)s is:\n\n%(key)s\n\n"
        "Put this line on your “page not found” page:\n\n%(snippet)s\n\n"
        "The widget shows nothing on any other origin."
    ) % {"origin": origin, "key": site.key, "snippet": _snippet(site.key)}
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
    now = timezone.now()
    for row in _same_origin(site):
        row.state = SiteState.BLOCKED
        row.blocked_by = membership.user
        row.blocked_at = now
        row.blocked_reason = reason
        row.save()
        audit(membership, "site.block", row, ["state", "blocked_reason"])
    site.refresh_from_db()
    return site


@transaction.atomic
def unblock_site(*, membership: Membership, site_id: int) -> WidgetSite:
    require_permission(membership, Permission.MANAGE_SETTINGS)
    site = WidgetSite.objects.select_for_update().get(pk=locate_site(membership, site_id).pk)
    for row in _same_origin(site):
        row.state = SiteState.ACTIVE
        row.blocked_by = None
        row.blocked_at = None
        row.blocked_reason = ""
        row.save()
        audit(membership, "site.unblock", row, ["state"])
    site.refresh_from_db()
    return site


def _same_origin(site: WidgetSite) -> list[WidgetSite]:
    """Every key of the site's origin, locked: a block applies to the origin."""
    return list(WidgetSite.objects.select_for_update().filter(origin=site.origin).order_by("pk"))
