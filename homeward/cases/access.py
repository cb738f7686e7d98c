"""Scoped reads of contacts, cases and children. Scoped by the current organisation (later also by
cross-border grants). "Not found" and "not yours" are the same 404. Field-level rules (photo,
medical) are applied by `ChildView`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from homeward.audit.actions import record_read, rows_with_event
from homeward.cases import case_statement
from homeward.cases.case_statement import CaseRead
from homeward.cases.choices import (
    BirthPrecision,
    ContactType,
    RiskFactorKind,
    RiskGrade,
    Status,
)
from homeward.cases.models import (
    Case,
    Child,
    Closure,
    Contact,
    ImportJob,
    RiskFactor,
)
from homeward.cases.urgency import most_urgent_first
from homeward.organisations.access import require_permission
from homeward.organisations.models import Membership
from homeward.organisations.roles import ROLE_PERMISSIONS, Permission

CASE_READ_FIELDS = ("case", "children", "section", "risk", "closures")
LIST_COLUMNS = (
    "id",
    "reference",
    "category",
    "subcategory",
    "status",
    "risk_grade",
    "is_cross_border",
    "reported_at",
    "disappeared_on",
    "last_seen_country",
    "follow_up_due",
)
"""What a list shows of a case; its rows also have the assignee's id, name and e-mail."""
LIST_ROW = (*LIST_COLUMNS, "assigned_to_id", "assigned_to__full_name", "assigned_to__email")
CONTACT_READ_FIELDS = ["notes", "caller_name", "caller_phone", "caller_email"]
OPEN_STATUSES = (Status.OPEN, Status.ACTIVE_SEARCH, Status.FOUND, Status.CLOSURE_REQUESTED)
CHILD_FIELDS_READ = (
    "given_names",
    "family_name",
    "original_script_name",
    "other_names",
    "sex",
    "birth_date",
    "nationalities",
    "languages",
    "physical_description",
    "living_situation",
)


def cases_of(membership: Membership) -> QuerySet[Case]:
    require_permission(membership, Permission.VIEW_CASES)
    return Case.objects.filter(organisation=membership.organisation)


@dataclass(frozen=True)
class CaseFilter:
    """What every list of cases narrows by: the API's list and the case list page, with or
    without a name or reference (`search.search_cases`). Empty values narrow nothing;
    `open_only` keeps the open statuses when no `status` is given; `reported_from` and
    `reported_to` are days in the hotline's time zone, both included."""

    status: str = ""
    open_only: bool = False
    category: str = ""
    risk: str = ""
    country: str = ""
    reported_from: date | None = None
    reported_to: date | None = None
    mine: bool = False

    def lookups(self, membership: Membership) -> dict[str, dict[str, object]]:
        """Each filter given, by the name a search's audit event records, as its lookups."""
        start, end = membership.organisation.days(self.reported_from, self.reported_to)
        open_only = self.open_only and not self.status
        given: dict[str, dict[str, object]] = {
            "status": ({"status__in": OPEN_STATUSES} if open_only else {"status": self.status}),
            "category": {"category": self.category},
            "risk_grade": {"risk_grade": self.risk},
            "last_seen_country": {"last_seen_country": self.country.upper()},
            "reported_from": {"reported_at__gte": start},
            "reported_to": {"reported_at__lt": end},
            "assigned_to": {"assigned_to": membership.user if self.mine else None},
        }
        return {
            name: lookup
            for name, lookup in given.items()
            if all(value not in ("", None) for value in lookup.values())
        }


def filtered_cases(membership: Membership, filters: CaseFilter) -> QuerySet[Case]:
    """The organisation's cases meeting every filter given, unordered."""
    cases = cases_of(membership)
    for lookup in filters.lookups(membership).values():
        cases = cases.filter(**lookup)
    return cases


def case_list(
    membership: Membership, filters: CaseFilter, *, newest_first: bool = False
) -> QuerySet[Case]:
    """The filtered cases, the most urgent first (the case list page), or the newest report
    first (the API's list, which clients page through as reports arrive)."""
    cases = filtered_cases(membership, filters)
    return cases.order_by("-reported_at", "-pk") if newest_first else most_urgent_first(cases)


def locate_case(
    membership: Membership, case_id: int, *, select_related: Iterable[str] = ()
) -> Case:
    """The case to act on, check or link to, with its assignee and any other `select_related`
    relations. Not audited: its callers pass it to an action (which records what it writes),
    or show only what a list row shows (reference, status, category, assignee). A page or
    answer that shows the case's record reads it with `read_case`, which is audited."""
    try:
        return cases_of(membership).select_related("assigned_to", *select_related).get(pk=case_id)
    except Case.DoesNotExist:
        raise Http404("no such case") from None


def read_case(membership: Membership, case_id: int) -> CaseRead:
    """The case with everything its detail shows, its read recorded in the audit trail (on
    PostgreSQL in the same statement): the one way the case page and the API open a case."""
    require_permission(membership, Permission.VIEW_CASES)
    rows = rows_with_event(
        case_statement.statement(),
        [case_id, membership.organisation_id],
        order_by="document",
        only_if_found=True,
        actor=membership.user,
        organisation=membership.organisation,
        action="cases.case.read",
        object_type=Case._meta.label_lower,
        object_id=str(case_id),
        fields=CASE_READ_FIELDS,
    )
    if not rows:
        raise Http404("no such case")
    return case_statement.case_read(rows[0][0])


def access_case_by_reference(membership: Membership, reference: str) -> Case:
    try:
        return cases_of(membership).get(reference=reference.strip().upper())
    except Case.DoesNotExist:
        raise Http404("no such case") from None


def contacts_of(membership: Membership) -> QuerySet[Contact]:
    require_permission(membership, Permission.VIEW_CASES)
    return Contact.objects.filter(organisation=membership.organisation)


def access_contact_by_id(membership: Membership, contact_id: int) -> Contact:
    try:
        return contacts_of(membership).get(pk=contact_id)
    except Contact.DoesNotExist:
        raise Http404("no such contact") from None


def read_contact(membership: Membership, contact_id: int) -> Contact:
    """The contact with its case and who logged it, the read (notes and caller details)
    recorded in the audit trail."""
    try:
        contact = contacts_of(membership).select_related("case", "logged_by").get(pk=contact_id)
    except Contact.DoesNotExist:
        raise Http404("no such contact") from None
    record_read(
        actor=membership.user,
        organisation=membership.organisation,
        action="cases.contact.read",
        target=contact,
        fields=CONTACT_READ_FIELDS,
    )
    return contact


def contacts_without_their_case(membership: Membership) -> QuerySet[Contact]:
    """Contacts logged as a new case whose case was never opened, oldest first: they need
    attention until linked to a case or given another kind."""
    return (
        contacts_of(membership)
        .filter(contact_type=ContactType.NEW_CASE, case__isnull=True)
        .order_by("started_at", "pk")
    )


def children_of(membership: Membership) -> QuerySet[Child]:
    require_permission(membership, Permission.VIEW_CASES)
    return Child.objects.filter(organisation=membership.organisation)


def access_child_by_id(membership: Membership, child_id: int) -> Child:
    try:
        return children_of(membership).get(pk=child_id)
    except Child.DoesNotExist:
        raise Http404("no such child") from None


def my_cases(membership: Membership) -> QuerySet[Case]:
    """The open cases assigned to the member, the most urgent first."""
    mine = cases_of(membership).filter(assigned_to=membership.user, status__in=OPEN_STATUSES)
    return most_urgent_first(mine)


def cases_needing_attention(membership: Membership) -> QuerySet[Case]:
    """High risk, follow-up overdue, unassessed after an hour, or a closure waiting for a
    supervisor; the most urgent first."""
    now = timezone.now()
    attention = cases_of(membership).filter(
        Q(status__in=OPEN_STATUSES)
        & (
            Q(risk_grade=RiskGrade.HIGH)
            | Q(follow_up_due__lt=now)
            | Q(status=Status.CLOSURE_REQUESTED)
            | Q(risk_grade="", reported_at__lt=now - timedelta(hours=1))
        )
    )
    return most_urgent_first(attention)


def record_list_read(membership: Membership, page: str, *shown: Iterable[Case]) -> None:
    """A page that lists children's names (the dashboard, the handover summary) records its
    read as a search does: which page, never the names. A page that shows no case read none."""
    if any(cases for cases in shown):
        record_read(
            actor=membership.user,
            organisation=membership.organisation,
            action="cases.list.read",
            object_type="list",
            object_id=page,
            fields=("children",),
        )


def import_jobs_of(membership: Membership) -> QuerySet[ImportJob]:
    require_permission(membership, Permission.EDIT_CASES)
    return ImportJob.objects.filter(organisation=membership.organisation)


def access_import_job_by_id(membership: Membership, job_id: int) -> ImportJob:
    try:
        return import_jobs_of(membership).get(pk=job_id)
    except ImportJob.DoesNotExist:
        raise Http404("no such import") from None


@dataclass(frozen=True)
class ChildView:
    """A child as one member may see it: restricted fields are None without the permission.
    Creating one records the read in the audit trail."""

    child: Child
    can_see_photo: bool
    can_see_medical: bool

    @property
    def photo(self) -> object:
        return self.child.photo if self.can_see_photo and self.child.photo else None

    @property
    def age(self) -> int | None:
        """Today's age in whole years, from whatever precision of birth is known."""
        return self.child.age_on(timezone.localdate())

    @property
    def age_is_exact(self) -> bool:
        return self.child.birth_precision == BirthPrecision.EXACT and bool(self.child.birth_date)

    @property
    def vulnerabilities(self) -> list[str] | None:
        return list(self.child.vulnerabilities) if self.can_see_medical else None

    @property
    def medical_notes(self) -> str | None:
        return self.child.medical_notes if self.can_see_medical else None


def view_child(membership: Membership, child: Child, *, purpose: str = "read") -> ChildView:
    can_see_photo = membership.has_perm(Permission.VIEW_PHOTOS)
    can_see_medical = membership.has_perm(Permission.VIEW_MEDICAL)
    fields = list(CHILD_FIELDS_READ)
    if can_see_photo and child.photo:
        fields.append("photo")
    if can_see_medical:
        fields += ["vulnerabilities", "medical_notes"]
    record_read(
        actor=membership.user,
        organisation=membership.organisation,
        action=f"cases.child.{purpose}",
        target=child,
        fields=fields,
    )
    return ChildView(child=child, can_see_photo=can_see_photo, can_see_medical=can_see_medical)


def access_closure_by_id(membership: Membership, closure_id: int) -> Closure:
    require_permission(membership, Permission.VIEW_CASES)
    try:
        return Closure.objects.select_related("case").get(
            pk=closure_id, case__organisation=membership.organisation
        )
    except Closure.DoesNotExist:
        raise Http404("no such closure") from None


def case_workers_of(membership: Membership) -> QuerySet[Membership]:
    """Colleagues a case can be handed to: active members who may edit cases."""
    roles = [r for r, perms in ROLE_PERMISSIONS.items() if Permission.EDIT_CASES in perms]
    return (
        Membership.objects.filter(
            organisation=membership.organisation, is_active=True, role__in=roles
        )
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )


def factor_detail(membership: Membership, factor: RiskFactor) -> str | None:
    """A risk factor's detail, except a medical one for a role without the medical permission."""
    if factor.kind == RiskFactorKind.MEDICAL and not membership.has_perm(Permission.VIEW_MEDICAL):
        return None
    return factor.detail
