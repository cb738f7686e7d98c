"""The checklist an assessment answers: the organisation's own criteria, or the European
cross-border defaults when it has configured none."""

from __future__ import annotations

from homeward.alerts.choices import DEFAULT_CRITERIA
from homeward.alerts.models import AlertCriterion
from homeward.organisations.models import Organisation


def configured(organisation: Organisation) -> list[AlertCriterion]:
    return list(AlertCriterion.objects.filter(organisation=organisation, active=True))


def checklist(organisation: Organisation) -> list[tuple[str, str]]:
    """(key, wording) for each criterion in use, in order."""
    own = configured(organisation)
    if own:
        return [(criterion.key, criterion.wording) for criterion in own]
    return [(key, str(wording)) for key, wording in DEFAULT_CRITERIA]
