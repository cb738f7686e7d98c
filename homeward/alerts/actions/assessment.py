"""A supervisor's assessment of a case against the national criteria, and the organisation
admin's list of those criteria."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from homeward.alerts.actions.common import audit, timeline
from homeward.alerts.choices import Answer, PublicityRisk, Recommendation
from homeward.alerts.criteria import checklist
from homeward.alerts.models import AlertAssessment, AlertCriterion
from homeward.alerts.text import NOT_XML
from homeward.cases.models import Case
from homeward.organisations.access import require_own, require_permission
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission

MAX_CRITERIA = 20


def assess(
    *,
    membership: Membership,
    case: Case,
    answers: Mapping[str, tuple[str, str]],
    publicity_risks: Iterable[str] = (),
    risks_note: str = "",
    recommendation: str,
    reasoning: str,
) -> AlertAssessment:
    """`answers`: criterion key → (met, not_met or unknown; note). A criterion left out is
    unknown."""
    require_permission(membership, Permission.APPROVE)
    require_own(membership, case.organisation_id, "case")
    known = checklist(membership.organisation)
    keys = {key for key, _wording in known}
    strangers = sorted(set(answers) - keys)
    if strangers:
        raise ValidationError({"criteria": _("No such criterion: %(keys)s.")
                               % {"keys": ", ".join(strangers)}})  # fmt: skip
    criteria = []
    for key, wording in known:
        answer, note = answers.get(key, (Answer.UNKNOWN, ""))
        if answer not in Answer.values:
            raise ValidationError({f"criterion_{key}": _("Choose met, not met or unknown.")})
        criteria.append({"key": key, "wording": wording, "answer": answer, "note": note.strip()})
    risks = list(dict.fromkeys(publicity_risks))
    if any(risk not in PublicityRisk.values for risk in risks):
        raise ValidationError({"publicity_risks": _("Choose among the risks listed.")})
    if recommendation not in Recommendation.values:
        raise ValidationError({"recommendation": _("Choose a recommendation.")})
    if not reasoning.strip():
        raise ValidationError({"reasoning": _("Give the reasoning behind the recommendation.")})
    with transaction.atomic():
        assessment = AlertAssessment.objects.create(
            organisation=membership.organisation,
            case=case,
            made_by=membership.user,
            criteria=criteria,
            publicity_risks=risks,
            risks_note=risks_note.strip(),
            recommendation=recommendation,
            reasoning=reasoning.strip(),
        )
        audit(
            membership,
            "assessment.create",
            assessment,
            ["criteria", "publicity_risks", "risks_note", "recommendation", "reasoning"],
        )
        timeline(case, membership, "alert_assessed", {"recommendation": recommendation})
    return assessment


def _same(wording: str) -> str:
    return " ".join(wording.split()).casefold()


def configure_criteria(*, membership: Membership, wordings: Iterable[str]) -> list[AlertCriterion]:
    """The organisation's criteria become exactly `wordings`, in that order (a criterion typed
    twice is refused). An unchanged wording keeps its criterion (and its key); every other one
    stops being used (earlier assessments keep the wording they answered). An empty list
    returns to the European defaults."""
    require_permission(membership, Permission.MANAGE_SETTINGS)
    wanted = [w.strip() for w in wordings if w.strip()]
    if len(wanted) > MAX_CRITERIA:
        raise ValidationError({"criteria": _("At most %(n)s criteria.") % {"n": MAX_CRITERIA}})
    if any(len(w) > 300 for w in wanted):
        raise ValidationError({"criteria": _("Each criterion fits in 300 characters.")})
    if any(NOT_XML.search(w) for w in wanted):  # a NUL is refused by PostgreSQL, a 500
        raise ValidationError({"criteria": _("Remove the control characters from the criteria.")})
    seen: set[str] = set()
    for wording in wanted:
        if _same(wording) in seen:
            raise ValidationError({"criteria": _("“%(wording)s” is there twice: keep it once.")
                                   % {"wording": wording}})  # fmt: skip
        seen.add(_same(wording))
    org = membership.organisation
    with transaction.atomic():
        current: dict[str, AlertCriterion] = {}
        for criterion in AlertCriterion.objects.select_for_update().filter(organisation=org):
            current.setdefault(criterion.wording, criterion)
        kept = []
        for position, wording in enumerate(wanted):
            if wording in current:
                criterion = current.pop(wording)
            else:
                criterion = AlertCriterion(organisation=org, wording=wording)
            criterion.position, criterion.active = position, True
            criterion.save()
            kept.append(criterion)
        AlertCriterion.objects.filter(organisation=org).exclude(pk__in=[c.pk for c in kept]).update(
            active=False
        )
        audit(membership, "criteria.configure", org, ["criteria"])
    return kept
