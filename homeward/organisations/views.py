"""Staff pages of the organisation (members, API tokens, switching) and the public hotline
finder. Views parse, check, call an action, respond."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language
from django_countries import countries

from homeward.audit.actions import record_read
from homeward.organisations import access, actions
from homeward.organisations.forms import InviteForm, RoleForm, SwitchOrganisationForm, TokenForm
from homeward.organisations.middleware import ORGANISATION_SESSION_KEY
from homeward.organisations.models import Channel, User
from homeward.organisations.roles import Permission


def _add_form_errors(form: InviteForm | RoleForm | TokenForm, error: ValidationError) -> None:
    for field, field_errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_errors)


@access.member_required(Permission.MANAGE_MEMBERS)
def member_list(request: HttpRequest) -> HttpResponse:
    membership = access.current_membership(request)
    members = access.members_of(membership).order_by("-is_active", "user__email")
    invitations = access.invitations_of(membership).order_by("email")
    return render(
        request,
        "organisations/member_list.html",
        {"members": members, "invitations": invitations},
    )


@access.member_required(Permission.MANAGE_MEMBERS)
def member_detail(request: HttpRequest, member_id: int) -> HttpResponse:
    membership = access.current_membership(request)
    member = access.access_member_by_id(membership, member_id)
    if request.method == "GET":
        record_read(
            actor=access.staff_user(request),
            organisation=membership.organisation,
            action="organisations.member.read",
            target=member,
            fields=["email", "full_name", "role"],
        )
    form = RoleForm(
        request.POST or None, organisation=membership.organisation, initial={"role": member.role}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_role(
                membership=membership,
                member=member,
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            _add_form_errors(form, error)
        else:
            messages.success(request, _("Role changed."))
            return redirect("member_detail", member_id=member.pk)
    return render(request, "organisations/member_detail.html", {"member": member, "form": form})


@require_POST
@access.member_required(Permission.MANAGE_MEMBERS)
def member_deactivate(request: HttpRequest, member_id: int) -> HttpResponse:
    member = access.access_member_by_id(access.current_membership(request), member_id)
    try:
        actions.deactivate_member(membership=access.current_membership(request), member=member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "%(name)s is deactivated; their sessions and API tokens in this organisation "
                "have ended."
            )
            % {"name": member.user},
        )
    return redirect("member_detail", member_id=member.pk)


@require_POST
@access.member_required(Permission.MANAGE_MEMBERS)
def member_reactivate(request: HttpRequest, member_id: int) -> HttpResponse:
    member = access.access_member_by_id(access.current_membership(request), member_id)
    actions.reactivate_member(membership=access.current_membership(request), member=member)
    messages.success(request, _("%(name)s is active again.") % {"name": member.user})
    return redirect("member_detail", member_id=member.pk)


@access.member_required(Permission.MANAGE_MEMBERS)
def member_invite(request: HttpRequest) -> HttpResponse:
    membership = access.current_membership(request)
    form = InviteForm(request.POST or None, organisation=membership.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = actions.invite_member(
                membership=membership,
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            _add_form_errors(form, error)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("member_list")
    return render(
        request,
        "organisations/member_invite.html",
        {"form": form, "invitation_days": settings.INVITATION_DAYS},
    )


@require_POST
@access.member_required(Permission.MANAGE_MEMBERS)
def invitation_revoke(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = access.access_invitation_by_id(access.current_membership(request), invitation_id)
    actions.revoke_invitation(membership=access.current_membership(request), invitation=invitation)
    messages.success(
        request, _("The invitation to %(email)s is revoked.") % {"email": invitation.email}
    )
    return redirect("member_list")


@access.signed_in_required
def invitation_list(request: HttpRequest) -> HttpResponse:
    """The signed-in person's open invitations, whether or not she is a member anywhere yet."""
    invitations = access.invitations_for(access.staff_user(request))
    return render(request, "organisations/invitation_list.html", {"invitations": invitations})


@require_POST
@access.signed_in_required
def invitation_accept(request: HttpRequest, invitation_id: int) -> HttpResponse:
    user = access.staff_user(request)
    invitation = access.access_my_invitation_by_id(user, invitation_id)
    try:
        actions.accept_invitation(acting_user=user, invitation=invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("invitation_list")
    if getattr(request, "membership", None) is None:
        request.session[ORGANISATION_SESSION_KEY] = invitation.organisation_id
        messages.success(
            request, _("You are now a member of %(org)s.") % {"org": invitation.organisation}
        )
        return redirect(settings.LOGIN_REDIRECT_URL)
    messages.success(
        request,
        _("You are now a member of %(org)s. Switch to it from the organisation menu.")
        % {"org": invitation.organisation},
    )
    return redirect("invitation_list")


@require_POST
@access.signed_in_required
def invitation_decline(request: HttpRequest, invitation_id: int) -> HttpResponse:
    user = access.staff_user(request)
    invitation = access.access_my_invitation_by_id(user, invitation_id)
    try:
        actions.decline_invitation(acting_user=user, invitation=invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("You declined the invitation of %(org)s.") % {"org": invitation.organisation},
        )
    return redirect("invitation_list")


def _reauthenticate_url(user: User) -> str:
    """allauth's page that proves it is `user` again with their strongest factor, then comes
    back here."""
    from allauth.mfa.utils import is_mfa_enabled

    page = "mfa_reauthenticate" if is_mfa_enabled(user) else "account_reauthenticate"
    return f"{reverse(page)}?{urlencode({'next': reverse('token_list')})}"


@access.member_required()
def token_list(request: HttpRequest) -> HttpResponse:
    user = access.staff_user(request)
    membership = access.current_membership(request)
    # A token outlives the session: only a session that recently proved who it is (an MFA code
    # or passkey within API_TOKEN_RECENT_AUTH_SECONDS) may create one, so a desk left signed in
    # cannot be turned into a year-long key.
    verified = access.recently_verified(request, user)
    if request.method == "POST" and not verified:
        messages.info(request, _("Confirm it is you, then create the token."))
        return redirect(_reauthenticate_url(user))
    form = TokenForm(request.POST or None)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        try:
            created = actions.create_api_token(
                membership=membership,
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
            )
        except ValidationError as error:
            _add_form_errors(form, error)
        else:
            new_secret = created.secret
            form = TokenForm()
    tokens = access.tokens_of(user)
    return render(
        request,
        "organisations/token_list.html",
        {
            "tokens": tokens,
            "form": form,
            "new_secret": new_secret,
            "verified": verified,
            "reauthenticate_url": "" if verified else _reauthenticate_url(user),
            "recent_minutes": settings.API_TOKEN_RECENT_AUTH_SECONDS // 60,
        },
    )


@require_POST
@access.member_required()
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = access.access_token_by_id(access.staff_user(request), token_id)
    actions.revoke_api_token(acting_user=access.staff_user(request), token=token)
    messages.success(request, _("Token revoked."))
    return redirect("token_list")


@access.signed_in_required
def email_address(request: HttpRequest) -> HttpResponse:
    """Replaces allauth's e-mail page: a member cannot change her own sign-in address. That
    page let anyone make an unverified address her own and so receive the invitations (and
    the password resets) meant for its real holder."""
    return render(request, "organisations/email_address.html", status=200)


@require_POST
@access.member_required()
def switch_organisation(request: HttpRequest) -> HttpResponse:
    form = SwitchOrganisationForm(request.POST)
    if form.is_valid():
        chosen = (
            access.active_memberships(access.staff_user(request))
            .filter(organisation_id=form.cleaned_data["organisation"])
            .first()
        )
        if chosen is not None:
            request.session[ORGANISATION_SESSION_KEY] = chosen.organisation_id
            messages.info(
                request, _("You are now working in %(org)s.") % {"org": chosen.organisation}
            )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    return redirect(next_url or settings.LOGIN_REDIRECT_URL)


def hotline_finder(request: HttpRequest) -> HttpResponse:
    country = request.GET.get("country", "").strip().upper()[:2]
    hotlines = [(h, countries.name(h.country)) for h in access.listed_hotlines(country or None)]
    listed = set(access.listed_hotlines().values_list("country", flat=True))
    choices = sorted(((code, countries.name(code)) for code in listed), key=lambda c: c[1])
    return render(
        request,
        "organisations/hotline_finder.html",
        {
            "hotlines": hotlines,
            "country": country,
            "countries": choices,
            "channel_labels": dict(Channel.choices),
        },
    )


@require_POST
def language_choice(request: HttpRequest) -> HttpResponse:
    """Django's language switch (the cookie, back to the page); a signed-in member's choice is
    also kept on her account, for every later sign-in."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        actions.set_language(acting_user=request.user, language=language)
    return response
