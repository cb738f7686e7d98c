"""The end of an appeal, whatever ends it: the child found, the case closed, consent withdrawn,
the end date passed, or the hotline's own decision. In one transaction the appeal leaves every
public read (page, feed, widget, API), a takedown record says when and why, and the checklist
of what Homeward cannot reach is made; the photo's file is deleted from public storage once the
transaction commits (its URL answers 410 from the commit on, the file gone a moment later)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.core.files.storage import Storage
from django.db import transaction
from django.utils import timezone

from homeward.appeals.actions.common import audit, locked, on_timeline
from homeward.appeals.choices import EndReason, State
from homeward.appeals.models import Appeal, ChecklistItem, Takedown
from homeward.appeals.rules import checklist_for
from homeward.cases.models import Case
from homeward.organisations.access import require_own, require_permission
from homeward.organisations.models import Membership
from homeward.organisations.roles import Permission


def _deleter(storage: Storage, name: str) -> Callable[[], None]:
    return lambda: storage.delete(name)


def take_down(
    row: Appeal, reason: str, *, membership: Membership | None, now: datetime | None = None
) -> Appeal:
    """Within the caller's transaction, on a row it locked: ends the appeal. A draft is ended
    without a takedown (nothing was public); its private photo goes too."""
    now = now or timezone.now()
    was_public = row.state == State.PUBLISHED
    files = [_deleter(f.storage, f.name) for f in (row.photo, row.draft_photo) if f]
    row.state = State.ENDED
    row.ended_at = now
    row.end_reason = reason
    if was_public and row.visible_until is not None and row.visible_until > now:
        row.visible_until = now
    row.photo.name = ""
    row.draft_photo.name = ""
    row.save()
    for delete in files:
        transaction.on_commit(delete)
    audit(membership, "appeal.end", row, ["state", "end_reason", "photo"],
          organisation=row.organisation)  # fmt: skip
    on_timeline(row, "appeal_ended", membership, reason=reason)
    if was_public:
        takedown = Takedown.objects.create(
            appeal=row, at=now, reason=reason, photo_deleted_at=now if files else None
        )
        ChecklistItem.objects.bulk_create(
            ChecklistItem(takedown=takedown, kind=kind, country=country)
            for kind, country in checklist_for(row)
        )
        audit(membership, "takedown.create", takedown, ["at", "reason", "items"],
              organisation=row.organisation)  # fmt: skip
    return row


@transaction.atomic
def end_appeal(*, membership: Membership, appeal: Appeal) -> Appeal:
    """The hotline ends its appeal (or discards a draft): any case worker may, at any time."""
    require_permission(membership, Permission.EDIT_CASES)
    row = locked(membership, appeal, [State.DRAFT, State.PUBLISHED])
    return take_down(row, EndReason.BY_HOTLINE, membership=membership)


def _end_case_appeals(membership: Membership, case: Case, reason: str) -> None:
    for appeal in Appeal.objects.filter(case=case, state__in=[State.DRAFT, State.PUBLISHED]):
        take_down(locked(membership, appeal, [State.DRAFT, State.PUBLISHED]), reason,
                  membership=membership)  # fmt: skip


def end_appeals_of_found_child(*, membership: Membership, case: Case) -> None:
    """Registered with cases.closing.when_child_found: runs in that action's transaction."""
    _end_case_appeals(membership, case, EndReason.CHILD_FOUND)


def end_appeals_of_closed_case(*, membership: Membership, case: Case) -> None:
    """Registered with cases.closing.when_case_closes: runs in the closure's transaction."""
    _end_case_appeals(membership, case, EndReason.CASE_CLOSED)


def take_down_expired(now: datetime | None = None) -> int:
    """The periodic sweep: records the takedown of every published appeal whose end passed and
    deletes its photo (the public reads hid it at its end already). Returns how many."""
    now = now or timezone.now()
    ended = 0
    expired = Appeal.objects.filter(state=State.PUBLISHED, visible_until__lte=now)
    for pk in expired.values_list("pk", flat=True):
        with transaction.atomic():
            row = Appeal.objects.select_for_update().select_related("organisation").get(pk=pk)
            if row.state != State.PUBLISHED:
                continue
            take_down(row, EndReason.EXPIRED, membership=None, now=now)
            ended += 1
    return ended


@transaction.atomic
def tick_item(*, membership: Membership, item: ChecklistItem, done: bool) -> ChecklistItem:
    require_permission(membership, Permission.EDIT_CASES)
    row = (
        ChecklistItem.objects.select_for_update().select_related("takedown__appeal").get(pk=item.pk)
    )
    require_own(membership, row.takedown.appeal.organisation_id, "checklist item")
    row.done_by = membership.user if done else None
    row.done_at = timezone.now() if done else None
    row.save(update_fields=["done_by", "done_at"])
    audit(membership, "takedown.item_done" if done else "takedown.item_undone", row, ["done_at"])
    return row
