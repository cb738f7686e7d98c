"""The CAP 1.2 profile of a Homeward child alert (docs/alerts.md, "For feed consumers").

Alert on activation, Update on change, Cancel on end; an Update or a Cancel names every earlier
message of the alert in `references`. One `info` per language the content exists in (English
always). A Cancel carries no detail of the child and no resource."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type hints

from homeward.alerts.cap import cap_time
from homeward.alerts.choices import MsgType
from homeward.alerts.models import Alert
from homeward.organisations.emails import base_url

NS = "urn:oasis:names:tc:emergency:cap:1.2"
EVENT = "Child Abduction"
# CAP's eventCode for a child abduction emergency (the SAME code of the AMBER example)
EVENT_CODE = ("SAME", "CAE")


def sender() -> str:
    """HOMEWARD_CAP_SENDER, else `alerts@` and the host Homeward is reached at."""
    configured = str(settings.CAP_SENDER)
    if configured:
        return configured
    host = urlsplit(base_url()).hostname or "localhost"
    return f"alerts@{host}"


def status() -> str:
    """The demo network's alerts are exercises; a production deployment's are actual."""
    return "Exercise" if settings.DEMO else "Actual"


def absolute(path: str) -> str:
    return f"{base_url()}{path}"


@dataclass(frozen=True)
class Envelope:
    identifier: str
    sent: datetime
    msg_type: str
    references: str


def _add(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, f"{{{NS}}}{tag}")
    if text is not None:
        element.text = text
    return element


def _pair(parent: etree._Element, tag: str, name: str, value: str) -> None:
    element = _add(parent, tag)
    _add(element, "valueName", name)
    _add(element, "value", value)


def _area(info: etree._Element, alert: Alert) -> None:
    area = _add(info, "area")
    places = [str(countries.name(code)) for code in alert.countries] + list(alert.regions)
    _add(area, "areaDesc", ", ".join(places))
    for code in alert.countries:
        _pair(area, "geocode", "ISO3166-1", code)
    for code in alert.regions:
        _pair(area, "geocode", "ISO3166-2", code)


def contents(alert: Alert) -> dict[str, dict[str, str]]:
    """The published content per language: English from the alert's fields, then each other
    language given in full."""
    found = {
        "en": {
            "headline": alert.headline,
            "description": alert.description,
            "instruction": alert.instruction,
        }
    }
    for language, text in sorted(alert.translations.items()):
        if language != "en" and all(text.get(k) for k in ("headline", "description")):
            found[language] = {k: str(text.get(k, "")) for k in ("headline", "description",
                                                                 "instruction")}  # fmt: skip
    return found


def _info(
    root: etree._Element, alert: Alert, envelope: Envelope, language: str, text: dict[str, str]
) -> None:
    cancel = envelope.msg_type == MsgType.CANCEL
    info = _add(root, "info")
    _add(info, "language", language)
    _add(info, "category", "Rescue")
    _add(info, "event", EVENT)
    _add(info, "responseType", "AllClear" if cancel else "Monitor")
    _add(info, "urgency", "Past" if cancel else alert.urgency)
    _add(info, "severity", alert.severity)
    _add(info, "certainty", alert.certainty)
    _pair(info, "eventCode", *EVENT_CODE)
    _add(info, "effective", cap_time(envelope.sent))
    if not cancel:
        _add(info, "expires", cap_time(alert.expires_at))
    _add(info, "senderName", alert.organisation.name)
    with translation.override(language):
        if cancel:
            _add(info, "headline", _("Alert ended"))
            _add(info, "description", _("This alert has ended."))
        else:
            _add(info, "headline", text["headline"])
            _add(info, "description", text["description"])
            if text.get("instruction"):
                _add(info, "instruction", text["instruction"])
        _add(info, "web", absolute(reverse("alert_public", args=[alert.public_id])))
        _add(info, "contact", alert.hotline_number)
        if not cancel and alert.photo:
            resource = _add(info, "resource")
            _add(resource, "resourceDesc", _("Photo of the child"))
            _add(resource, "mimeType", "image/jpeg")
            _add(resource, "size", str(alert.photo_size or 0))
            _add(resource, "uri", absolute(reverse("alert_photo", args=[alert.public_id])))
            _add(resource, "digest", alert.photo_sha1)
        _area(info, alert)


def build(alert: Alert, envelope: Envelope) -> bytes:
    root = etree.Element(f"{{{NS}}}alert", nsmap={None: NS})
    _add(root, "identifier", envelope.identifier)
    _add(root, "sender", sender())
    _add(root, "sent", cap_time(envelope.sent))
    _add(root, "status", status())
    _add(root, "msgType", envelope.msg_type)
    _add(root, "scope", "Public")
    if envelope.references:
        _add(root, "references", envelope.references)
    texts = contents(alert)
    languages = ["en"] if envelope.msg_type == MsgType.CANCEL else list(texts)
    for language in languages:
        _info(root, alert, envelope, language, texts[language])
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
