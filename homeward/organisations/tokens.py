"""Personal API tokens: `hw_<prefix>_<secret>`. Only a SHA-256 digest of the whole token is
stored; the prefix finds the row without a timing-sensitive lookup on the secret."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import Model
from django.utils import timezone

from homeward.organisations.models import ApiToken, Membership, Organisation, User

TOKEN_PREFIX = "hw_"  # noqa: S105 (a marker, not a secret)
LAST_USED_RESOLUTION = timedelta(minutes=5)


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str


def generate_secret() -> tuple[str, str, str]:
    """Returns (full token, prefix, digest)."""
    prefix = secrets.token_hex(6)
    full = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    return full, prefix, digest_of(full)


def digest_of(full_token: str) -> str:
    return hashlib.sha256(full_token.encode()).hexdigest()


def membership_for_token(full_token: str) -> Membership | None:
    """The active membership a presented token acts as, or None for any failure (unknown,
    wrong secret, expired, revoked, deactivated user, membership or organisation)."""
    if not full_token.startswith(TOKEN_PREFIX):
        return None
    prefix = full_token[len(TOKEN_PREFIX) :].split("_", 1)[0]
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(_token_sql(), [prefix, connection.ops.adapt_datetimefield_value(now)])
        row = cursor.fetchone()
    if row is None:
        return None
    token, values = _load(ApiToken, row)
    if not hmac.compare_digest(token.digest, digest_of(full_token)):
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    membership, values = _load(Membership, values)
    user, values = _load(User, values)
    organisation, _rest = _load(Organisation, values)
    membership.user, membership.organisation = user, organisation
    return membership


# Every API request runs this lookup. Built by the ORM it spent ~1.4 ms of Python per request
# composing a four-table query, more than the whole of a bare SQL request; written once here,
# from the models' own columns (never from input), it costs the query and the instances.
@cache
def _token_sql() -> str:
    def columns(model: type[Model], alias: str) -> str:
        quote = connection.ops.quote_name
        return ", ".join(f"{alias}.{quote(f.column)}" for f in model._meta.concrete_fields)

    return (
        f"SELECT {columns(ApiToken, 't')}, {columns(Membership, 'm')}, "  # noqa: S608 (see above)
        f"{columns(User, 'u')}, {columns(Organisation, 'o')} "
        f"FROM {ApiToken._meta.db_table} t "
        f"JOIN {Membership._meta.db_table} m "
        "ON m.user_id = t.user_id AND m.organisation_id = t.organisation_id "
        f"JOIN {User._meta.db_table} u ON u.id = t.user_id "
        f"JOIN {Organisation._meta.db_table} o ON o.id = t.organisation_id "
        "WHERE t.prefix = %s AND t.revoked_at IS NULL AND t.expires_at > %s "
        "AND u.is_active AND m.is_active AND o.is_active"
    )


M = TypeVar("M", bound=Model)


def _load(model: type[M], values: Sequence[Any]) -> tuple[M, Sequence[Any]]:
    """The instance the ORM would build from the model's columns at the start of `values`,
    converted as the ORM converts them (SQLite's booleans and times, JSON text), and the rest."""
    attnames, converters = _loading_plan(model, connection.vendor)
    row = []
    for value, (column, convert_all) in zip(values[: len(attnames)], converters, strict=True):
        for convert in convert_all:
            value = convert(value, column, connection)
        row.append(value)
    instance = model.from_db(DEFAULT_DB_ALIAS, attnames, row)
    return instance, values[len(attnames) :]


@cache
def _loading_plan(model: type[Model], vendor: str) -> tuple[list[str], list[tuple[Any, list[Any]]]]:
    """The model's column names and each column's converters on this database (computed once:
    they cost more than the conversions)."""
    fields = model._meta.concrete_fields
    converters = []
    for field in fields:
        column = field.get_col(model._meta.db_table)
        converters.append(
            (
                column,
                [*connection.ops.get_db_converters(column), *column.get_db_converters(connection)],
            )
        )
    return [f.attname for f in fields], converters
