from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from homeward.audit.actions import record_event
from homeward.cases.actions.common import add_timeline, case_began, require_editor
from homeward.cases.choices import RiskFactorKind, RiskGrade, TimelineKind
from homeward.cases.models import Case, RiskAssessment, RiskFactor
from homeward.organisations.models import Membership, User


def assess_risk(
    *,
    acting_user: User,
    membership: Membership,
    case: Case,
    grade: str,
    rationale: str = "",
    factors: Sequence[Mapping[str, Any]] = (),
) -> RiskAssessment:
    """A (re)assessment: the grade and the factors behind it, each with its source and time.
    The newest assessment is the case's current risk."""
    require_editor(membership, case)
    if grade not in RiskGrade.values:
        raise ValidationError({"grade": _("Choose very low, low, medium or high.")})
    now = timezone.now()
    began, refusal = case_began(case) if factors else (now, "")
    rows = []
    for index, factor in enumerate(factors):
        kind = factor.get("kind", "")
        if kind not in RiskFactorKind.values:
            raise ValidationError({f"factors.{index}.kind": _("Unknown risk factor.")})
        if not str(factor.get("source", "")).strip():
            raise ValidationError({f"factors.{index}.source": _("Say where this comes from.")})
        observed_at = factor.get("observed_at") or now
        if observed_at > now:
            raise ValidationError(
                {f"factors.{index}.observed_at": _("This time is in the future.")}
            )
        if observed_at < began:
            raise ValidationError({f"factors.{index}.observed_at": refusal})
        rows.append(
            (kind, str(factor.get("detail", "")), str(factor["source"]).strip(), observed_at)
        )
    if grade == RiskGrade.HIGH and not rows:
        raise ValidationError({"factors": _("Record at least one factor behind a high risk.")})
    with transaction.atomic():
        assessment = RiskAssessment.objects.create(
            case=case, grade=grade, rationale=rationale, assessed_by=acting_user, assessed_at=now
        )
        RiskFactor.objects.bulk_create(
            RiskFactor(assessment=assessment, kind=k, detail=d, source=s, observed_at=o)
            for k, d, s, o in rows
        )
        previous = case.risk_grade
        Case.objects.filter(pk=case.pk).update(risk_grade=grade, updated_at=now)
        case.risk_grade = grade
        message, params = (
            ("risk_changed", {"old": previous, "new": grade})
            if previous
            else ("risk", {"grade": grade})
        )
        add_timeline(case, TimelineKind.RISK, actor=acting_user, message=message, params=params)
        record_event(
            actor=acting_user,
            organisation=membership.organisation,
            action="cases.risk.assess",
            target=case,
            fields=["risk_grade", "risk_factors", "rationale"],
        )
    return assessment
