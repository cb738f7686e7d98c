"""Contacts by channel, by type and by whether the caller's identity was recorded: one
statement for all organisations."""

from __future__ import annotations

from django.db.models import Count

from homeward.cases.figures import contacts_started
from homeward.core.counting import Bounds
from homeward.statistics.compute.tally import Tally


def count(tally: Tally, bounds: Bounds) -> None:
    for row in contacts_started(bounds).annotate(n=Count("pk")).order_by():
        org, n = row["organisation_id"], row["n"]
        tally.add(org, "CONTACTS_CHANNEL", (row["channel"],), n)
        tally.add(org, "CONTACTS_TYPE", (row["contact_type"],), n)
        tally.add(org, "CONTACTS_CALLER_RECORDED", ("yes" if row["caller_recorded"] else "no",), n)
