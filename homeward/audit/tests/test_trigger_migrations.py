"""The audit triggers' migrations keep the SQL they ran: editing audit/triggers.py changes what
the code installs (test set-up, a restore), never what an old migration did. A change there needs
a new migration carrying the new SQL, which these tests ask for."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

from homeward.audit import migrations, triggers


def _trigger_migrations() -> list[ModuleType]:
    names = sorted(info.name for info in pkgutil.iter_modules(migrations.__path__))
    modules = [importlib.import_module(f"{migrations.__name__}.{name}") for name in names]
    return [module for module in modules if hasattr(module, "INSTALL")]


def test_the_latest_trigger_migration_installs_what_triggers_py_installs() -> None:
    latest = _trigger_migrations()[-1]
    assert latest.INSTALL == {
        "postgresql": triggers.POSTGRES_INSTALL,
        "sqlite": triggers.SQLITE_INSTALL,
    }


def test_trigger_migrations_carry_their_own_sql() -> None:
    found = _trigger_migrations()
    assert [module.__name__.rsplit(".", 1)[1] for module in found[:2]] == [
        "0002_append_only_triggers",
        "0003_chain_in_the_database",
    ]
    for module in found:
        assert not hasattr(module, "triggers"), f"{module.__name__} runs the live triggers.py"
    # the first installed the append-only triggers only: the chain came with 0003
    assert not any("_chain()" in statement for statement in found[0].INSTALL["postgresql"])
