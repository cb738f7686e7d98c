"""The rules of appeals that the actions, the pages and the API all read: whose consent is
still missing, the dates a policy allows, the hotline's number, and the takedown checklist.
Nothing here writes."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from homeward.appeals.choices import Answer, ChecklistKind, Party
from homeward.appeals.models import Appeal, AppealPolicy, Consent
from homeward.organisations.models import Organisation

# per country: where each country's press and partners published it
# the youngest age from which a policy may ask the child's view: a younger child cannot weigh
# what a public photo means (UNCRC art. 12 asks it "in accordance with age and maturity"), and
# "from 0" would ask it of a baby, making every appeal of a toddler wait for a view never given
CHILD_VIEW_YOUNGEST = 7
# the longest note on a consent answer: a few sentences; a longer text belongs in the case
NOTE_LIMIT = 2000
PER_COUNTRY = (ChecklistKind.PRESS, ChecklistKind.PARTNERS)


def latest_answers(appeal: Appeal) -> dict[str, str]:
    """Each party's latest answer."""
    answers: dict[str, str] = {}
    for consent in Consent.objects.filter(appeal=appeal).order_by("given_at", "pk"):
        answers[consent.party] = consent.answer
    return answers


def child_view_needed(appeal: Appeal, policy: AppealPolicy) -> bool:
    return appeal.age is not None and appeal.age >= policy.child_view_from_age


def what_is_missing(appeal: Appeal, policy: AppealPolicy) -> list[str]:
    """Why the appeal cannot be published yet, one sentence each (empty: it can)."""
    answers = latest_answers(appeal)
    missing: list[str] = []
    guardian = answers.get(Party.GUARDIAN)
    if guardian == Answer.REFUSED:
        missing.append(_("The parent or guardian refused."))
    elif guardian != Answer.GIVEN:
        missing.append(_("The consent of the parent or guardian is not recorded."))
    if policy.police_consent_required and answers.get(Party.POLICE) != Answer.GIVEN:
        missing.append(_("Your hotline's policy requires the police's consent: not recorded."))
    child = answers.get(Party.CHILD)
    if child == Answer.REFUSED:
        missing.append(_("The child does not want the appeal."))
    elif child_view_needed(appeal, policy) and child != Answer.GIVEN:
        missing.append(
            _("The child is %(age)d: their view is asked from %(from)d, and is not recorded.")
            % {"age": appeal.age, "from": policy.child_view_from_age}
        )
    return missing


def hotline_number(organisation: Organisation, country: str) -> str:
    hotline = organisation.hotlines.filter(country=country).first() or (
        organisation.hotlines.order_by("pk").first()
    )
    return hotline.number_116000 if hotline else "116 000"


def check_dates(policy: AppealPolicy, starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end date cannot be before the start date.")})
    latest = starts_on + timedelta(days=policy.maximum_days)
    if ends_on > latest:
        raise ValidationError(
            {
                "ends_on": _("At most %(days)d days after the start: %(latest)s at the latest.")
                % {"days": policy.maximum_days, "latest": latest.isoformat()}
            }
        )


def checklist_for(appeal: Appeal) -> list[tuple[str, str]]:
    """(kind, country) of each item to take down by hand, from the appeal's countries and the
    channels the hotline runs (its own social media only when it has that channel)."""
    channels = {c for h in appeal.organisation.hotlines.all() for c in h.channels}
    items: list[tuple[str, str]] = []
    if "social_media" in channels:
        items.append((ChecklistKind.OWN_SOCIAL, ""))
    items.append((ChecklistKind.SHARES, ""))
    for kind in PER_COUNTRY:
        items += [(kind, country) for country in appeal.countries]
    items += [
        (ChecklistKind.SEARCH, ""),
        (ChecklistKind.POSTERS, ""),
        (ChecklistKind.MESSAGING, ""),
    ]
    return items
