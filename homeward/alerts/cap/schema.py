"""Validation of every CAP message against the OASIS CAP 1.2 schema and Google's extended
schema (patterns on identifier, sender and references), both kept beside this module
(SOURCES.md). A message that fails is never stored nor published."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type hints

HERE = Path(__file__).resolve().parent
SCHEMAS = ("CAP-v1.2.xsd", "cap12_extended.xsd")


class InvalidCap(Exception):
    """A message Homeward built does not validate: a bug or a value the schema refuses."""


@cache
def _schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(HERE / name)))


def validate(xml: bytes) -> None:
    document = etree.fromstring(xml)
    for name in SCHEMAS:
        schema = _schema(name)
        if not schema.validate(document):
            raise InvalidCap(f"{name}: {schema.error_log.last_error}")
