"""The report as one JSON document: every indicator by code, with the catalogue's metadata (title,
definition, unit, dimensions and their codes) and its cells, each with its breakdown, its value
and a `suppressed` flag. The same document the API returns."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings

from homeward.statistics import catalogue
from homeward.statistics.disclosure import NETWORK, Published, PublishedCell
from homeward.statistics.exports import labels
from homeward.statistics.exports.sdmx_csv import STRUCTURE_ID
from homeward.statistics.figures import breakdown_key


def document(published: Published) -> dict[str, Any]:
    by_indicator: dict[str, list[PublishedCell]] = {}
    for cell in published:
        by_indicator.setdefault(cell.indicator, []).append(cell)
    return {
        "network": settings.HOMEWARD_NETWORK_NAME,
        "year": published.year,
        "dataflow": STRUCTURE_ID,
        "disclosure_threshold": published.threshold,
        "disclosure_note": labels.threshold_note(published.threshold),
        "countries": [
            {"code": code, "name": labels.country_name(code)} for code in published.countries
        ],
        "network_country_code": NETWORK,
        "indicators": [
            _indicator(indicator, by_indicator[indicator.code])
            for indicator in published.indicators
        ],
    }


def write(published: Published) -> bytes:
    return json.dumps(document(published), ensure_ascii=False, indent=1).encode()


def _indicator(indicator: catalogue.Indicator, cells: list[PublishedCell]) -> dict[str, Any]:
    return {
        "code": indicator.code,
        "title": str(indicator.title),
        "definition": str(indicator.definition),
        "unit": indicator.unit.value,
        "additive": indicator.additive,
        "minimum_set": indicator.minimum,
        "median_of": indicator.population or None,
        "dimensions": [
            {
                "code": dimension.code,
                "label": str(dimension.label),
                "open": dimension.open,
                "values": [{"code": code, "label": str(label)} for code, label in dimension.values],
            }
            for dimension in indicator.dimensions
        ],
        "cells": [
            {
                "country": cell.country,
                "breakdown": dict(
                    zip((d.code for d in indicator.dimensions), cell.breakdown, strict=True)
                ),
                "key": breakdown_key(cell.breakdown),
                "value": None if cell.value is None else labels.number(cell.value),
                "suppressed": cell.suppressed,
                "available": cell.available,
            }
            for cell in cells
        ],
    }
