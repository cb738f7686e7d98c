"""`homeward reindex_names`: rebuild every child's name-search keys, after the matching rules
in cases/names/ change (an upgrade note says when)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from homeward.cases.name_index import rebuild_all_name_keys
from homeward.organisations.models import Organisation


class Command(BaseCommand):
    help = "Rebuild the name-search keys of every child (or of one organisation's children)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--organisation", help="the organisation's short name (slug)")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = None
        if options["organisation"]:
            organisation = Organisation.objects.filter(slug=options["organisation"]).first()
            if organisation is None:
                raise CommandError(
                    f"No organisation with the short name {options['organisation']!r}."
                )
        done = rebuild_all_name_keys(organisation)
        self.stdout.write(f"Rebuilt the name keys of {done} children.")
