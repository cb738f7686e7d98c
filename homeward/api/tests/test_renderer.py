"""The API's JSON keeps Django's forms for what orjson would write differently."""

import json
import uuid
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from zoneinfo import ZoneInfo

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy, override
from ninja.responses import NinjaJSONEncoder

from homeward.api.renderers import dumps


class Colour(Enum):
    RED = "red"


class Grade(TextChoices):
    HIGH = "high", "High"


PAYLOAD = {
    "utc": datetime(2026, 11, 30, 6, 17, 10, 123456, tzinfo=UTC),
    "whole_second": datetime(2026, 11, 30, 6, 17, 10, tzinfo=UTC),
    "brussels": datetime(2026, 11, 30, 7, 17, 10, 5000, tzinfo=ZoneInfo("Europe/Brussels")),
    "day": date(2026, 11, 30),
    "clock": time(3, 0, 0, 250000),
    "duration": timedelta(hours=72),
    "amount": Decimal("12.50"),
    "id": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "label": gettext_lazy("Open"),
    "grade": Grade.HIGH,
    7: ["Олександр", "Müller", None, True, 1.5],
}


def test_the_json_is_the_same_as_ninjas_own_renderer_gives() -> None:
    with override("en"):
        ours = json.loads(dumps(PAYLOAD))
        theirs = json.loads(json.dumps(PAYLOAD, cls=NinjaJSONEncoder))
    assert ours == theirs


def test_timestamps_keep_milliseconds_and_z() -> None:
    rendered = json.loads(dumps(PAYLOAD))
    assert rendered["utc"] == "2026-11-30T06:17:10.123Z"
    assert rendered["whole_second"] == "2026-11-30T06:17:10Z"
    assert rendered["brussels"] == "2026-11-30T07:17:10.005+01:00"
    assert rendered["day"] == "2026-11-30"
    assert rendered["duration"] == "P3DT00H00M00S"
    assert rendered["7"][0] == "Олександр"  # not escaped


def test_a_plain_enum_gives_its_value_not_its_python_name() -> None:
    # ninja's encoder gave str(member), "Colour.RED"; choices (str enums) were never affected
    assert json.loads(dumps({"colour": Colour.RED})) == {"colour": "red"}
