"""The report as SDMX-CSV 2.0 (the CSV format of SDMX 3.0), one observation per cell, against the
data structure documented in docs/statistics.md ("Exports"):

    dataflow  HOMEWARD:DF_MISSING_CHILDREN(1.0), structured by HOMEWARD:DSD_MISSING_CHILDREN(1.0)
    dimensions  COUNTRY (ISO 3166-1 alpha-2; _T the network), TIME_PERIOD (the year),
                INDICATOR (a catalogue code), BREAKDOWN (the cell's codes joined by "-"; _T a
                total, _Z an indicator without dimensions)
    measure     OBS_VALUE (NaN, SDMX's intentionally missing number, where the cell is not shown)
    attributes  UNIT_MEASURE (COUNT, YEARS, DAYS, HOURS), OBS_STATUS (SDMX CL_OBS_STATUS: A
                normal, Q missing value; suppressed, O missing value), CONF_STATUS (SDMX
                CL_CONF_STATUS: F free, C confidential)

BREAKDOWN joins codes with "-", not the "." Homeward uses elsewhere: "." separates the
dimensions of a key in SDMX (and its REST queries) and is not allowed in an SDMX code."""

from __future__ import annotations

import csv
import io

from homeward.statistics import catalogue
from homeward.statistics.disclosure import Published, PublishedCell
from homeward.statistics.exports import labels
from homeward.statistics.figures import Breakdown

AGENCY = "HOMEWARD"
DATAFLOW = "DF_MISSING_CHILDREN"
DATA_STRUCTURE = "DSD_MISSING_CHILDREN"
VERSION = "1.0"
STRUCTURE_ID = f"{AGENCY}:{DATAFLOW}({VERSION})"

DIMENSIONS = ("COUNTRY", "TIME_PERIOD", "INDICATOR", "BREAKDOWN")
MEASURE = "OBS_VALUE"
ATTRIBUTES = ("UNIT_MEASURE", "OBS_STATUS", "CONF_STATUS")
COLUMNS = ("STRUCTURE", "STRUCTURE_ID", "ACTION", *DIMENSIONS, MEASURE, *ATTRIBUTES)

BREAKDOWN_SEPARATOR = "-"
NOT_APPLICABLE = "_Z"
"""SDMX's code for "not applicable": the BREAKDOWN of an indicator without dimensions."""

MISSING = "NaN"
"""An intentionally missing value (SDMX-CSV 2.0): a hidden cell, or a network median."""

OBS_STATUS_NORMAL = "A"
OBS_STATUS_SUPPRESSED = "Q"
OBS_STATUS_MISSING = "O"
CONF_STATUS_FREE = "F"
CONF_STATUS_CONFIDENTIAL = "C"

UNITS = {
    catalogue.Unit.COUNT: "COUNT",
    catalogue.Unit.YEARS: "YEARS",
    catalogue.Unit.DAYS: "DAYS",
    catalogue.Unit.HOURS: "HOURS",
}


def sdmx_breakdown(breakdown: Breakdown) -> str:
    return BREAKDOWN_SEPARATOR.join(breakdown) if breakdown else NOT_APPLICABLE


def write(published: Published) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for cell in published:
        indicator = catalogue.indicator(cell.indicator)
        obs_status, conf_status = _statuses(cell)
        writer.writerow(
            (
                "dataflow",
                STRUCTURE_ID,
                "I",  # information: a complete statement of the year, not an update
                cell.country,
                str(published.year),
                cell.indicator,
                sdmx_breakdown(cell.breakdown),
                MISSING if cell.value is None else labels.plain(cell.value),
                UNITS[indicator.unit],
                obs_status,
                conf_status,
            )
        )
    return buffer.getvalue().encode("utf-8")


def _statuses(cell: PublishedCell) -> tuple[str, str]:
    if cell.suppressed:
        return OBS_STATUS_SUPPRESSED, CONF_STATUS_CONFIDENTIAL
    if cell.value is None:
        return OBS_STATUS_MISSING, CONF_STATUS_FREE
    return OBS_STATUS_NORMAL, CONF_STATUS_FREE
