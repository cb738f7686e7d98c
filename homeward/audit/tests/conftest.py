from __future__ import annotations

import pytest
from django.db import connection

from homeward.audit import triggers


@pytest.fixture(autouse=True)
def _append_only_triggers(db: None) -> None:
    """Browser tests take the triggers off to let the test database be emptied; put them back."""
    triggers.install(connection)
