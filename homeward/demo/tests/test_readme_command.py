"""The README's command for the demo logins works as written, from a shell that has none of
Homeward's settings (as a reader's has), and `homeward demo` points to the same command."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from homeward.demo.management.commands.demo import LIST_COMMAND

ROOT = Path(__file__).resolve().parents[3]


def test_the_readme_command_prints_every_demo_login() -> None:
    readme = (ROOT / "README.md").read_text()
    commands = re.findall(r"`([^`]*homeward demo --list)`", readme)
    assert commands == [LIST_COMMAND]
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HOMEWARD_")}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(  # noqa: S602 - the README's own command line, as a reader types it
        commands[0], shell=True, cwd=ROOT, env=environment, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("All 135 demo logins")
    assert "operator@fr.demo.homeward.test" in done.stdout
