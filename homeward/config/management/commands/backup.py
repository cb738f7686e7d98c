"""`homeward backup FOLDER`: the database, the private media and a manifest, in a new folder
under FOLDER (config/backup.py). Its last line is the folder's path."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from homeward.config.backup import BackupError, take_backup


class Command(BaseCommand):
    help = "Back up the database and the private media, with the audit head in a manifest."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("folder", type=Path, help="where the backup's folder is made")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            folder = take_backup(options["folder"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(str(folder))
