"""`homeward stats annual --year 2025 [--organisation CODE] --format json|csv|xlsx|sdmx-csv|pdf
--out FILE`: the network's annual report (or one hotline's), from the submitted returns, through
disclosure control, written to a file."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from homeward.organisations.models import Organisation
from homeward.statistics.report import NoReturns, hotline_report, network_report
from homeward.statistics.report.downloads import FORMATS, content


class Command(BaseCommand):
    help = "The network's statistics: `annual` writes a year's report or its data."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        annual = sub.add_parser(
            "annual", help="a year's report from the submitted returns, disclosure-controlled"
        )
        annual.add_argument("--year", type=int, required=True, help="the reporting year")
        annual.add_argument(
            "--organisation",
            metavar="CODE",
            help="one hotline's report, by its short name (default: the whole network)",
        )
        annual.add_argument("--format", required=True, choices=list(FORMATS), dest="fmt")
        annual.add_argument("--out", required=True, type=Path, help="the file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = None
        if options["organisation"]:
            organisation = Organisation.objects.filter(slug=options["organisation"]).first()
            if organisation is None:
                raise CommandError(
                    f"no organisation with the short name {options['organisation']!r}"
                )
        out: Path = options["out"]
        if not out.parent.is_dir():
            raise CommandError(f"--out: no such directory: {out.parent}")
        with translation.override("en"):
            try:
                report = (
                    network_report(options["year"])
                    if organisation is None
                    else hotline_report(options["year"], organisation)
                )
            except NoReturns as error:
                raise CommandError(str(error)) from None
            data = content(report, options["fmt"])
        out.write_bytes(data)
        countries, hotlines = len(report.countries), len(report.reported)
        of = f"{countries} {'country' if countries == 1 else 'countries'}"
        reported = f"{hotlines} {'hotline' if hotlines == 1 else 'hotlines'} reported"
        self.stdout.write(f"{out}: {options['fmt']} of {of}, {reported} ({len(data):,} bytes)")
