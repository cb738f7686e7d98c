"""What anyone reads without signing in: the Atom feed, the CAP messages, the public page and
the photo. Only published content, cached at most 30 seconds, no cookie set. Once the alert has
ended, the messages that held the child's details, the photo and the details of the page are
gone (410 for the messages and the photo); the Cancel stays."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, rfc3339_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from homeward.alerts import access
from homeward.alerts.cap.build import absolute, status
from homeward.alerts.models import Alert

CAP_TYPE = "application/cap+xml"
MAX_AGE = 30


def _public(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response


def _gone() -> HttpResponse:
    return _public(HttpResponse(_("This alert has ended."), status=410,
                                content_type="text/plain; charset=utf-8"))  # fmt: skip


def _second(moment: datetime) -> datetime:
    """Feed times to the second, as in the CAP messages: no fractions."""
    return moment.replace(microsecond=0)


class CapAtom(Atom1Feed):
    """Atom, each entry with a link to its alert's latest CAP message. The title and the
    summary are plain text (`type="text"`): what staff typed must never reach a feed reader as
    markup, which Django's `type="html"` summary would let it do once unescaped."""

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        handler.addQuickElement("title", item["title"], {"type": "text"})
        handler.addQuickElement("link", "", {"href": item["link"], "rel": "alternate"})
        handler.addQuickElement("published", rfc3339_date(item["pubdate"]))
        handler.addQuickElement("updated", rfc3339_date(item["updateddate"]))
        handler.addQuickElement("id", item["unique_id"])
        handler.addQuickElement("summary", item["description"], {"type": "text"})
        handler.addQuickElement(
            "link", "", {"rel": "alternate", "type": CAP_TYPE, "href": item["cap_url"]}
        )


class AlertFeed(Feed[Alert, Any]):
    feed_type = CapAtom
    title = gettext_lazy("Homeward child alerts")
    subtitle = gettext_lazy("Current child alerts and those ended in the last 30 days.")

    def link(self) -> str:
        return reverse("alert_feed")

    def items(self) -> list[Alert]:
        return list(access.feed_alerts())

    def item_title(self, item: Alert) -> str:
        return item.headline if access.is_live(item) else _("Alert ended")

    def item_description(self, item: Alert) -> str:
        return item.description if access.is_live(item) else _("This alert has ended.")

    def item_link(self, item: Alert) -> str:
        return reverse("alert_public", args=[item.public_id])

    def item_guid(self, item: Alert) -> str:
        return absolute(reverse("alert_public", args=[item.public_id]))

    def item_pubdate(self, item: Alert) -> datetime:
        return _second(item.decided_at)

    def item_updateddate(self, item: Alert) -> datetime:
        latest = max((m.sent for m in item.messages.all()), default=item.decided_at)
        return _second(item.ended_at or latest)

    def item_extra_kwargs(self, item: Alert) -> dict[str, Any]:
        return {"cap_url": absolute(reverse("alert_cap_latest", args=[item.public_id]))}


_feed = AlertFeed()


def alert_feed(request: HttpRequest) -> HttpResponse:
    return _public(_feed(request))


def _cap(xml: str) -> HttpResponse:
    return _public(HttpResponse(xml, content_type=f"{CAP_TYPE}; charset=utf-8"))


def cap_latest(request: HttpRequest, public_id: str) -> HttpResponse:
    try:
        return _cap(access.latest_message(public_id).xml)
    except access.Gone:
        return _gone()


def cap_message(request: HttpRequest, identifier: str) -> HttpResponse:
    try:
        return _cap(access.public_message(identifier).xml)
    except access.Gone:
        return _gone()


def alert_public(request: HttpRequest, public_id: str) -> HttpResponse:
    alert = access.public_alert(public_id)
    return _public(render(request, "alerts/public.html", {
        "alert": alert, "live": access.is_live(alert), "exercise": status() == "Exercise",
        "issued": access.issued_at(alert),
    }))  # fmt: skip


def alert_photo(request: HttpRequest, public_id: str) -> HttpResponseBase:
    try:
        alert = access.public_photo(public_id)
    except access.Gone:
        return _gone()
    response = FileResponse(alert.photo.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response
