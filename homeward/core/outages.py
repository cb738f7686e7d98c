"""Whether a database error means the database is away (a 503, "try again") or is a bug or
bad input that reached it (a 500, or a 422 where it is input). Shared by the API's and the
pages' error handlers, the logs and the worker; imports nothing of Homeward, as the logging
configuration loads it."""

from __future__ import annotations

import sqlite3

import psycopg
from django.db import InterfaceError, OperationalError

# SQLSTATE classes of PostgreSQL errors that mean the database cannot serve us now: connection
# exception, insufficient resources, operator intervention (shutdown, "cannot connect now",
# a cancelled statement), system error, and refused credentials.
_OUTAGE_SQLSTATE_CLASSES = {"08", "28", "53", "57", "58"}
_SQLITE_OUTAGES = ("unable to open database file", "disk i/o error", "database is locked")


def is_database_outage(exc: BaseException | None) -> bool:
    """Whether `exc` means the database is away (a 503, "try again"), rather than a bug or bad
    input that reached it (an IntegrityError, a DataError, a ProgrammingError: a 500 or a 422).

    Django wraps the driver's exception (its `__cause__`): psycopg's connection failures carry
    no SQLSTATE or one of the classes above; SQLite's say so in their message. An
    OperationalError Django raised itself, with no driver exception behind it, counts as an
    outage; so does an InterfaceError (the connection is closed or unusable)."""
    if isinstance(exc, InterfaceError):
        return True
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    if isinstance(cause, psycopg.Error):
        return cause.sqlstate is None or cause.sqlstate[:2] in _OUTAGE_SQLSTATE_CLASSES
    if isinstance(cause, sqlite3.Error):
        return str(cause).lower().startswith(_SQLITE_OUTAGES)
    return True
