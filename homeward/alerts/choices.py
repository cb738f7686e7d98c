"""The vocabulary of child alerts: the default criteria, the answers, the risks of publicity,
the recommendation, the competent authority, the states and the CAP 1.2 values."""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The European cross-border criteria (Commission SEC(2008) 2912), the default checklist of an
# organisation that has configured none. The keys are stable: assessments store them.
DEFAULT_CRITERIA: tuple[tuple[str, Promise], ...] = (
    ("under_18", _("The child is under 18.")),
    ("abduction", _("An abduction is proven or clearly indicated.")),
    ("high_risk", _("The child's life or health is at high risk.")),
    ("information", _("Information is available whose publication can help locate the child.")),
    ("no_added_risk", _("Publication is not expected to add to the risk to the child.")),
)


class Answer(models.TextChoices):
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")
    UNKNOWN = "unknown", _("Unknown")


class PublicityRisk(models.TextChoices):
    FLEEING_ABUSE = "fleeing_abuse", _("Fleeing abuse at home or in care")
    EXPLOITATION = "exploitation", _("Exploitation or trafficking")
    PARENTAL_CONFLICT = "parental_conflict", _("Parental conflict")
    MENTAL_HEALTH = "mental_health", _("Mental health or self-harm")
    DIGITAL_FOOTPRINT = "digital_footprint", _("Lasting digital footprint")
    OTHER = "other", _("Other")


class Recommendation(models.TextChoices):
    ASK_FOR_ALERT = "ask_for_alert", _("Recommend asking the authority for an alert")
    DO_NOT = "do_not", _("Do not recommend an alert")
    APPEAL_INSTEAD = "appeal_instead", _("A publicity appeal instead")
    MORE_INFORMATION = "more_information", _("More information needed")


class AuthorityKind(models.TextChoices):
    POLICE = "police", _("Police")
    PROSECUTOR = "prosecutor", _("Prosecutor")
    JUDGE = "judge", _("Judge or magistrate")
    OTHER = "other", _("Other authority")


class AlertState(models.TextChoices):
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class EndReason(models.TextChoices):
    CHILD_FOUND = "child_found", _("Child found")
    CASE_CLOSED = "case_closed", _("Case closed")
    DURATION_OVER = "duration_over", _("Duration over")
    AUTHORITY_ENDED = "authority_ended", _("The authority ended it")


class CapUrgency(models.TextChoices):
    IMMEDIATE = "Immediate", _("Immediate")
    EXPECTED = "Expected", _("Expected")
    FUTURE = "Future", _("Future")
    PAST = "Past", _("Past")
    UNKNOWN = "Unknown", _("Unknown")


class CapSeverity(models.TextChoices):
    EXTREME = "Extreme", _("Extreme")
    SEVERE = "Severe", _("Severe")
    MODERATE = "Moderate", _("Moderate")
    MINOR = "Minor", _("Minor")
    UNKNOWN = "Unknown", _("Unknown")


class CapCertainty(models.TextChoices):
    OBSERVED = "Observed", _("Observed")
    LIKELY = "Likely", _("Likely")
    POSSIBLE = "Possible", _("Possible")
    UNLIKELY = "Unlikely", _("Unlikely")
    UNKNOWN = "Unknown", _("Unknown")


class MsgType(models.TextChoices):
    ALERT = "Alert", "Alert"
    UPDATE = "Update", "Update"
    CANCEL = "Cancel", "Cancel"


MAX_DURATION_HOURS = 24 * 7
