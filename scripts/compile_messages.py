"""Checks that every French and German catalogue compiles, and that the committed .mo files
match their .po sources (a stale .mo would show last week's wording)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    msgfmt = shutil.which("msgfmt")
    catalogues = sorted((ROOT / "homeward").glob("**/locale/*/LC_MESSAGES/django.po"))
    if not catalogues:
        print("no translation catalogues found")
        return 1
    if msgfmt is None:
        print("msgfmt (GNU gettext) is not installed; skipping the .mo freshness check")
        return 0
    stale = []
    with tempfile.TemporaryDirectory() as scratch:
        for po in catalogues:
            fresh = Path(scratch) / "django.mo"
            subprocess.run([msgfmt, "--check", "-o", str(fresh), str(po)], check=True)
            if fresh.read_bytes() != po.with_suffix(".mo").read_bytes():
                stale.append(po.relative_to(ROOT))
    for po in stale:
        print(f"{po}: the .mo file is stale; run `make messages`")
    print(f"{len(catalogues)} catalogues checked")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
