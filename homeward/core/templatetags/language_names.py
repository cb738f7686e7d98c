"""`{{ tag|language }}` and `{{ tags|languages }}`: BCP 47 tags as language names in the reader's
language (the names Django translates: "Néerlandais" for `nl` in French). A tag Django does not
know is shown as it is."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.translation import get_language_info

register = template.Library()


def language_name(tag: str | None) -> str:
    if not tag:
        return ""
    try:
        name = str(get_language_info(str(tag).lower())["name_translated"])
    except KeyError:
        return str(tag)
    return name[:1].upper() + name[1:]  # Django's French names mix "Français" and "grec"


@register.filter
def language(tag: str | None) -> str:
    return language_name(tag)


@register.filter
def languages(tags: Iterable[str] | None) -> str:
    return ", ".join(language_name(tag) for tag in tags or ())
