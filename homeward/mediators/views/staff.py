"""The network's desk: the manager's queue of requests and list of profiles, a profile's
review (publish, unpublish), a mediation (assign a pair, intake, sessions, outcome); and the
mediator's own desk and profile."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from homeward.core.forms import add_errors, flash_errors
from homeward.mediators import access, actions
from homeward.mediators.choices import ProfileState
from homeward.mediators.forms import (
    AssignForm,
    IntakeForm,
    OutcomeForm,
    ProfileForm,
    SessionForm,
    split,
)
from homeward.mediators.models import MediationRequest, Mediator
from homeward.mediators.pairs import Question, propose
from homeward.organisations.access import current_membership, member_required
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission


def _manager_or_mediator(membership: Membership) -> None:
    if not (
        membership.has_perm(Permission.MANAGE_MEDIATORS) or membership.has_perm(Permission.MEDIATE)
    ):
        raise PermissionDenied("only the mediator network")


@member_required()
def mediator_desk(request: HttpRequest) -> HttpResponse:
    membership = current_membership(request)
    _manager_or_mediator(membership)
    manager = membership.has_perm(Permission.MANAGE_MEDIATORS)
    context: dict[str, Any] = {
        "manager": manager,
        "requests": access.requests_of(membership)[:200],
    }
    if manager:
        context["waiting"] = access.mediators_of(membership).filter(state=ProfileState.SUBMITTED)
        context["profiles"] = access.mediators_of(membership).exclude(state=ProfileState.SUBMITTED)[
            :200
        ]
    else:
        context["profile"] = access.own_profile(membership)
    return render(request, "mediators/desk.html", context)


def _initial(mediator: Mediator | None) -> dict[str, Any]:
    if mediator is None:
        return {}
    return {
        **{
            name: getattr(mediator, name)
            for name in (
                "full_name",
                "gender",
                "background",
                "profession",
                "cities",
                "network_training",
                "training_hours",
                "training_year",
                "accreditations",
                "urgent",
                "travels",
                "online",
                "fees",
                "email",
                "phone",
                "website",
                "specialisations",
            )
        },
        "languages": ", ".join(f"{r.language} {r.level}" for r in mediator.languages.all()),
        "practice_countries": ", ".join(mediator.practice_countries),
        "other_countries": ", ".join(
            c for c in mediator.accepted_countries if c not in mediator.practice_countries
        ),
        **{f"biography_{lang}": mediator.biographies.get(lang, "") for lang in ("en", "fr", "de")},
    }


@member_required(Permission.MEDIATE)
def profile_edit(request: HttpRequest) -> HttpResponse:
    membership = current_membership(request)
    profile = access.own_profile(membership)
    form = ProfileForm(request.POST or None, initial=_initial(profile))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.save_profile(
                membership=membership,
                data=actions.ProfileData(
                    full_name=data["full_name"],
                    gender=data["gender"],
                    background=data["background"],
                    profession=data["profession"],
                    languages=data["languages"],
                    practice_countries=split(data["practice_countries"]),
                    other_countries=split(data["other_countries"]),
                    specialisations=data["specialisations"],
                    cities=data["cities"],
                    network_training=data["network_training"],
                    training_hours=data["training_hours"],
                    training_year=data["training_year"],
                    accreditations=data["accreditations"],
                    urgent=data["urgent"],
                    travels=data["travels"],
                    online=data["online"],
                    fees=data["fees"],
                    email=data["email"],
                    phone=data["phone"],
                    website=data["website"],
                    biographies={lang: data[f"biography_{lang}"] for lang in ("en", "fr", "de")},
                ),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("mediator_desk")
    return render(request, "mediators/profile_edit.html", {"form": form, "profile": profile})


@require_POST
@member_required(Permission.MEDIATE)
def profile_submit(request: HttpRequest) -> HttpResponse:
    try:
        actions.submit_profile(membership=current_membership(request))
        messages.success(request, _("Your profile was sent to the network's office."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("mediator_desk")


@require_POST
@member_required(Permission.MEDIATE)
def profile_reconfirm(request: HttpRequest) -> HttpResponse:
    try:
        actions.reconfirm_profile(membership=current_membership(request))
        messages.success(request, _("Thank you: your profile is confirmed for another year."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("mediator_desk")


@member_required(Permission.MANAGE_MEDIATORS)
def mediator_review(request: HttpRequest, mediator_id: int) -> HttpResponse:
    mediator = access.read_mediator(current_membership(request), mediator_id)
    return render(request, "mediators/review.html", {"mediator": mediator})


@require_POST
@member_required(Permission.MANAGE_MEDIATORS)
def mediator_publish(request: HttpRequest, mediator_id: int) -> HttpResponse:
    membership = current_membership(request)
    mediator = access.locate_mediator(membership, mediator_id)
    try:
        actions.publish_profile(membership=membership, mediator=mediator)
        messages.success(request, _("The profile is published."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("mediator_review", mediator.pk)


@require_POST
@member_required(Permission.MANAGE_MEDIATORS)
def mediator_unpublish(request: HttpRequest, mediator_id: int) -> HttpResponse:
    membership = current_membership(request)
    mediator = access.locate_mediator(membership, mediator_id)
    try:
        actions.unpublish_profile(membership=membership, mediator=mediator)
        messages.success(request, _("The profile is no longer public."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("mediator_review", mediator.pk)


def _pair_choices(membership: Membership, mediation: MediationRequest) -> list[tuple[str, str]]:
    question = Question(
        mediation.situation,
        mediation.country_a,
        mediation.country_b,
        tuple(mediation.languages_a),
        tuple(mediation.languages_b),
    )
    seen: dict[str, str] = {}
    for pair in propose(question, limit=10):
        for m in (pair.first, pair.second):
            seen[str(m.pk)] = f"{m.full_name} ({m.get_background_display()})"
    return list(seen.items())


def _mediation_page(
    request: HttpRequest, membership: Membership, mediation: MediationRequest, **forms: Any
) -> HttpResponse:
    manager = membership.has_perm(Permission.MANAGE_MEDIATORS)
    question = Question(
        mediation.situation,
        mediation.country_a,
        mediation.country_b,
        tuple(mediation.languages_a),
        tuple(mediation.languages_b),
    )
    context: dict[str, Any] = {
        "mediation": mediation,
        "manager": manager,
        "sessions": mediation.sessions.all(),
        "pairs": propose(question, limit=5) if manager and mediation.state == "new" else [],
        "assign_form": forms.get("assign_form")
        or AssignForm(choices=_pair_choices(membership, mediation)),
        "intake_form": forms.get("intake_form") or IntakeForm(),
        "session_form": forms.get("session_form") or SessionForm(),
        "outcome_form": forms.get("outcome_form") or OutcomeForm(),
    }
    status = 422 if forms else 200
    return render(request, "mediators/mediation.html", context, status=status)


def _work(membership: Membership) -> None:
    _manager_or_mediator(membership)


@member_required()
def mediation_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    membership = current_membership(request)
    _work(membership)
    return _mediation_page(request, membership, access.read_request(membership, request_id))


@require_POST
@member_required(Permission.MANAGE_MEDIATORS)
def mediation_assign(request: HttpRequest, request_id: int) -> HttpResponse:
    membership = current_membership(request)
    mediation = access.locate_request(membership, request_id)
    form = AssignForm(
        request.POST,
        choices=[
            (str(m.pk), m.full_name)
            for m in access.mediators_of(membership).filter(
                pk__in=[v for v in request.POST.values() if str(v).isdigit()],
                state=ProfileState.PUBLISHED,
            )
        ],
    )
    if form.is_valid():
        chosen = access.mediators_of(membership).in_bulk(
            [int(form.cleaned_data["first_mediator"]), int(form.cleaned_data["second_mediator"])]
        )
        try:
            actions.assign_pair(
                membership=membership,
                request=mediation,
                first=chosen[int(form.cleaned_data["first_mediator"])],
                second=chosen[int(form.cleaned_data["second_mediator"])],
            )
            messages.success(request, _("The pair is assigned."))
            return redirect("mediation_detail", mediation.pk)
        except ValidationError as error:
            add_errors(form, error)
    return _mediation_page(request, membership, mediation, assign_form=form)


def _step(request: HttpRequest, request_id: int, form_class: type, name: str) -> HttpResponse:
    membership = current_membership(request)
    _work(membership)
    mediation = access.locate_request(membership, request_id)
    form = form_class(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if name == "intake_form":
                actions.record_intake(
                    membership=membership, request=mediation, intake_on=data["intake_on"]
                )
            elif name == "session_form":
                actions.add_session(
                    membership=membership,
                    request=mediation,
                    held_on=data["held_on"],
                    format=data["format"],
                )
            else:
                actions.record_outcome(
                    membership=membership,
                    request=mediation,
                    outcome=data["outcome"],
                    outcome_on=data["outcome_on"],
                )
            messages.success(request, _("Saved."))
            return redirect("mediation_detail", mediation.pk)
        except ValidationError as error:
            add_errors(form, error)
    return _mediation_page(request, membership, mediation, **{name: form})


@require_POST
@member_required()
def mediation_intake(request: HttpRequest, request_id: int) -> HttpResponse:
    return _step(request, request_id, IntakeForm, "intake_form")


@require_POST
@member_required()
def mediation_session(request: HttpRequest, request_id: int) -> HttpResponse:
    return _step(request, request_id, SessionForm, "session_form")


@require_POST
@member_required()
def mediation_outcome(request: HttpRequest, request_id: int) -> HttpResponse:
    return _step(request, request_id, OutcomeForm, "outcome_form")
