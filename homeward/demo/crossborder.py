"""Demo cross-border requests: a few hotline pairs, with one request in every state of the
procedure, each made through the real actions (so snapshots, messages, notices and audit
events exist). Only demo cases are used; nothing here invents new personal data."""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from homeward.cases.models import Case
from homeward.crossborder import actions
from homeward.crossborder.models import CooperationRequest
from homeward.crossborder.sharing import shareable_fields
from homeward.organisations.models import Membership, Organisation

# sender, receiver, type, urgency, the state to leave it in
SCENARIOS = (
    ("BE", "FR", "locate", "urgent", "located"),
    ("FR", "BE", "support", "normal", "in_progress"),
    ("NL", "BE", "police", "urgent", "sent"),
    ("DE", "PL", "locate", "normal", "acknowledged"),
    ("IT", "GR", "facilities", "normal", "completed"),
    ("ES", "PT", "mediation", "normal", "declined"),
    ("AT", "DE", "publicity", "normal", "withdrawn"),
    ("BE", "NL", "locate", "urgent", "awaiting_approval"),
    ("FR", "IT", "take_over", "normal", "draft"),
    ("SE", "DK", "locate", "normal", "revoked"),
    ("PL", "DE", "support", "urgent", "overdue"),
)
QUESTIONS = {
    "locate": "Could you check whether the child is staying at the address we were given?",
    "support": "The family now lives in your country; can you offer them support?",
    "police": "Please confirm with your police that a missing-person report exists.",
    "facilities": "Can you check with the reception centres of your region?",
    "mediation": "The parents consider mediation; can you refer them to a cross-border mediator?",
    "publicity": "We would like to consider publicity in your country; what are your rules?",
    "take_over": "The child's family has moved to your country; can you take over the case?",
}


@dataclass
class _Hotline:
    organisation: Organisation
    operator: Membership
    supervisor: Membership


def _hotline(code: str) -> _Hotline | None:
    organisation = Organisation.objects.filter(kind="hotline", country=code).first()
    if organisation is None:
        return None
    members = {
        m.role: m
        for m in Membership.objects.filter(
            organisation=organisation, is_active=True
        ).select_related("user", "organisation")
    }
    if "operator" not in members or "supervisor" not in members:
        return None
    return _Hotline(organisation, members["operator"], members["supervisor"])


def seed_requests(seed: int) -> int:
    rng = random.Random(f"crossborder-{seed}")
    made = 0
    for sender_code, receiver_code, kind, urgency, final in SCENARIOS:
        sender, receiver = _hotline(sender_code), _hotline(receiver_code)
        if sender is None or receiver is None:
            continue
        # cross-border cases still being worked first, then any other
        cases = list(
            Case.objects.filter(organisation=sender.organisation).order_by(
                "-is_cross_border", F("closed_at").asc(nulls_first=True), "pk"
            )[:20]
        )
        if not cases:
            continue
        case = rng.choice(cases)
        keys = shareable_fields(case)
        chosen = [
            k
            for k in keys
            if k.endswith(
                (
                    ".given_names",
                    ".family_name",
                    ".birth_date",
                    ".birth_year",
                    ".reference",
                    ".category",
                )
            )
        ]
        with transaction.atomic():
            _play(sender, receiver, case, kind, urgency, final, chosen)
        made += 1
    return made


def _play(
    sender: _Hotline,
    receiver: _Hotline,
    case: Case,
    kind: str,
    urgency: str,
    final: str,
    chosen: list[str],
) -> CooperationRequest:
    request = actions.draft_request(
        membership=sender.operator,
        case=case,
        receiver=receiver.organisation,
        request_type=kind,
        urgency=urgency,
        question=QUESTIONS[kind],
        languages=["en"],
        shared_fields=chosen,
    )
    if final == "draft":
        return request
    actions.send_request(membership=sender.operator, request=request)
    if final == "awaiting_approval":
        return request
    request.refresh_from_db()
    if request.state == "awaiting_approval":
        actions.approve_request(membership=sender.supervisor, request=request)
    if final == "overdue":
        CooperationRequest.objects.filter(pk=request.pk).update(
            sent_at=request.created_at.replace(microsecond=0), acknowledge_due_at=request.created_at
        )
        actions.check_deadlines()
        return request
    if final in ("sent",):
        return request
    if final == "withdrawn":
        actions.withdraw(
            membership=sender.operator,
            request=request,
            reason="The child came home.",
        )
        return request
    if final == "declined":
        actions.decline(
            membership=receiver.operator,
            request=request,
            reason="Both parents live outside our country; we referred them to the right hotline.",
        )
        return request
    actions.acknowledge(membership=receiver.operator, request=request)
    actions.post_message(
        membership=receiver.operator,
        request=request,
        language="en",
        body="Received. Do you have a recent description of the clothing?",
    )
    actions.post_message(
        membership=sender.operator,
        request=request,
        language="en",
        body="A dark blue jacket and a grey backpack, according to the father.",
    )
    if final == "acknowledged":
        return request
    if final == "revoked":
        actions.revoke_share(membership=sender.supervisor, request=request)
        return request
    actions.start_work(membership=receiver.operator, request=request)
    actions.post_message(
        membership=receiver.operator,
        request=request,
        kind="police_contacted",
        body="Local police confirmed they received the alert.",
        language="en",
    )
    if final == "in_progress":
        return request
    if final == "located":
        actions.report_located(
            membership=receiver.operator,
            request=request,
            note="The child is safe with relatives; police informed.",
        )
        return request
    actions.complete(
        membership=receiver.operator,
        request=request,
        summary="Facilities checked; no trace of the child in our region.",
    )
    return request
