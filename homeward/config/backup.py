"""A backup is a folder: the database (PostgreSQL's custom dump format, or a copy of the SQLite
file made by SQLite's own backup), the private media (photos, attachments, imports) as one
archive, and a manifest with the audit trail's head and each file's SHA-256. A restore goes
onto an empty database and an empty media folder only, and proves itself: the restored audit
trail must verify and end at the head the manifest recorded."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

from homeward.audit.chain import GENESIS_HASH
from homeward.audit.models import AuditEvent

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "private-media.tar.gz"
FORMAT = 1


class BackupError(Exception):
    """Why a backup or a restore cannot be done, in words for the operator."""


@dataclass(frozen=True)
class Head:
    seq: int
    hash: str

    def __str__(self) -> str:
        return f"{self.seq} {self.hash}"


def audit_head() -> Head:
    event = AuditEvent.objects.order_by("-seq").only("seq", "hash").first()
    return Head(0, GENESIS_HASH) if event is None else Head(event.seq, event.hash)


def take_backup(parent: Path) -> Path:
    """Writes a new backup folder under `parent` and returns it."""
    head = audit_head()
    folder = parent / f"homeward-{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{head.seq}"
    folder.mkdir(parents=True, exist_ok=False)
    database_file = folder / _database_file_name()
    if connection.vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={database_file}"], _pg_env())
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(database_file) as target:
            connection.connection.backup(target)
        target.close()
    else:
        raise BackupError(f"no backup method for the {connection.vendor} database")
    media = folder / MEDIA_ARCHIVE
    with tarfile.open(media, "w:gz") as archive:
        root = Path(settings.PRIVATE_MEDIA_ROOT)
        if root.exists():
            archive.add(root, arcname=".")
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(),
        "database": connection.vendor,
        "audit_head": {"seq": head.seq, "hash": head.hash},
        "files": {p.name: _sha256(p) for p in (database_file, media)},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return folder


def restore_backup(folder: Path) -> Head:
    """Restores `folder` onto this installation's empty database and media folder; returns
    the audit head the manifest recorded (the caller verifies the restored trail against it)."""
    manifest = _manifest(folder)
    if manifest["database"] != connection.vendor:
        raise BackupError(
            f"the backup is of a {manifest['database']} database; this installation uses "
            f"{connection.vendor}"
        )
    for name, digest in manifest["files"].items():
        if _sha256(folder / name) != digest:
            raise BackupError(f"{name} does not match its checksum in the manifest")
    media_root = Path(settings.PRIVATE_MEDIA_ROOT)
    if connection.introspection.table_names():
        raise BackupError("the database is not empty: restore onto a new, empty database")
    if media_root.exists() and any(media_root.iterdir()):
        raise BackupError(f"{media_root} is not empty: restore onto an empty media folder")
    database_file = folder / _database_file_name()
    if connection.vendor == "postgresql":
        env = _pg_env()
        restore = ["pg_restore", "--no-owner", "--exit-on-error", "--single-transaction"]
        _run([*restore, "--dbname", env["PGDATABASE"], str(database_file)], env)
    else:
        connection.close()
        shutil.copyfile(database_file, settings.DATABASES["default"]["NAME"])
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA_ARCHIVE, "r:gz") as archive:
        archive.extractall(media_root, filter="data")
    head = manifest["audit_head"]
    return Head(int(head["seq"]), str(head["hash"]))


def _manifest(folder: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{folder / MANIFEST} cannot be read: {error}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{folder} is not a Homeward backup of format {FORMAT}")
    return manifest


def _database_file_name() -> str:
    return "database.dump" if connection.vendor == "postgresql" else "database.sqlite3"


def _pg_env() -> dict[str, str]:
    """libpq's variables for this installation's database, so no password is on a command line."""
    db = settings.DATABASES["default"]
    values = {
        "PGDATABASE": db["NAME"],
        "PGUSER": db.get("USER") or "",
        "PGPASSWORD": db.get("PASSWORD") or "",
        "PGHOST": db.get("HOST") or "",
        "PGPORT": str(db.get("PORT") or ""),
    }
    return {**os.environ, **{k: v for k, v in values.items() if v}}


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]} is not installed: install PostgreSQL's client programs"
        ) from None
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
