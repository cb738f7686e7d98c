from homeward.cases.models.case import (
    Case,
    CaseSequence,
    MigrationDetails,
    ParentalAbductionDetails,
    RunawayDetails,
)
from homeward.cases.models.child import SUMMARY_FIELDS as CHILD_SUMMARY_FIELDS
from homeward.cases.models.child import CaseChild, Child, ChildName, NameKey
from homeward.cases.models.closure import Closure
from homeward.cases.models.contact import Contact
from homeward.cases.models.imports import ImportJob
from homeward.cases.models.risk import RiskAssessment, RiskFactor
from homeward.cases.models.timeline import TimelineEvent

__all__ = [
    "CHILD_SUMMARY_FIELDS",
    "Case",
    "CaseChild",
    "CaseSequence",
    "Child",
    "ChildName",
    "Closure",
    "Contact",
    "ImportJob",
    "MigrationDetails",
    "NameKey",
    "ParentalAbductionDetails",
    "RiskAssessment",
    "RiskFactor",
    "RunawayDetails",
    "TimelineEvent",
]
