"""Every write to organisations, memberships and tokens. Each action runs in one transaction and
records its audit event in that transaction. An action a member takes for her organisation takes
her `membership` (the actor is `membership.user`) and re-checks that what it changes is her
organisation's; what a person does for herself (an invitation she answers, her token, her
language) takes `acting_user`; seeding (`add_member`, `create_organisation`) has none."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.audit.actions import record_event
from homeward.organisations import tasks
from homeward.organisations.access import require_own, require_permission
from homeward.organisations.middleware import ORGANISATION_SESSION_KEY
from homeward.organisations.models import (
    ApiToken,
    Hotline,
    Invitation,
    Membership,
    Organisation,
    User,
)
from homeward.organisations.roles import Permission, Role, permissions_of, roles_for_kind
from homeward.organisations.tokens import NewToken, generate_secret

if TYPE_CHECKING:
    from allauth.usersessions.models import UserSession


def _check_role_fits(organisation: Organisation, role: str) -> None:
    if Role(role) not in roles_for_kind(organisation.kind):
        raise ValidationError(
            {
                "role": _(
                    "The role “%(role)s” is not available in this kind of organisation (%(kind)s)."
                )
                % {"role": Role(role).label, "kind": organisation.get_kind_display()}
            }
        )


def _check_keeps_an_admin(
    membership: Membership, *, new_role: str | None, deactivating: bool
) -> None:
    """An organisation never loses its last active member who can manage members."""
    if not membership.has_perm(Permission.MANAGE_MEMBERS):
        return
    if new_role is not None and Permission.MANAGE_MEMBERS in permissions_of(new_role):
        return
    others = (
        Membership.objects.filter(organisation=membership.organisation, is_active=True)
        .exclude(pk=membership.pk)
        .filter(role__in=[r for r in Role if Permission.MANAGE_MEMBERS in permissions_of(r)])
    )
    if not others.exists():
        field = "is_active" if deactivating else "role"
        raise ValidationError({field: _("This is the organisation's last administrator.")})


def create_organisation(
    *,
    acting_user: User | None,
    name: str,
    slug: str,
    kind: str,
    country: str = "",
    languages: list[str] | None = None,
    time_zone: str = "Europe/Brussels",
) -> Organisation:
    with transaction.atomic():
        organisation = Organisation.objects.create(
            name=name,
            slug=slug,
            kind=kind,
            country=country.upper(),
            languages=languages or [],
            time_zone=time_zone,
        )
        record_event(
            actor=acting_user,
            organisation=organisation,
            action="organisations.organisation.create",
            target=organisation,
            fields=["name", "slug", "kind", "country", "languages", "time_zone"],
        )
    return organisation


def save_hotline(
    *, acting_user: User | None, organisation: Organisation, country: str, **details: object
) -> Hotline:
    with transaction.atomic():
        hotline, created = Hotline.objects.update_or_create(
            organisation=organisation, country=country.upper(), defaults=details
        )
        record_event(
            actor=acting_user,
            organisation=organisation,
            action="organisations.hotline.create" if created else "organisations.hotline.update",
            target=hotline,
            fields=sorted(details),
        )
    return hotline


def _clean_email(email: str) -> str:
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None
    return email


def add_member(
    *,
    acting_user: None,
    organisation: Organisation,
    email: str,
    role: str,
    full_name: str = "",
    password: str | None = None,
) -> Membership:
    """Seeds a membership at once, creating the account if needed: for the demo network, the
    test cast and the command line only (hence no acting user). It asks nobody's consent, so no
    request ever reaches it: staff invite with `invite_member`, and the person accepts."""
    _check_role_fits(organisation, role)
    email = _clean_email(email)
    with transaction.atomic():
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=password, full_name=full_name)
        elif Membership.objects.filter(user=user, organisation=organisation).exists():
            raise ValidationError({"email": _("This person is already a member.")})
        membership = Membership.objects.create(user=user, organisation=organisation, role=role)
        record_event(
            actor=acting_user,
            organisation=organisation,
            action="organisations.member.add",
            target=membership,
            fields=["user", "role"],
        )
    return membership


def invite_member(
    *,
    membership: Membership,
    email: str,
    role: str,
    full_name: str = "",
) -> Invitation:
    """Invites an e-mail address to the organisation. Nothing is granted until the holder of
    the address accepts while signed in (`accept_invitation`), and what the inviting admin
    learns is the same whether or not the address has an account. An address without one gets
    an account with no password; the invitation mail carries the link to choose it."""
    require_permission(membership, Permission.MANAGE_MEMBERS)
    organisation = membership.organisation
    _check_role_fits(organisation, role)
    email = _clean_email(email)
    with transaction.atomic():
        # The admin sees her own members and invitations, so saying so reveals nothing.
        if Membership.objects.filter(user__email=email, organisation=organisation).exists():
            raise ValidationError({"email": _("This person is already a member.")})
        if Invitation.objects.pending().filter(organisation=organisation, email=email).exists():
            raise ValidationError({"email": _("An invitation to this address is pending.")})
        invitee = User.objects.filter(email=email).first()
        if invitee is None:
            invitee = User.objects.create_user(email=email, full_name=full_name.strip())
        now = timezone.now()
        invitation = Invitation.objects.create(
            organisation=organisation,
            email=email,
            invitee=invitee,
            role=role,
            invited_by=membership.user,
            created_at=now,
            expires_at=now + timedelta(days=settings.INVITATION_DAYS),
        )
        record_event(
            actor=membership.user,
            organisation=organisation,
            action="organisations.invitation.create",
            target=invitation,
            fields=["email", "role", "expires_at"],
        )
        transaction.on_commit(lambda: tasks.send_invitation.enqueue(invitation.pk))
    return invitation


def _lock_pending(invitation: Invitation) -> Invitation:
    invitation = (
        Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
    )
    if invitation.state != Invitation.State.PENDING or not invitation.organisation.is_active:
        raise ValidationError(
            {
                "invitation": _("This invitation is no longer open (%(state)s).")
                % {"state": invitation.get_state_display().lower()}
            }
        )
    return invitation


def _check_addressed_to(invitation: Invitation, user: User) -> None:
    if invitation.invitee_id != user.pk:
        raise ValidationError({"invitation": _("This invitation is for someone else.")})


def accept_invitation(*, acting_user: User, invitation: Invitation) -> Membership:
    """The invited person joins: only the holder of the invited address, signed in, while the
    invitation is pending. Her current organisation in every session stays where it was."""
    _check_addressed_to(invitation, acting_user)
    with transaction.atomic():
        invitation = _lock_pending(invitation)
        if Membership.objects.filter(
            user=acting_user, organisation=invitation.organisation
        ).exists():
            raise ValidationError({"invitation": _("You are already a member.")})
        _check_role_fits(invitation.organisation, invitation.role)
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        membership = Membership.objects.create(
            user=acting_user, organisation=invitation.organisation, role=invitation.role
        )
        record_event(
            actor=acting_user,
            organisation=invitation.organisation,
            action="organisations.invitation.accept",
            target=invitation,
            fields=["accepted_at"],
        )
        record_event(
            actor=acting_user,
            organisation=invitation.organisation,
            action="organisations.member.add",
            target=membership,
            fields=["user", "role"],
        )
    return membership


def decline_invitation(*, acting_user: User, invitation: Invitation) -> Invitation:
    _check_addressed_to(invitation, acting_user)
    with transaction.atomic():
        invitation = _lock_pending(invitation)
        invitation.declined_at = timezone.now()
        invitation.save(update_fields=["declined_at"])
        record_event(
            actor=acting_user,
            organisation=invitation.organisation,
            action="organisations.invitation.decline",
            target=invitation,
            fields=["declined_at"],
        )
    return invitation


def revoke_invitation(*, membership: Membership, invitation: Invitation) -> Invitation:
    """The inviting organisation withdraws a pending invitation; it can no longer be accepted."""
    require_permission(membership, Permission.MANAGE_MEMBERS)
    require_own(membership, invitation.organisation_id, "invitation")
    with transaction.atomic():
        invitation = _lock_pending(invitation)
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        record_event(
            actor=membership.user,
            organisation=invitation.organisation,
            action="organisations.invitation.revoke",
            target=invitation,
            fields=["revoked_at"],
        )
    return invitation


def change_role(*, membership: Membership, member: Membership, role: str) -> Membership:
    require_permission(membership, Permission.MANAGE_MEMBERS)
    require_own(membership, member.organisation_id, "member")
    _check_role_fits(member.organisation, role)
    with transaction.atomic():
        member = Membership.objects.select_for_update().get(pk=member.pk)
        if member.role == role:
            return member
        _check_keeps_an_admin(member, new_role=role, deactivating=False)
        member.role = role
        member.save(update_fields=["role"])
        record_event(
            actor=membership.user,
            organisation=member.organisation,
            action="organisations.member.change_role",
            target=member,
            fields=["role"],
        )
    return member


def _sessions_in(user: User, organisation: Organisation) -> list[UserSession]:
    """The user's sessions whose current organisation is `organisation` (or not yet chosen)."""
    from importlib import import_module

    from allauth.usersessions.models import UserSession

    engine = import_module(settings.SESSION_ENGINE)
    chosen = []
    for session in UserSession.objects.filter(user=user):
        current = engine.SessionStore(session.session_key).get(ORGANISATION_SESSION_KEY)
        if current is None or current == organisation.pk:
            chosen.append(session)
    return chosen


def deactivate_member(*, membership: Membership, member: Membership) -> Membership:
    """Ends the membership, the person's sessions that work in this organisation and her API
    tokens bound to it, at once. Her other memberships, with their sessions and tokens, go on
    working, and her account stays active: one organisation cannot lock a person out of
    another. An account without an active membership simply has nothing to see."""
    require_permission(membership, Permission.MANAGE_MEMBERS)
    require_own(membership, member.organisation_id, "member")
    with transaction.atomic():
        member = (
            Membership.objects.select_for_update()
            .select_related("user", "organisation")
            .get(pk=member.pk)
        )
        if not member.is_active:
            return member
        _check_keeps_an_admin(member, new_role=None, deactivating=True)
        now = timezone.now()
        member.is_active = False
        member.deactivated_at = now
        member.save(update_fields=["is_active", "deactivated_at"])
        ApiToken.objects.filter(
            user=member.user, organisation=member.organisation, revoked_at__isnull=True
        ).update(revoked_at=now)
        for session in _sessions_in(member.user, member.organisation):
            session.end()
        record_event(
            actor=membership.user,
            organisation=member.organisation,
            action="organisations.member.deactivate",
            target=member,
            fields=["is_active", "deactivated_at", "sessions", "api_tokens"],
        )
    return member


def reactivate_member(*, membership: Membership, member: Membership) -> Membership:
    """Gives the membership back. The person's sessions stay in the organisation they are in."""
    require_permission(membership, Permission.MANAGE_MEMBERS)
    require_own(membership, member.organisation_id, "member")
    with transaction.atomic():
        member = Membership.objects.select_for_update().get(pk=member.pk)
        if member.is_active:
            return member
        member.is_active = True
        member.deactivated_at = None
        member.save(update_fields=["is_active", "deactivated_at"])
        record_event(
            actor=membership.user,
            organisation=member.organisation,
            action="organisations.member.reactivate",
            target=member,
            fields=["is_active"],
        )
    return member


def create_api_token(*, membership: Membership, name: str, days: int = 90) -> NewToken:
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        raise ValidationError(
            {
                "days": _("A token lasts between 1 and %(max)d days.")
                % {"max": settings.API_TOKEN_MAX_DAYS}
            }
        )
    if not name.strip():
        raise ValidationError({"name": _("Give the token a name that says what uses it.")})
    full, prefix, digest = generate_secret()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=membership.user,
            organisation=membership.organisation,
            name=name.strip(),
            prefix=prefix,
            digest=digest,
            expires_at=timezone.now() + timedelta(days=days),
        )
        record_event(
            actor=membership.user,
            organisation=membership.organisation,
            action="organisations.api_token.create",
            target=token,
            fields=["name", "expires_at"],
        )
    return NewToken(token=token, secret=full)


def revoke_api_token(*, acting_user: User, token: ApiToken) -> ApiToken:
    """A token is its holder's alone: anyone else's is the access layer's 404."""
    if token.user_id != acting_user.pk:
        raise Http404("no such token")
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            record_event(
                actor=acting_user,
                organisation=token.organisation,
                action="organisations.api_token.revoke",
                target=token,
                fields=["revoked_at"],
            )
    return token


def record_sign_in(*, user: User) -> None:
    with transaction.atomic():
        record_event(actor=user, organisation=None, action="accounts.sign_in", target=user)


def record_sign_out(*, user: User) -> None:
    with transaction.atomic():
        record_event(actor=user, organisation=None, action="accounts.sign_out", target=user)


def set_language(*, acting_user: User, language: str) -> None:
    """The language her pages are shown in, from now on and at every sign-in."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the languages offered.")})
    if acting_user.language == language:
        return
    with transaction.atomic():
        User.objects.filter(pk=acting_user.pk).update(language=language)
        acting_user.language = language
        record_event(
            actor=acting_user,
            organisation=None,
            action="accounts.user.update",
            target=acting_user,
            fields=["language"],
        )
