"""What the request pages share: how a snapshot reads on the page, and the detail page's
context (both sides), which the action views re-render when a form has errors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from homeward.core.templatetags.country_names import country
from homeward.core.templatetags.language_names import language_name
from homeward.crossborder import access
from homeward.crossborder.choices import OPEN_STATES, State
from homeward.crossborder.clocks import row
from homeward.crossborder.forms import (
    CASE_FIELD_LABELS,
    CHILD_FIELD_LABELS,
    CompleteForm,
    DecisionForm,
    DeclineForm,
    LinkCaseForm,
    LocatedForm,
    MessageForm,
    SendBackForm,
    WithdrawForm,
    shared_field_labels,
)
from homeward.crossborder.models import CooperationRequest, Snapshot
from homeward.crossborder.sharing import (
    COUNTRY_FIELDS,
    LANGUAGE_FIELDS,
    SHARED_CHOICES,
    needs_approval,
)
from homeward.organisations.models import Membership, Organisation
from homeward.organisations.roles import Permission


@dataclass(frozen=True)
class SharedChild:
    key: str
    title: str
    fields: list[tuple[str, str]]
    has_photo: bool


@dataclass(frozen=True)
class SharedData:
    version: int
    pushed_at: datetime
    case_fields: list[tuple[str, str]]
    children: list[SharedChild]

    @property
    def empty(self) -> bool:
        return not self.case_fields and not self.children


def _text(name: str, value: object) -> str:
    """A shared value in the reader's language: a choice's code by its label, a country or a
    language by its name. A code no choice knows (a snapshot from before codes were kept, in
    the sender's words) is shown as it is."""
    if value is None or value == "":
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(_text(name, v) for v in value) or "—"
    code = str(value)
    if name in SHARED_CHOICES:
        return str(dict(SHARED_CHOICES[name].choices).get(code, code))
    if name in COUNTRY_FIELDS:
        return country(code)
    if name in LANGUAGE_FIELDS:
        return language_name(code)
    return code


def present_snapshot(snapshot: Snapshot) -> SharedData:
    """Exactly the snapshot's fields, labelled, in the order the checklist lists them."""
    data: dict[str, Any] = snapshot.data or {}
    case: dict[str, Any] = data.get("case", {})
    case_fields = [
        (str(label), _text(name, case[name]))
        for name, label in CASE_FIELD_LABELS.items()
        if name in case
    ]
    children = []
    for number, entry in enumerate(data.get("children", []), start=1):
        fields: dict[str, Any] = entry.get("fields", {})
        names = " ".join(str(fields[n]) for n in ("given_names", "family_name") if fields.get(n))
        children.append(
            SharedChild(
                key=str(entry.get("key", "")),
                title=f"{number}. {names}" if names else f"{number}.",
                fields=[
                    (str(label), _text(name, fields[name]))
                    for name, label in CHILD_FIELD_LABELS.items()
                    if name in fields and name != "photo"
                ],
                has_photo=bool(fields.get("photo")) and entry.get("key") in snapshot.photos,
            )
        )
    return SharedData(snapshot.version, snapshot.pushed_at, case_fields, children)


def works_in(organisation: Organisation) -> list[str]:
    """The languages an organisation works in: its own list, then those its hotlines answer in
    (where English usually is)."""
    tags = [*(organisation.languages or [])]
    for hotline in organisation.hotlines.all():
        tags += hotline.languages or []
    return list(dict.fromkeys(str(tag) for tag in tags if tag))


def message_languages(item: CooperationRequest, membership: Membership) -> list[str]:
    """Tags offered for a message: the request's languages, then both hotlines' languages."""
    tags = [
        *item.languages,
        *works_in(membership.organisation),
        *works_in(item.sender),
        *works_in(item.receiver),
        "en",
    ]
    return list(dict.fromkeys(str(t) for t in tags if t))


def default_message_language(
    theirs: list[str], ours: list[str], declared: list[str], interface: str
) -> str:
    """The language a message most likely goes in: the first of the receiving hotline's
    languages that the writer's hotline works in (French between Belgium and France, English
    from Greece to Belgium, not Dutch); else the interface language the writer reads, if the
    receiving hotline works in it; else the first language the request declared usable; else
    English, the network's common language."""
    both = [tag for tag in theirs if tag in ours]
    if not both and interface in theirs:
        both = [interface]
    return (both or [tag for tag in declared if tag] or ["en"])[0]


def reader_language(item: CooperationRequest, membership: Membership) -> str:
    other = item.receiver if access.is_sender(membership, item) else item.sender
    return default_message_language(
        works_in(other),
        works_in(membership.organisation),
        list(item.languages or []),
        get_language() or "",
    )


def detail_context(
    request: HttpRequest, membership: Membership, item: CooperationRequest, **forms: Form
) -> dict[str, Any]:
    sender = access.is_sender(membership, item)
    can_edit = membership.has_perm(Permission.EDIT_CASES)
    context: dict[str, Any] = {
        "item": item,
        "row": row(item, membership),
        "is_sender": sender,
        "can_edit": can_edit,
        "can_approve": membership.has_perm(Permission.APPROVE),
        "can_see_photos": membership.has_perm(Permission.VIEW_PHOTOS),
        "is_open": item.state in OPEN_STATES,
        "can_message": can_edit and item.state in OPEN_STATES,
        "events": access.conversation(membership, item),
        "withdrawn": access.withdrawn_from(membership, item),
        "message_form": forms.get("message_form")
        or MessageForm(
            languages=message_languages(item, membership),
            initial={"language": reader_language(item, membership)},
        ),
        "located_form": forms.get("located_form") or LocatedForm(),
        "complete_form": forms.get("complete_form") or CompleteForm(),
        "decline_form": forms.get("decline_form") or DeclineForm(),
        "withdraw_form": forms.get("withdraw_form") or WithdrawForm(),
        "link_form": forms.get("link_form") or LinkCaseForm(),
        "decision_form": forms.get("decision_form") or DecisionForm(),
        "send_back_form": forms.get("send_back_form") or SendBackForm(),
        "can_decide": can_edit
        and item.located_at is not None
        and item.decided_at is None
        and item.state in (*OPEN_STATES, State.COMPLETED),
        "decision_withdrawn": access.decision_withdrawn_from(membership, item),
    }
    if sender:
        # our own case: the field list names our children; the receiver never gets this
        context["shared_labels"] = shared_field_labels(item.case, list(item.shared_fields))
        context["versions"] = item.snapshots.select_related("pushed_by").only(
            "version", "pushed_at", "pushed_by"
        )
        context["waits_for_approval"] = (
            item.state == State.DRAFT
            and needs_approval(membership.organisation, list(item.shared_fields))
            and not membership.has_perm(Permission.APPROVE)
        )
        context["their_case"] = item.receiver_case
        context["sender_can_act"] = item.state in (
            State.DRAFT,
            State.AWAITING_APPROVAL,
            *OPEN_STATES,
        ) or (item.share_active and item.state not in (State.DRAFT, State.AWAITING_APPROVAL))
    else:
        context["their_case"] = item.case  # its status only: the template shows nothing else
        context["can_open_case"] = (
            can_edit
            and item.receiver_case_id is None
            and item.share_active
            and item.state in (State.SENT, *OPEN_STATES)
        )
        context["shared"] = None
        if item.share_active:
            try:
                view = access.shared_snapshot(membership, item)  # records the read
            except Http404:
                pass  # nothing was shared
            else:
                context["shared"] = present_snapshot(view.snapshot)
    return context


def render_detail(
    request: HttpRequest, membership: Membership, item: CooperationRequest, **forms: Form
) -> HttpResponse:
    return render(
        request,
        "crossborder/request_detail.html",
        detail_context(request, membership, item, **forms),
    )
