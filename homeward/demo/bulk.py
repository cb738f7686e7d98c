"""`homeward demo --cases N`: many synthetic cases at once, for benchmarks and large demos.

This path is for benchmarks and demos only. It writes rows directly (PostgreSQL COPY, or
bulk_create elsewhere) instead of going through the case actions, so it records no audit event
per row: it records ONE audit event, "demo.bulk_seed", in the same transaction as the rows. It
is reachable only through `homeward demo`, which refuses to run outside demo, debug and test
runs, so it is never available in production.

The demo's own cases (cases.py) are written by this path too, with the story on top that an
operator sees in a case (sections, timelines). What it writes follows the shapes of shapes.py:
cases spread over the 32 hotlines, their children (repeat episodes reuse the child), name keys
(exactly what name_index.rebuild_name_keys would store), other name forms, case-children,
contacts (linked and not), one risk assessment per case with its factors, two timeline entries
per case (opened, reporting contact) and the closures of closed cases. Reference numbers carry
on from each organisation's CaseSequence, which is then moved to the highest number used, so
later `open_case` calls do not collide.

On PostgreSQL the foreign-key triggers are skipped for the load (session_replication_role,
when the role may set it): every id is assigned here, under table locks, from the current
maxima, and the identity sequences are moved past them afterwards.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from homeward.audit.actions import record_event
from homeward.cases import names
from homeward.cases.choices import (
    Caller,
    ContactType,
    Outcome,
    RiskGrade,
    Status,
    TimelineKind,
)
from homeward.cases.models import (
    Case,
    CaseChild,
    CaseSequence,
    Child,
    ChildName,
    Closure,
    Contact,
    NameKey,
    RiskAssessment,
    RiskFactor,
    TimelineEvent,
)
from homeward.demo import plans, shapes
from homeward.demo.network import COUNTRIES, DEFAULT_SEED
from homeward.organisations.models import Membership, Organisation
from homeward.organisations.roles import OrganisationKind, Role

FLUSH_ROWS = 60_000
HISTORY_DAYS = 548  # about 18 months
UNLINKED_CONTACTS_PER_CASE = (1.2, 1.8)

# In the order rows are written (parents first).
MODELS: tuple[type[models.Model], ...] = (
    Child,
    ChildName,
    NameKey,
    Case,
    CaseChild,
    Contact,
    RiskAssessment,
    RiskFactor,
    TimelineEvent,
    Closure,
)


@dataclass
class BulkSummary:
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def cases(self) -> int:
        return self.counts.get("cases_case", 0)

    def __str__(self) -> str:
        return ", ".join(
            f"{count} {table.removeprefix('cases_')}" for table, count in self.counts.items()
        )


class _Table:
    """Rows of one model, as tuples in its column order, with ids assigned here."""

    def __init__(self, model: type[models.Model], first_id: int) -> None:
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields]
        self.columns = [f.column for f in self.fields]
        self.attnames = [f.attname for f in self.fields]
        self.defaults = {f.attname: f.get_default() for f in self.fields}
        self.next_id = first_id
        self.rows: list[dict[str, Any]] = []
        self.written = 0

    def add(self, **values: Any) -> int:
        row_id = self.next_id
        self.next_id += 1
        values["id"] = row_id
        self.rows.append(values)
        return row_id

    def _converters(self, postgres: bool) -> list[Callable[[Any], Any] | None]:
        """How each column's value is handed to the driver: JSON as text everywhere; dates and
        times as the backend stores them where the driver would not (SQLite)."""
        ops = connection.ops
        zone = connection.timezone

        def naive(value: datetime) -> str:
            """What SQLite's adapt_datetimefield_value stores, without its checks per value
            (the demo writes hundreds of thousands)."""
            if value.tzinfo is not None:
                value = value.astimezone(zone).replace(tzinfo=None)
            return str(value)

        converters: list[Callable[[Any], Any] | None] = []
        for f in self.fields:
            if isinstance(f, models.JSONField):
                converters.append(lambda value: json.dumps(value, ensure_ascii=False))
            elif postgres:
                converters.append(None)
            elif isinstance(f, models.DateTimeField):
                converters.append(naive)
            elif isinstance(f, models.DateField):
                converters.append(ops.adapt_datefield_value)
            else:
                converters.append(None)
        return converters

    def tuples(self, postgres: bool) -> Iterator[tuple[Any, ...]]:
        defaults = self.defaults
        columns = list(zip(self.attnames, self._converters(postgres), strict=True))
        for row in self.rows:
            values = []
            for name, convert in columns:
                value = row.get(name, defaults[name])
                if convert is not None and value is not None:
                    value = convert(value)
                values.append(value)
            yield tuple(values)

    def flush(self, postgres: bool) -> None:
        if not self.rows:
            return
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        with connection.cursor() as cursor:
            if postgres:
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in self.tuples(postgres=True):
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                cursor.executemany(
                    f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608
                    list(self.tuples(postgres=False)),
                )
        self.written += len(self.rows)
        self.rows = []


def _at(day: date, rng: random.Random, now: datetime) -> datetime:
    moment = datetime.combine(day, time(rng.randint(7, 22), rng.randint(0, 59)), tzinfo=UTC)
    return min(moment, now - timedelta(minutes=5))


class Writer:
    """Rows of the models it writes (`models`), held until flushed, with their ids assigned."""

    written_models: tuple[type[models.Model], ...] = MODELS

    def __init__(self, now: datetime, postgres: bool) -> None:
        self.now = now
        self.postgres = postgres
        self.tables = {model: _Table(model, _max_id(model) + 1) for model in self.written_models}
        self.keys_cache: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        self.sequences: dict[tuple[int, int], int] = {}

    def pending(self) -> int:
        return sum(len(t.rows) for t in self.tables.values())

    def flush(self) -> None:
        for table in self.tables.values():
            table.flush(self.postgres)

    def _keys(self, forms: tuple[str, ...]) -> list[tuple[str, str]]:
        keys = self.keys_cache.get(forms)
        if keys is None:
            keys = sorted(names.keys_for_names([f for f in forms if f.strip()]))
            self.keys_cache[forms] = keys
        return keys

    def child(self, organisation_id: int, plan: plans.ChildPlan, created: datetime) -> int:
        t = self.tables
        year_only = plan.birth_precision == "year"
        child_id = t[Child].add(
            organisation_id=organisation_id,
            given_names=plan.given_names,
            family_name=plan.family_name,
            original_script_name=plan.original_script_name,
            sex=plan.sex,
            birth_precision=plan.birth_precision,
            birth_date=None if year_only else plan.birth_date,
            birth_year=plan.birth_date.year if year_only else None,
            nationalities=list(plan.nationalities),
            languages=list(plan.languages),
            photo="",
            created_at=created,
            updated_at=created,
        )
        for form in plan.other_names:
            t[ChildName].add(child_id=child_id, kind="other_form", value=form, source="bulk")
        forms = (f"{plan.given_names} {plan.family_name}", plan.original_script_name)
        for kind, key in self._keys(forms + plan.other_names):
            t[NameKey].add(
                organisation_id=organisation_id, child_id=child_id, kind=kind, key=key[:64]
            )
        plan.db_id = child_id
        return child_id

    def reference(self, organisation: Organisation, year: int) -> str:
        key = (organisation.pk, year)
        last = self.sequences.get(key)
        if last is None:
            existing = CaseSequence.objects.filter(organisation=organisation, year=year).first()
            last = existing.last if existing else 0
        last += 1
        self.sequences[key] = last
        prefix = organisation.country or organisation.slug.upper()[:4]
        return f"{prefix}-{year}-{last:06d}"

    def contact(
        self,
        rng: random.Random,
        organisation_id: int,
        user_id: int,
        started: datetime,
        contact_type: str,
        caller: str,
        language: str,
        case_id: int | None = None,
    ) -> int:
        channel = shapes.CHANNEL(rng)
        silent = contact_type == ContactType.SILENT
        duration = None
        if channel in shapes.PHONES:
            duration = rng.randint(5, 40) if silent else rng.randint(90, 1800)
        return self.tables[Contact].add(
            organisation_id=organisation_id,
            channel=channel,
            started_at=started,
            duration_seconds=duration,
            caller=caller,
            language="" if silent else language,
            contact_type=contact_type,
            case_id=case_id,
            notes=shapes.CONTACT_NOTES[ContactType(contact_type)],
            logged_by_id=user_id,
            created_at=started,
        )

    def case(
        self,
        rng: random.Random,
        organisation: Organisation,
        operator: Membership,
        supervisor: Membership,
        plan: plans.CasePlan,
        language: str,
    ) -> int:
        t, now = self.tables, self.now
        today = now.date()
        reported = plan.reported_at
        org_id, user_id = organisation.pk, operator.user_id
        found = plan.found_on is not None and plan.found_on <= today
        requested = plan.closure_requested_on is not None and plan.closure_requested_on <= today
        decided = requested and plan.closure_decided_on is not None and (
            plan.closure_decided_on <= today
        )  # fmt: skip
        status: str
        if decided:
            status = Status.CLOSED
        elif requested:
            status = Status.CLOSURE_REQUESTED
        elif found:
            status = Status.FOUND
        elif plan.risk_grade == RiskGrade.HIGH or rng.random() < 0.4:
            status = Status.ACTIVE_SEARCH
        else:
            status = Status.OPEN
        requested_at = closed_at = None
        if requested and plan.closure_requested_on:
            requested_at = _at(plan.closure_requested_on, rng, now)
            if decided and plan.closure_decided_on:
                decided_at = _at(plan.closure_decided_on, rng, now)
                closed_at = min(max(decided_at, requested_at + timedelta(minutes=10)), now)
        locality, _, place = plan.last_seen.partition(", ")
        case_id = t[Case].add(
            organisation_id=org_id,
            reference=self.reference(organisation, reported.year),
            category=plan.category,
            subcategory=plan.subcategory,
            status=status,
            is_cross_border=plan.is_cross_border,
            risk_grade=plan.risk_grade,
            reasons=plan.reasons,
            summary=plan.summary,
            reported_at=reported,
            disappeared_on=plan.disappeared_on,
            last_seen_country=organisation.country,
            last_seen_locality=locality,
            last_seen_description=place,
            reporter_relationship=str(Caller(plan.caller).label),
            assigned_to_id=user_id,
            created_at=reported,
            updated_at=closed_at or reported,
            closed_at=closed_at,
        )
        for child_plan in plan.children:
            child_id = child_plan.db_id
            if child_id is None:
                child_id = self.child(org_id, child_plan, reported)
            t[CaseChild].add(case_id=case_id, child_id=child_id, clothing="", added_at=reported)
        contact_id = self.contact(
            rng, org_id, user_id, reported, ContactType.NEW_CASE, plan.caller, language, case_id
        )
        t[TimelineEvent].add(
            case_id=case_id, kind=TimelineKind.STATUS, occurred_at=reported, actor_id=user_id,
            message="status", params={"status": Status.OPEN},
        )  # fmt: skip
        t[TimelineEvent].add(
            case_id=case_id, kind=TimelineKind.CONTACT, occurred_at=reported, actor_id=user_id,
            message="contact", params={"contact_type": ContactType.NEW_CASE},
            contact_id=contact_id,
        )  # fmt: skip
        until = min(_at(plan.found_on, rng, now) if found and plan.found_on else now, now)
        span = max((until - reported).total_seconds(), 60.0)
        for index in range(plan.follow_ups):
            started = reported + timedelta(seconds=span * (0.2 + 0.25 * index))
            self.contact(
                rng, org_id, user_id, started, ContactType.EXISTING_CASE, plan.caller, language,
                case_id,
            )  # fmt: skip
        assessed = reported + timedelta(minutes=rng.randint(5, 45))
        assessment_id = t[RiskAssessment].add(
            case_id=case_id,
            grade=plan.risk_grade,
            rationale="Initial assessment during the first call.",
            assessed_by_id=user_id,
            assessed_at=min(assessed, now),
        )
        for kind in plan.risk_factors:
            t[RiskFactor].add(
                assessment_id=assessment_id,
                kind=kind,
                detail="",
                source=rng.choice(shapes.FACTOR_SOURCES),
                observed_at=reported - timedelta(minutes=rng.randint(5, 600)),
            )
        if requested and plan.closure_requested_on:
            found_outcome = plan.outcome != Outcome.STILL_MISSING
            t[Closure].add(
                case_id=case_id,
                outcome=plan.outcome,
                found_on=plan.found_on if found_outcome else None,
                found_country=organisation.country if found_outcome else "",
                how_found=shapes.HOW_FOUND[Outcome(plan.outcome)],
                support_offered=list(shapes.SUPPORT(rng)) if found_outcome else [],
                state=Closure.State.APPROVED if decided else Closure.State.REQUESTED,
                requested_by_id=user_id,
                requested_at=requested_at,
                decided_by_id=supervisor.user_id if decided else None,
                decided_at=closed_at,
            )
        return case_id

    def other_contacts(
        self,
        rng: random.Random,
        organisation_id: int,
        user_id: int,
        count: int,
        language: str,
        history_days: int = HISTORY_DAYS,
    ) -> None:
        now = self.now
        for _ in range(count):
            contact_type = shapes.OTHER_CONTACT_TYPE(rng)
            caller = Caller.OTHER if contact_type == ContactType.SILENT else shapes.CALLER[""](rng)
            started = now - timedelta(seconds=rng.uniform(600, history_days * 86400))
            self.contact(rng, organisation_id, user_id, started, contact_type, caller, language)


def _max_id(model: type[models.Model]) -> int:
    return int(model._default_manager.aggregate(m=models.Max("id"))["m"] or 0)


def _split(count: int, rng: random.Random, parts: int) -> list[int]:
    """`count` spread over `parts` hotlines of different sizes, summing exactly to count."""
    weights = [rng.uniform(0.4, 1.6) for _ in range(parts)]
    total = sum(weights)
    shares = [int(count * w / total) for w in weights]
    for index in range(count - sum(shares)):
        shares[index % parts] += 1
    return shares


def _lock_tables(
    postgres: bool, written: tuple[type[models.Model], ...], *, own_transaction: bool
) -> None:
    if not postgres:
        return  # SQLite: the IMMEDIATE transaction already holds the only write lock
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in written)
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {tables} IN SHARE ROW EXCLUSIVE MODE")
        if not own_transaction:
            return  # inside someone else's transaction (a test): keep every check
        try:
            with transaction.atomic():
                cursor.execute("SET LOCAL session_replication_role = replica")
        except Exception:  # noqa: S110 — not allowed for this role: keep the FK checks
            pass


def _restore_triggers(postgres: bool, *, own_transaction: bool) -> None:
    """Triggers on again before the audit event: the one that chains it must fire."""
    if postgres and own_transaction:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = origin")


def _move_sequences(postgres: bool, written: tuple[type[models.Model], ...]) -> None:
    if not postgres:
        return
    with connection.cursor() as cursor:
        for model in written:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, 'id'), "  # noqa: S608
                f"(SELECT COALESCE(MAX(id), 1) FROM {connection.ops.quote_name(table)}))",
                [table],
            )


def write_rows(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> int:
    """Rows of one model written directly (COPY on PostgreSQL, executemany elsewhere) inside the
    caller's transaction, which records their audit event: ids assigned from the current
    maximum under a table lock, the id sequence moved past them. Returns how many."""
    if not connection.in_atomic_block:
        raise RuntimeError("write_rows runs inside the transaction that audits the rows")
    postgres = connection.vendor == "postgresql"
    _lock_tables(postgres, (model,), own_transaction=False)
    table = _Table(model, _max_id(model) + 1)
    for row in rows:
        table.add(**row)
        if len(table.rows) >= FLUSH_ROWS:
            table.flush(postgres)
    table.flush(postgres)
    _move_sequences(postgres, (model,))
    return table.written


def hotlines_and_members() -> tuple[dict[str, Organisation], dict[tuple[int, str], Membership]]:
    """The demo hotlines by country, and each one's operator and supervisor."""
    hotlines = {
        o.country: o for o in Organisation.objects.filter(kind=OrganisationKind.NATIONAL_HOTLINE)
    }
    if not hotlines:
        raise LookupError("No demo hotlines: seed the demo network first.")
    members: dict[tuple[int, str], Membership] = {}
    for membership in Membership.objects.filter(
        organisation__in=hotlines.values(), role__in=[Role.OPERATOR, Role.SUPERVISOR]
    ).order_by("-pk"):
        members[(membership.organisation_id, membership.role)] = membership
    return hotlines, members


def write_in_bulk(
    writer_class: type[Writer], fill: Callable[[Writer], None], *, now: datetime, label: str
) -> BulkSummary:
    """What `fill` adds to a writer, in one transaction with one audit event
    ("demo.bulk_seed", `label` its object id), the case references carried on."""
    postgres = connection.vendor == "postgresql"
    written = writer_class.written_models
    own_transaction = not connection.in_atomic_block
    with transaction.atomic():
        _lock_tables(postgres, written, own_transaction=own_transaction)
        writer = writer_class(now, postgres)
        fill(writer)
        writer.flush()
        for (organisation_id, year), last in writer.sequences.items():
            CaseSequence.objects.update_or_create(
                organisation_id=organisation_id, year=year, defaults={"last": last}
            )
        _move_sequences(postgres, written)
        _restore_triggers(postgres, own_transaction=own_transaction)
        summary = BulkSummary({m._meta.db_table: writer.tables[m].written for m in written})
        record_event(
            actor=None,
            organisation=None,
            action="demo.bulk_seed",
            object_type="demo.bulk",
            object_id=label,
            fields=sorted(summary.counts),
        )
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE " + ", ".join(m._meta.db_table for m in written))
    return summary


def bulk_seed(
    count: int,
    *,
    seed: int = DEFAULT_SEED,
    now: datetime | None = None,
    history_days: int = HISTORY_DAYS,
    progress: Callable[[str], object] | None = None,
) -> BulkSummary:
    """Write `count` cases (and what comes with them) across the demo hotlines, reported over
    the last `history_days`, in one transaction, with one audit event. Needs the demo network
    (`homeward demo`)."""
    now = now or timezone.now().replace(microsecond=0)
    hotlines, members = hotlines_and_members()
    countries = [c for c in COUNTRIES if c.code in hotlines]
    rng = random.Random(f"bulk-{seed}-{count}")
    shares = _split(count, rng, len(countries))

    def fill(writer: Writer) -> None:
        for country, share in zip(countries, shares, strict=True):
            organisation = hotlines[country.code]
            operator = members[(organisation.pk, Role.OPERATOR)]
            supervisor = members[(organisation.pk, Role.SUPERVISOR)]
            local = random.Random(f"bulk-{seed}-{count}-{country.code}")
            planner = plans.HotlinePlanner(local, country, now.date())
            language = country.languages[0]
            for reported_at in plans.report_times(local, share, now, history_days):
                writer.case(local, organisation, operator, supervisor, planner.plan(reported_at),
                            language)  # fmt: skip
                if writer.pending() >= FLUSH_ROWS:
                    writer.flush()
            others = round(share * local.uniform(*UNLINKED_CONTACTS_PER_CASE))
            writer.other_contacts(
                local, organisation.pk, operator.user_id, others, language, history_days
            )
            writer.flush()
            if progress is not None:
                done = writer.tables[Case].written
                progress(f"  {country.code}: {share} cases ({done}/{count})")

    return write_in_bulk(Writer, fill, now=now, label=str(count))
