"""Every export of a published report, read back: the numbers and the hidden cells come out as
the report has them, with nothing but published cells in them."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
import sdmx
from openpyxl import load_workbook  # type: ignore[import-untyped]
from sdmx.model import common, v30

from homeward.statistics import catalogue
from homeward.statistics.disclosure import NETWORK, Published, protect
from homeward.statistics.exports import FORMATS, export, filename
from homeward.statistics.figures import breakdown_key
from homeward.statistics.tests.disclosure_tables import figures, with_margins

T = "_T"


@pytest.fixture
def published() -> Published:
    belgium = figures(
        CONTACTS_CHANNEL=with_margins({("phone_116000",): 120, ("sms",): 3, ("chat",): 40}),
        CHILDREN_SEX=with_margins(
            {
                ("runaway", "female"): 40,
                ("runaway", "male"): 30,
                ("parental_abduction", "female"): 2,
                ("parental_abduction", "male"): 12,
                ("migrant", "female"): 10,
                ("migrant", "male"): 25,
            }
        ),
        CHILDREN_AGE=with_margins({("runaway", "13_15"): 50, ("runaway", "16_17"): 20}),
        CHILDREN_AGE_MEDIAN={("runaway",): 15, (T,): 15},
        CASES_COUNTRIES={("DE",): 7, ("NL",): 2, (T,): 9},
        REQUESTS_RECEIVED=with_margins({("in_time",): 30, ("late",): 6}),
        REQUESTS_ACK_MEDIAN={(): Decimal("6.5")},
    )
    france = figures(
        CONTACTS_CHANNEL=with_margins({("phone_116000",): 300, ("sms",): 25, ("chat",): 60}),
        CHILDREN_SEX=with_margins({("runaway", "female"): 90, ("runaway", "male"): 70}),
        CHILDREN_AGE=with_margins({("runaway", "13_15"): 100, ("runaway", "16_17"): 60}),
        CHILDREN_AGE_MEDIAN={("runaway",): 14, (T,): 14},
        CASES_COUNTRIES={("ES",): 11, (T,): 11},
        REQUESTS_RECEIVED=with_margins({("in_time",): 12, ("late",): 1}),
        REQUESTS_ACK_MEDIAN={(): Decimal("9")},
    )
    return protect({"BE": belgium, "FR": france}, threshold=5, year=2025)


def shown(published: Published) -> dict[tuple[str, str, str], str]:
    """(indicator, country, breakdown key) -> value as text, "" where there is none."""
    return {
        (c.indicator, c.country, breakdown_key(c.breakdown)): (
            "" if c.value is None else format(c.value.normalize(), "f")
        )
        for c in published
    }


def test_the_example_report_hides_what_it_must(published: Published) -> None:
    # the tables below depend on this: a country's small counts and their covers are hidden
    sms = published.cell("CONTACTS_CHANNEL", "BE", ("sms",))
    median = published.cell("REQUESTS_ACK_MEDIAN", NETWORK, ())
    assert sms is not None and sms.suppressed
    assert median is not None and median.value is None and not median.suppressed
    assert published.value("CONTACTS_CHANNEL", NETWORK, (T,)) == 548


def test_csv_has_a_row_per_cell_with_its_value_or_its_status(published: Published) -> None:
    content = export(published, "csv")

    assert content.startswith(b"\xef\xbb\xbf")  # byte-order mark, for spreadsheet programs
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert len(rows) == len(published.cells)
    assert {(r["indicator"], r["country"], r["breakdown"]): r["value"] for r in rows} == shown(
        published
    )
    sms = next(r for r in rows if r["country"] == "BE" and r["breakdown"] == "sms")
    assert sms == {
        "year": "2025",
        "country": "BE",
        "country_name": "Belgium",
        "indicator": "CONTACTS_CHANNEL",
        "indicator_title": "Contacts by channel",
        "breakdown": "sms",
        "breakdown_label": "SMS",
        "unit": "count",
        "value": "",
        "status": "suppressed",
    }
    girls = next(r for r in rows if r["country"] == NETWORK and r["breakdown"] == "runaway.female")
    assert (girls["country_name"], girls["breakdown_label"], girls["value"]) == (
        "Network",
        "Runaway · Female",
        "130",
    )
    network_median = next(
        r for r in rows if r["indicator"] == "REQUESTS_ACK_MEDIAN" and r["country"] == NETWORK
    )
    assert (network_median["value"], network_median["status"]) == ("", "not_available")


def test_json_lists_every_indicator_with_its_metadata_and_a_flag_per_cell(
    published: Published,
) -> None:
    document = json.loads(export(published, "json"))

    assert document["year"] == 2025
    assert document["disclosure_threshold"] == 5
    assert [c["code"] for c in document["countries"]] == ["BE", "FR"]
    indicators = {i["code"]: i for i in document["indicators"]}
    assert list(indicators) == [i.code for i in published.indicators]
    sex = indicators["CHILDREN_SEX"]
    assert sex["title"] == "Children by sex"
    assert sex["unit"] == "count"
    assert sex["definition"] == str(catalogue.indicator("CHILDREN_SEX").definition)
    assert [d["code"] for d in sex["dimensions"]] == ["category", "sex"]
    assert {"code": "female", "label": "Female"} in sex["dimensions"][1]["values"]
    cells = {(c["country"], c["key"]): c for c in sex["cells"]}
    assert cells[("BE", "parental_abduction.female")] == {
        "country": "BE",
        "breakdown": {"category": "parental_abduction", "sex": "female"},
        "key": "parental_abduction.female",
        "value": None,
        "suppressed": True,
        "available": True,
    }
    assert cells[(NETWORK, "runaway.female")]["value"] == 130
    assert indicators["REQUESTS_ACK_MEDIAN"]["cells"][0] == {
        "country": "BE",
        "breakdown": {},
        "key": "",
        "value": 6.5,
        "suppressed": False,
        "available": True,
    }
    every = {
        (i["code"], c["country"], c["key"]): (c["value"], c["suppressed"])
        for i in document["indicators"]
        for c in i["cells"]
    }
    assert every == {
        (c.indicator, c.country, breakdown_key(c.breakdown)): (
            None if c.value is None else float(c.value),
            c.suppressed,
        )
        for c in published
    }


def test_xlsx_has_a_sheet_per_indicator_with_symbols_for_hidden_figures(
    published: Published,
) -> None:
    book = load_workbook(io.BytesIO(export(published, "xlsx")))

    assert book.sheetnames == ["About", *(i.code for i in published.indicators)]
    about = [[c.value for c in row] for row in book["About"].iter_rows()]
    assert [
        "[c]",
        "hidden by disclosure control (a small count, or a cell that would give one away)",
    ] in [row[:2] for row in about]
    assert ["[x]", "not available (the network has no median)"] in [row[:2] for row in about]

    sheet = book["CHILDREN_SEX"]
    assert sheet["A1"].value == "Children by sex"
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    header = rows[0]
    assert header[:3] == ["Country", "Category", "Female"]
    assert header[-1] == "Total"
    by_row = {(r[0], r[1]): dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert by_row[("Belgium", "Parental abduction")]["Female"] == "[c]"
    assert by_row[("Belgium", "Parental abduction")]["Total"] == 14
    assert by_row[("Network", "Runaway")]["Female"] == 130
    assert by_row[("Network", "Total")]["Total"] == published.value("CHILDREN_SEX", NETWORK, (T, T))

    median = [[c.value for c in row] for row in book["REQUESTS_ACK_MEDIAN"].iter_rows(min_row=5)]
    assert median == [["Country", "Hours"], ["Belgium", 6.5], ["France", 9], ["Network", "[x]"]]
    # an open dimension (the other country involved) runs down the rows, not across
    involved = [[c.value for c in row] for row in book["CASES_COUNTRIES"].iter_rows(min_row=5)]
    assert involved[0] == ["Country", "Other country involved", "Number"]
    assert ["Belgium", "Germany", 7] in involved


DOCUMENTED_DIMENSIONS = ["COUNTRY", "TIME_PERIOD", "INDICATOR", "BREAKDOWN"]
DOCUMENTED_ATTRIBUTES = ["UNIT_MEASURE", "OBS_STATUS", "CONF_STATUS"]


def documented_dataflow() -> v30.Dataflow:
    """The data structure as docs/statistics.md ("Exports") describes it, built in sdmx1."""
    homeward = common.Agency(id="HOMEWARD")
    structure = v30.DataStructureDefinition(
        id="DSD_MISSING_CHILDREN", maintainer=homeward, version="1.0"
    )
    for dimension in DOCUMENTED_DIMENSIONS:
        structure.dimensions.getdefault(dimension)
    structure.measures.getdefault("OBS_VALUE")
    for attribute in DOCUMENTED_ATTRIBUTES:
        structure.attributes.getdefault(attribute)
    return v30.Dataflow(
        id="DF_MISSING_CHILDREN", maintainer=homeward, version="1.0", structure=structure
    )


def test_sdmx_csv_is_read_back_by_an_sdmx_library_with_the_documented_structure(
    published: Published,
) -> None:
    content = export(published, "sdmx-csv")
    header = content.decode().splitlines()[0].split(",")
    assert header[:3] == ["STRUCTURE", "STRUCTURE_ID", "ACTION"]
    assert sorted(header[3:]) == sorted(
        [*DOCUMENTED_DIMENSIONS, "OBS_VALUE", *DOCUMENTED_ATTRIBUTES]
    )

    message = sdmx.read_sdmx(io.BytesIO(content), format="csv", structure=documented_dataflow())
    assert isinstance(message, sdmx.message.DataMessage)

    (dataset,) = message.data
    structures = {tuple(line.split(",")[:3]) for line in content.decode().splitlines()[1:]}
    assert structures == {("dataflow", "HOMEWARD:DF_MISSING_CHILDREN(1.0)", "I")}
    observations = {}
    for observation in dataset.obs:
        key = {k: v.value for k, v in observation.key.values.items()}
        assert list(key) == DOCUMENTED_DIMENSIONS
        attributes = {k: v.value for k, v in observation.attached_attribute.items()}
        observations[(key["INDICATOR"], key["COUNTRY"], key["BREAKDOWN"], key["TIME_PERIOD"])] = (
            observation.value,
            attributes,
        )
    assert len(observations) == len(published.cells)
    for cell in published:
        breakdown = "-".join(cell.breakdown) if cell.breakdown else "_Z"
        value, attributes = observations[(cell.indicator, cell.country, breakdown, "2025")]
        unit = catalogue.indicator(cell.indicator).unit.value.upper()
        if cell.suppressed:
            assert (value, attributes["OBS_STATUS"], attributes["CONF_STATUS"]) == ("NaN", "Q", "C")
        elif cell.value is None:
            assert (value, attributes["OBS_STATUS"], attributes["CONF_STATUS"]) == ("NaN", "O", "F")
        else:
            assert Decimal(value) == cell.value
            assert (attributes["OBS_STATUS"], attributes["CONF_STATUS"]) == ("A", "F")
        assert attributes["UNIT_MEASURE"] == unit

    frame = sdmx.to_pandas(dataset, attributes="o")
    assert list(frame.index.names) == DOCUMENTED_DIMENSIONS
    assert frame.loc[(NETWORK, "2025", "CHILDREN_SEX", "runaway-female"), "value"] == 130
    assert frame.loc[("BE", "2025", "CONTACTS_CHANNEL", "sms"), "CONF_STATUS"] == "C"


def test_only_published_cells_and_catalogue_codes_reach_an_sdmx_file(
    published: Published,
) -> None:
    codes = {c for i in catalogue.CATALOGUE for d in i.dimensions for c in d.codes} | {T}
    rows = list(csv.DictReader(io.StringIO(export(published, "sdmx-csv").decode())))
    for row in rows:
        assert row["INDICATOR"] in catalogue.BY_CODE
        assert row["COUNTRY"] in {*published.countries, NETWORK}
        parts = row["BREAKDOWN"].split("-")
        assert row["BREAKDOWN"] == "_Z" or all(part in codes or len(part) == 2 for part in parts)
    # no code of any dimension holds the separator, so BREAKDOWN splits back unambiguously
    assert not [c for c in codes if "-" in c]


def test_one_country_part_of_the_report_keeps_the_network_covers(published: Published) -> None:
    belgium = published.of_country("BE")

    assert belgium.countries == ("BE",)
    assert {c.country for c in belgium} == {"BE"}
    assert belgium.table("CHILDREN_SEX", "BE") == published.table("CHILDREN_SEX", "BE")
    rows = list(csv.DictReader(io.StringIO(export(belgium, "csv").decode("utf-8-sig"))))
    assert {r["country"] for r in rows} == {"BE"}
    with pytest.raises(ValueError, match="DE did not report for 2025"):
        published.of_country("DE")


def test_every_format_has_a_type_and_a_file_name(published: Published) -> None:
    assert set(FORMATS) == {"csv", "xlsx", "json", "sdmx-csv"}
    assert filename(published, "sdmx-csv") == "homeward-network-2025-sdmx.csv"
    assert filename(published, "xlsx", scope="BE") == "homeward-BE-2025.xlsx"
    with pytest.raises(ValueError, match="unknown export format 'pdf'"):
        export(published, "pdf")
