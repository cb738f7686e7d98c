"""The public content of an appeal, one shape for the JSON feed, the public API and the pages:
the first name, age, where and when last seen, the hotline's number and the photo's URL, and
nothing else (never the case, its category or its reasons).

The feed is JSON Feed 1.1 (https://jsonfeed.org/version/1.1) with an `_homeward` extension per
item: the countries, the age and where and when the child was last seen."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from homeward.appeals.models import Appeal

MAX_AGE = 30  # seconds a public answer may be cached: a takedown leaves every cache within a minute
FEED_VERSION = "https://jsonfeed.org/version/1.1"


def title_of(appeal: Appeal) -> str:
    if appeal.age is None:
        return _("Missing: %(name)s") % {"name": appeal.first_name}
    return _("Missing: %(name)s, %(age)d") % {"name": appeal.first_name, "age": appeal.age}


def text_of(appeal: Appeal) -> str:
    parts = [title_of(appeal) + "."]
    if appeal.last_seen_on or appeal.last_seen_place:
        parts.append(
            _("Last seen %(when)s %(where)s.")
            % {
                "when": appeal.last_seen_on.isoformat() if appeal.last_seen_on else "",
                "where": appeal.last_seen_place,
            }
        )
    parts.append(
        _("If you have seen them, call %(number)s (free, confidential).")
        % {"number": appeal.hotline_number}
    )
    return " ".join(" ".join(p.split()) for p in parts)


def photo_url(request: HttpRequest, appeal: Appeal) -> str | None:
    if not appeal.photo:
        return None
    return request.build_absolute_uri(reverse("appeal_photo", args=[appeal.public_id]))


def item_of(request: HttpRequest, appeal: Appeal) -> dict[str, Any]:
    url = request.build_absolute_uri(reverse("appeal_public", args=[appeal.public_id]))
    item: dict[str, Any] = {
        "id": url,
        "url": url,
        "title": title_of(appeal),
        "content_text": text_of(appeal),
        "date_published": appeal.published_at.isoformat() if appeal.published_at else None,
        "_homeward": {
            "countries": list(appeal.countries),
            "first_name": appeal.first_name,
            "age": appeal.age,
            "last_seen_on": appeal.last_seen_on.isoformat() if appeal.last_seen_on else None,
            "last_seen_place": appeal.last_seen_place,
            "hotline_number": appeal.hotline_number,
            "ends_on": appeal.ends_on.isoformat(),
        },
    }
    image = photo_url(request, appeal)
    if image:
        item["image"] = image
    return item


def feed_of(request: HttpRequest, appeals: list[Appeal], country: str) -> dict[str, Any]:
    page = request.build_absolute_uri(reverse("appeal_list"))
    feed_url = request.build_absolute_uri(reverse("appeal_feed"))
    if country:
        page, feed_url = f"{page}?country={country}", f"{feed_url}?country={country}"
    return {
        "version": FEED_VERSION,
        "title": _("Missing children: appeals of the 116 000 hotlines"),
        "home_page_url": page,
        "feed_url": feed_url,
        "language": "en",
        "items": [item_of(request, appeal) for appeal in appeals],
    }
