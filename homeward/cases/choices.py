"""The vocabulary of hotline work (DESIGN.md, "Data that matters"; DOMAIN.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactType(models.TextChoices):
    NEW_CASE = "new_case", _("New case")
    EXISTING_CASE = "existing_case", _("About an existing case")
    INFORMATION = "information", _("Information")
    PREVENTION = "prevention", _("Prevention of a disappearance")
    SUPPORT = "support", _("Emotional or psychological support")
    SILENT = "silent", _("Silent, test or prank")
    OTHER = "other", _("Other")


class Caller(models.TextChoices):
    CHILD = "child", _("The child, about themself")
    PARENT = "parent", _("Parent")
    RELATIVE = "relative", _("Other relative")
    CARER = "carer", _("Carer or institution")
    POLICE = "police", _("Police")
    PROFESSIONAL = "professional", _("Professional")
    PUBLIC = "public", _("Member of the public")
    OTHER = "other", _("Other")


class Category(models.TextChoices):
    RUNAWAY = "runaway", _("Runaway")
    PARENTAL_ABDUCTION = "parental_abduction", _("Parental abduction")
    MIGRANT = "migrant", _("Missing child in migration")
    CRIMINAL_ABDUCTION = "criminal_abduction", _("Criminal abduction by a third person")
    LOST_INJURED = "lost_injured", _("Lost or injured")
    OTHERWISE_MISSING = "otherwise_missing", _("Otherwise missing (reason not yet determined)")


class Subcategory(models.TextChoices):
    FROM_HOME = "from_home", _("Ran away from home")
    FROM_CARE = "from_care", _("Ran away from care or an institution")
    PUSHED_OUT = "pushed_out", _("Pushed out of home")
    NATIONAL = "national", _("National")
    INTERNATIONAL = "international", _("International")
    UNACCOMPANIED = "unaccompanied", _("Unaccompanied")
    SEPARATED = "separated", _("Separated")
    WITH_FAMILY = "with_family", _("Travelling with family")
    LOST = "lost", _("Lost")
    INJURED = "injured", _("Injured")


SUBCATEGORIES: dict[str, tuple[str, ...]] = {
    Category.RUNAWAY: (Subcategory.FROM_HOME, Subcategory.FROM_CARE, Subcategory.PUSHED_OUT),
    Category.PARENTAL_ABDUCTION: (Subcategory.NATIONAL, Subcategory.INTERNATIONAL),
    Category.MIGRANT: (Subcategory.UNACCOMPANIED, Subcategory.SEPARATED, Subcategory.WITH_FAMILY),
    Category.CRIMINAL_ABDUCTION: (),
    Category.LOST_INJURED: (Subcategory.LOST, Subcategory.INJURED),
    Category.OTHERWISE_MISSING: (),
}


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    ACTIVE_SEARCH = "active_search", _("Active search")
    FOUND = "found", _("Found, follow-up")
    CLOSURE_REQUESTED = "closure_requested", _("Closure awaiting approval")
    CLOSED = "closed", _("Closed")


# Which status may follow which. Closing goes through a supervisor's approval; reopening
# returns a closed case to open.
STATUS_FLOW: dict[str, tuple[str, ...]] = {
    Status.OPEN: (Status.ACTIVE_SEARCH, Status.FOUND),
    Status.ACTIVE_SEARCH: (Status.OPEN, Status.FOUND),
    Status.FOUND: (Status.ACTIVE_SEARCH,),
    Status.CLOSURE_REQUESTED: (),
    Status.CLOSED: (),
}


class RiskGrade(models.TextChoices):
    VERY_LOW = "very_low", _("Very low")
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class RiskFactorKind(models.TextChoices):
    AGE = "age", _("Age")
    VULNERABILITY = "vulnerability", _("Vulnerability or disability")
    MEDICAL = "medical", _("Medical needs or medication")
    GROOMING = "grooming", _("Online grooming signs")
    EXPLOITATION = "exploitation", _("Exploitation signs")
    TRAFFICKING = "trafficking", _("Trafficking indicators")
    VIOLENCE_AT_HOME = "violence_at_home", _("Violence at home")
    WEATHER_PLACE = "weather_place", _("Weather and place")
    FIRST_EPISODE = "first_episode", _("First episode")
    OUT_OF_CHARACTER = "out_of_character", _("Out of character")
    SELF_HARM = "self_harm", _("Self-harm or suicidal ideation")
    SUBSTANCE_USE = "substance_use", _("Substance use")
    OTHER = "other", _("Other")


class Reason(models.TextChoices):
    PROBLEMS_HOME = "problems_home", _("Problems at home")
    PROBLEMS_INSTITUTION = "problems_institution", _("Problems in the institution")
    VIOLENCE = "violence", _("Violence, abuse or neglect")
    GROOMING = "grooming", _("Online grooming")
    EXPLOITATION = "exploitation", _("Exploitation")
    TRAFFICKING = "trafficking", _("Trafficking indicators")
    SUBSTANCE_USE = "substance_use", _("Substance use")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    SCHOOL = "school", _("School")
    DISABILITY = "disability", _("Disability")


class SisCategory(models.TextChoices):
    A_I = "a_i", _("Art. 32(1)(a)(i): missing, for their own protection")
    A_II = "a_ii", _("Art. 32(1)(a)(ii): missing, to prevent a threat")
    B = "b", _("Art. 32(1)(b): missing, not needing protection")
    C = "c", _("Art. 32(1)(c): preventive, risk of parental abduction")
    D = "d", _("Art. 32(1)(d): preventive, concrete risk of removal")
    E = "e", _("Art. 32(1)(e): vulnerable adult")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class BirthPrecision(models.TextChoices):
    EXACT = "exact", _("Exact date")
    YEAR = "year", _("Year only")
    ESTIMATED = "estimated", _("Estimated age")


class TakingParent(models.TextChoices):
    MOTHER = "mother", _("Mother")
    FATHER = "father", _("Father")
    OTHER_RELATIVE = "other_relative", _("Another relative")
    OTHER = "other", _("Someone else")


class LeftFrom(models.TextChoices):
    HOME = "home", _("Home")
    FOSTER_FAMILY = "foster_family", _("Foster family")
    CARE_INSTITUTION = "care_institution", _("Care institution")
    RECEPTION_CENTRE = "reception_centre", _("Reception centre")


class AsylumStage(models.TextChoices):
    NONE = "none", _("No application")
    APPLIED = "applied", _("Applied")
    INTERVIEWED = "interviewed", _("Interviewed")
    DECIDED = "decided", _("Decision taken")
    APPEAL = "appeal", _("Appeal")
    UNKNOWN = "unknown", _("Unknown")


class Outcome(models.TextChoices):
    FOUND_SAFE = "found_safe", _("Found alive, safe")
    FOUND_HARMED = "found_harmed", _("Found alive, harmed")
    FOUND_DECEASED = "found_deceased", _("Found deceased")
    RETURNED = "returned", _("Returned of their own accord")
    LOCATED_POLICE = "located_police", _("Located by police")
    LOCATED_ALERT = "located_alert", _("Located after a child alert")
    LOCATED_PUBLICITY = "located_publicity", _("Located after publicity")
    STILL_MISSING = "still_missing", _("Still missing at closure")


class Support(models.TextChoices):
    RETURN_INTERVIEW = "return_interview", _("Return interview (within 72 hours)")
    PSYCHOLOGICAL = "psychological", _("Psychological support")
    LEGAL = "legal", _("Legal support")
    SOCIAL = "social", _("Social support")
    MEDIATION = "mediation", _("Referral to mediation")


class DurationBand(models.TextChoices):
    UNDER_WEEK = "lt_1w", _("Less than a week")
    WEEK_MONTH = "1w_1m", _("1 week to 1 month")
    MONTH_SIX = "1m_6m", _("1 to 6 months")
    OVER_SIX = "gt_6m", _("More than 6 months")


class TimelineKind(models.TextChoices):
    CONTACT = "contact", _("Contact linked")
    POLICE = "police", _("Police informed")
    INFORMATION = "information", _("Information received")
    PUBLICITY = "publicity", _("Publicity considered")
    SUPPORT = "support", _("Support offered")
    MESSAGE = "message", _("Message")
    STATUS = "status", _("Status changed")
    RISK = "risk", _("Risk assessed")
    ASSIGNMENT = "assignment", _("Assigned")
    HANDOVER = "handover", _("Handover")
    CHILD = "child", _("Child added or changed")
    CLOSURE = "closure", _("Closure")
    NOTE = "note", _("Note")


# Timeline kinds an operator records by hand; the others are written by actions.
MANUAL_TIMELINE_KINDS = (
    TimelineKind.POLICE,
    TimelineKind.INFORMATION,
    TimelineKind.PUBLICITY,
    TimelineKind.SUPPORT,
    TimelineKind.MESSAGE,
    TimelineKind.NOTE,
)
