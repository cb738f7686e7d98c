"""Messages stored as a code and parameters and put into words when read, in the reader's
language and time zone: what Homeward writes for people who may read another language than the
one active when it was written (a bilingual hotline's next shift; the other hotline of a
cross-border request). Used by the case timeline (cases/timeline.py) and cross-border notices."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import TextChoices
from django.utils.dateparse import parse_datetime
from django.utils.functional import Promise

from homeward.core.dates import local


@dataclass(frozen=True)
class Message:
    """`template` in the reader's language with its parameters; without a template, the label of
    the one parameter. Parameters named in `choices` hold a code shown as its label, those in
    `moments` an ISO time shown in the reader's time zone, with its abbreviation (CET); the
    others are shown as they are."""

    template: Promise | None = None
    choices: Mapping[str, type[TextChoices]] = field(default_factory=dict)
    moments: tuple[str, ...] = ()


def check(messages: Mapping[str, Message], code: str, params: Mapping[str, Any]) -> None:
    """Refuses, when it is written, a message that could not be put into words later (a
    programming error): an unknown code or a missing parameter."""
    if code not in messages:
        raise ValueError(f"unknown message {code!r}")
    words(messages[code], params)


def render(messages: Mapping[str, Message], code: str, params: Mapping[str, Any], text: str) -> str:
    """In the active language: the message (none for an entry from before messages existed, or
    one a person wrote), then the text a person wrote."""
    said = words(messages[code], params) if code in messages else ""
    return " — ".join(part for part in (said, text) if part)


def words(message: Message, params: Mapping[str, Any]) -> str:
    """The message in the active language. A missing parameter raises KeyError."""
    values = {name: _shown(message, name, value) for name, value in params.items()}
    if message.template is None:
        return " ".join(values.values())
    return str(message.template) % values


def _shown(message: Message, name: str, value: Any) -> str:
    if name in message.choices:
        choices = message.choices[name]
        return str(choices(value).label) if value in choices.values else str(value)
    if name in message.moments:
        moment = parse_datetime(str(value))
        return local(moment).strftime("%Y-%m-%d %H:%M %Z") if moment else str(value)
    return str(value)
