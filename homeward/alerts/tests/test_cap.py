"""Every CAP message Homeward produces validates against the OASIS CAP 1.2 schema and Google's
extended schema, with timestamps in the schema's format, and an Update or a Cancel names every
earlier message of the alert in `references`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type hints

from homeward.alerts import actions
from homeward.alerts.cap import schema
from homeward.alerts.models import Alert, CapMessage
from homeward.testing.alerts import make_alert, publication
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db

NS = {"cap": "urn:oasis:names:tc:emergency:cap:1.2"}
CAP_TIME = re.compile(r"^\d\d\d\d-\d\d-\d\dT\d\d:\d\d:\d\d[-,+]\d\d:\d\d$")
EXAMPLES = Path("/work/shared/standards/cap/examples")


def _valid_everywhere(xml: str) -> etree._Element:
    document = etree.fromstring(xml.encode())
    for name in schema.SCHEMAS:
        xsd = etree.XMLSchema(etree.parse(str(schema.HERE / name)))
        assert xsd.validate(document), (name, xsd.error_log)
    return document


def _text(document: etree._Element, path: str) -> list[str]:
    return [str(e.text) for e in document.iterfind(path, NS)]


def _lifecycle(cast: Cast) -> Alert:
    alert = make_alert(cast)
    actions.update_alert(
        membership=cast.member("be_supervisor"),
        alert=alert,
        publication=publication(countries=["BE", "NL"], regions=["BE-BRU", "NL-NH"],
                                translations={"fr": {"headline": "Alerte enfant",
                                                     "description": "Lena, 11 ans.",
                                                     "instruction": "Appelez le 116 000."}}),
    )  # fmt: skip
    actions.end_alert(membership=cast.member("be_operator"), alert=alert, reason="child_found")
    return alert


def test_alert_update_and_cancel_validate_against_both_schemas(cast: Cast) -> None:
    alert = _lifecycle(cast)
    kinds = [m.msg_type for m in alert.messages.order_by("sent", "pk")]
    assert kinds == ["Alert", "Update", "Cancel"]
    for message in alert.messages.all():
        document = _valid_everywhere(message.xml)
        for path in ("cap:sent", "cap:info/cap:effective", "cap:info/cap:expires"):
            assert all(CAP_TIME.match(value) for value in _text(document, path)), path
        assert _text(document, "cap:info/cap:event") and set(
            _text(document, "cap:info/cap:event")
        ) == {"Child Abduction"}
        assert set(_text(document, "cap:info/cap:category")) == {"Rescue"}


def test_update_and_cancel_reference_every_earlier_message(cast: Cast) -> None:
    alert = _lifecycle(cast)
    first, update, cancel = alert.messages.order_by("sent", "pk")
    assert first.references == ""
    for message, earlier in ((update, [first]), (cancel, [first, update])):
        document = etree.fromstring(message.xml.encode())
        triples = _text(document, "cap:references")[0].split()
        assert triples == [
            f"{m.sender},{m.identifier},{_text(etree.fromstring(m.xml.encode()), 'cap:sent')[0]}"
            for m in earlier
        ]
        for triple in triples:
            assert CapMessage.objects.filter(identifier=triple.split(",")[1]).exists()


def test_the_alert_carries_scope_photo_and_languages(cast: Cast) -> None:
    alert = _lifecycle(cast)
    update = etree.fromstring(alert.messages.get(msg_type="Update").xml.encode())
    assert _text(update, "cap:info/cap:language") == ["en", "fr"]
    assert _text(update, "cap:info[1]/cap:area/cap:geocode/cap:value") == [
        "BE", "NL", "BE-BRU", "NL-NH"]  # fmt: skip
    resource = _text(update, "cap:info[1]/cap:resource/cap:uri")[0]
    assert resource.endswith(f"/alerts/{alert.public_id}/photo.jpg")
    assert len(_text(update, "cap:info[1]/cap:resource/cap:digest")[0]) == 40
    assert _text(update, "cap:status") == ["Actual"]


def test_the_cancel_carries_no_detail_of_the_child(cast: Cast) -> None:
    alert = _lifecycle(cast)
    cancel = alert.messages.get(msg_type="Cancel")
    assert "Lena" not in cancel.xml
    document = etree.fromstring(cancel.xml.encode())
    assert _text(document, "cap:info/cap:headline") == ["Alert ended"]
    assert not document.findall("cap:info/cap:resource", NS)


def test_the_demo_network_publishes_exercises(cast: Cast, settings: object) -> None:
    settings.DEMO = True  # type: ignore[attr-defined]
    alert = make_alert(cast)
    document = _valid_everywhere(alert.messages.get().xml)
    assert _text(document, "cap:status") == ["Exercise"]


def test_a_message_the_schema_refuses_is_never_stored(cast: Cast, settings: object) -> None:
    settings.CAP_SENDER = "alerts with spaces"  # type: ignore[attr-defined]
    with pytest.raises(schema.InvalidCap):
        make_alert(cast)
    assert not Alert.objects.exists() and not CapMessage.objects.exists()
    assert not list(Path(str(django_settings.PUBLIC_MEDIA_ROOT)).rglob("*.jpg"))  # photo gone


@pytest.mark.skipif(not EXAMPLES.exists(), reason="the reference messages are not here")
def test_the_schemas_accept_the_reference_messages() -> None:
    for example in EXAMPLES.glob("*.xml"):
        schema.validate(example.read_bytes())
