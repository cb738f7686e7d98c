"""The files a published report is exported to. Each takes a `disclosure.Published`, so nothing
but published cells (codes, numbers and the catalogue's words) can reach a file; none of them
reads the database.

CONTRACT (used by the report, the command line and the API):
    FORMATS: format code -> ExportFormat (media type, file extension, writer)
        "csv"       one row per cell (flat_csv.py)
        "xlsx"      a sheet per indicator, [c] for hidden, [x] for not available (workbook.py)
        "json"      every indicator by code with its metadata and cells (document.py)
        "sdmx-csv"  SDMX-CSV 2.0 against HOMEWARD:DF_MISSING_CHILDREN(1.0) (sdmx_csv.py)
    export(published, code) -> bytes
    filename(published, code, scope="network") -> "homeward-<scope>-<year>.<extension>"
The PDF (charts and tables) belongs to the report, which may add its own entry to FORMATS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from homeward.statistics.disclosure import Published
from homeward.statistics.exports import document, flat_csv, sdmx_csv, workbook


@dataclass(frozen=True)
class ExportFormat:
    code: str
    media_type: str
    extension: str
    write: Callable[[Published], bytes]


FORMATS: dict[str, ExportFormat] = {
    f.code: f
    for f in (
        ExportFormat("csv", "text/csv; charset=utf-8", "csv", flat_csv.write),
        ExportFormat(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
            workbook.write,
        ),
        ExportFormat("json", "application/json", "json", document.write),
        ExportFormat(
            "sdmx-csv",
            "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8",
            "csv",
            sdmx_csv.write,
        ),
    )
}


def export(published: Published, code: str) -> bytes:
    try:
        export_format = FORMATS[code]
    except KeyError:
        known = ", ".join(FORMATS)
        raise ValueError(f"unknown export format {code!r}: one of {known}") from None
    return export_format.write(published)


def filename(published: Published, code: str, scope: str = "network") -> str:
    suffix = "-sdmx" if code == "sdmx-csv" else ""
    return f"homeward-{scope}-{published.year}{suffix}.{FORMATS[code].extension}"
