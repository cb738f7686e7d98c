"""The backup drill: a backup restored onto an empty database and media folder holds the same
audit trail, verified, ending at the head recorded when the backup was taken."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.db import connection

from homeward.config.backup import audit_head, take_backup
from homeward.testing.cases import make_case
from homeward.testing.cast import Cast

HOMEWARD = str(Path(sys.executable).parent / "homeward")


def _homeward(*args: str, database_url: str, media: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "HOMEWARD_TESTING": "1",
        "DATABASE_URL": database_url,
        "HOMEWARD_PRIVATE_MEDIA_ROOT": str(media),
    }
    return subprocess.run(  # noqa: S603
        [HOMEWARD, *args], env=env, capture_output=True, text=True, check=False, timeout=120
    )


@pytest.fixture
def empty_database(tmp_path: Path) -> Any:
    """The URL of a new, empty database of the kind the suite runs on."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    db = connection.settings_dict
    name = f"{db['NAME']}_restored"
    server = f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/postgres"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restores_with_its_audit_trail_intact(
    committed_db: None, cast: Cast, tmp_path: Path, settings: Any, empty_database: str
) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media"
    make_case(cast)
    photo = tmp_path / "media" / "photos" / "child.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(b"synthetic photo bytes")
    recorded = audit_head()
    assert recorded.seq > 0

    folder = take_backup(tmp_path / "backups")

    media = tmp_path / "restored-media"
    restored = _homeward("restore", str(folder), database_url=empty_database, media=media)
    assert restored.returncode == 0, restored.stderr
    assert f"up to its recorded head {recorded}" in restored.stdout
    assert (media / "photos" / "child.jpg").read_bytes() == b"synthetic photo bytes"
    head = _homeward("audit", "head", database_url=empty_database, media=media)
    assert head.stdout.startswith(f"{recorded} ")

    again = _homeward("restore", str(folder), database_url=empty_database, media=media)
    assert again.returncode != 0 and "not empty" in again.stderr  # never over live data


def test_a_backup_whose_files_were_changed_is_refused(
    committed_db: None, cast: Cast, tmp_path: Path, settings: Any, empty_database: str
) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media"
    make_case(cast)
    folder = take_backup(tmp_path / "backups")
    dump = next(p for p in folder.iterdir() if p.name.startswith("database."))
    dump.write_bytes(dump.read_bytes() + b"tampered")
    restored = _homeward(
        "restore", str(folder), database_url=empty_database, media=tmp_path / "restored-media"
    )
    assert restored.returncode != 0
    assert "does not match its checksum" in restored.stderr
