"""`homeward restore FOLDER`: a backup made by `homeward backup`, onto an empty database and
media folder; then the restored audit trail is verified and must end at the backup's head."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from homeward.config.backup import BackupError, audit_head, restore_backup


class Command(BaseCommand):
    help = "Restore a backup onto an empty database and media folder, and verify it."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("folder", type=Path, help="a folder made by `homeward backup`")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            recorded = restore_backup(options["folder"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        call_command("audit", "verify", *(["--anchor", recorded.hash] if recorded.seq else []))
        restored = audit_head()
        if restored != recorded:
            raise CommandError(
                f"the restored audit trail ends at {restored}, the backup recorded {recorded}"
            )
        self.stdout.write(f"restored; audit trail intact up to its recorded head {recorded}")
