"""Importing legacy cases and contacts: every error reported with its row and column before
anything is written; all rows or none; progress; scoping. Only synthetic data."""

from __future__ import annotations

import io
import logging
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]

from homeward.audit.models import AuditEvent
from homeward.cases import actions as case_actions
from homeward.cases.models import Case, Child, ChildName, Contact, ImportJob, NameKey
from homeward.cases.transfer import importing, processing, validation
from homeward.cases.transfer.columns import CASE_COLUMNS, CONTACT_COLUMNS, MAX_ROWS
from homeward.testing.cast import Cast

pytestmark = pytest.mark.django_db

FILES = Path(__file__).parent / "files"
IMPORT = "/cases/transfer/import/"


def _upload(
    client: Client, name: str, content: bytes, *, kind: str = "cases", dry_run: bool = False
):
    data: dict[str, object] = {"kind": kind, "file": SimpleUploadedFile(name, content)}
    if dry_run:
        data["dry_run"] = "on"
    return client.post(IMPORT, data)


def _import(
    cast: Cast,
    capture,
    name: str,
    content: bytes | None = None,
    *,
    kind: str = "cases",
    dry_run: bool = False,
    member: str = "be_operator",
) -> ImportJob:
    """Uploads through the page; the task runs when the upload commits."""
    content = (FILES / name).read_bytes() if content is None else content
    with capture(execute=True):
        response = _upload(cast.client(member), name, content, kind=kind, dry_run=dry_run)
    assert response.status_code == 302, response.content.decode()[:2000]
    job = ImportJob.objects.get()
    assert response["Location"] == f"{IMPORT}{job.pk}/"
    return job


def _counts() -> tuple[int, int, int, int, int]:
    return (
        Case.objects.count(),
        Child.objects.count(),
        Contact.objects.count(),
        NameKey.objects.count(),
        AuditEvent.objects.filter(action__startswith="cases.case.").count(),
    )


def _where(job: ImportJob) -> set[tuple[int, str]]:
    return {(e["row"], e["column"]) for e in job.errors}


# --- the template --------------------------------------------------------------------------


def test_the_templates_download_as_csv_and_xlsx_and_pass_their_own_check(cast: Cast) -> None:
    client = cast.client("be_operator")
    for kind, columns in (("cases", CASE_COLUMNS), ("contacts", CONTACT_COLUMNS)):
        csv_file = client.get(f"{IMPORT}template/{kind}.csv")
        assert csv_file.status_code == 200
        assert csv_file["Content-Disposition"].startswith("attachment")
        text = csv_file.content.decode("utf-8-sig").splitlines()
        assert text[0].split(",") == [c.name for c in columns] and len(text) == 2
        xlsx_file = client.get(f"{IMPORT}template/{kind}.xlsx")
        sheet = load_workbook(io.BytesIO(xlsx_file.content)).worksheets[0]
        assert [c.value for c in sheet[1]] == [c.name for c in columns]
        for name, content in (("t.csv", csv_file.content), ("t.xlsx", xlsx_file.content)):
            report, _columns = validation.check_file(kind, name, content, cast.be)
            assert report.is_valid and report.total_rows == 1, report.errors
    assert client.get(f"{IMPORT}template/cases.pdf").status_code == 404


def test_the_import_page_documents_every_column(cast: Cast) -> None:
    page = cast.client("be_operator").get(IMPORT).content.decode()
    for column in CASE_COLUMNS + CONTACT_COLUMNS:
        assert f"<code>{column.name}</code>" in page
    assert "parental_abduction" in page and "phone_116000" in page


# --- what is refused, with every error -----------------------------------------------------


def test_a_malformed_file_reports_every_error_and_writes_nothing(
    cast: Cast, django_capture_on_commit_callbacks
) -> None:
    before = _counts()
    job = _import(cast, django_capture_on_commit_callbacks, "cases_malformed.csv")
    assert job.state == ImportJob.State.INVALID
    assert _where(job) == {
        (1, "favourite_colour"),  # unknown column
        (2, "reported_at"),  # 2023-02-31 does not exist
        (2, "disappeared_on"),  # 2023-02-30 neither
        (3, "category"),  # unknown category
        (4, "category"),  # required, empty
        (4, "last_seen_country"),  # XX
        (4, "child_given_names"),  # no name at all
        (5, "subcategory"),  # not in the category
        (5, "disappeared_on"),  # 31/03/2023
        (6, "reported_at"),  # required, empty
        (6, "child_birth_date"),  # in the future
    }
    by_place = {(e["row"], e["column"]): e for e in job.errors}
    assert by_place[(2, "reported_at")]["value"] == "2023-02-31 10:00"
    assert "does not exist" in by_place[(2, "reported_at")]["message"]
    assert "YYYY-MM-DD" in by_place[(5, "disappeared_on")]["message"]
    assert "from_home" in by_place[(5, "subcategory")]["message"]
    assert by_place[(3, "category")]["value"] == "kidnapped"
    assert job.total_rows == job.processed_rows == 5 and job.imported == 0
    assert bytes(job.content) == b""  # the refused file is not kept
    assert _counts() == before
    assert not AuditEvent.objects.filter(action="cases.case.create").exists()
    assert AuditEvent.objects.filter(action="cases.import.check").count() == 1
    assert not AuditEvent.objects.filter(action="cases.import").exists()

    page = cast.client("be_operator").get(f"{IMPORT}{job.pk}/").content.decode()
    assert "favourite_colour" in page and "kidnapped" in page and "hx-trigger" not in page
    report = cast.client("be_operator").get(f"{IMPORT}{job.pk}/errors.csv")
    lines = report.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "row,column,value,message" and len(lines) == 12


def test_a_missing_required_column_is_reported_once_on_row_1(cast: Cast) -> None:
    content = b"category,child_given_names\nrunaway,Ana\nlost_injured,Bo\n"
    report, _columns = validation.check_file("cases", "f.csv", content, cast.be)
    assert [(e["row"], e["column"]) for e in report.errors] == [(1, "reported_at")]
    assert report.errors[0]["message"] == "This required column is missing."


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("cases_latin1.csv", "cases", "The file is not UTF-8 (byte 0xe9 at row 3)"),
        ("contacts_utf16.csv", "contacts", "The file is UTF-16, not UTF-8"),
    ],
)
def test_a_file_that_is_not_utf8_is_refused_with_a_clear_error(
    cast: Cast, django_capture_on_commit_callbacks, name: str, kind: str, expected: str
) -> None:
    before = _counts()
    job = _import(cast, django_capture_on_commit_callbacks, name, kind=kind)
    assert job.state == ImportJob.State.INVALID
    assert len(job.errors) == 1 and job.errors[0]["message"].startswith(expected)
    assert "CSV UTF-8" in job.errors[0]["message"]
    assert _counts() == before


def test_utf16_without_a_byte_order_mark_is_refused_too(cast: Cast) -> None:
    content = (FILES / "contacts_valid.csv").read_text().encode("utf-16-le")
    report, _columns = validation.check_file("contacts", "c.csv", content, cast.be)
    assert "UTF-16" in report.errors[0]["message"]


def test_a_broken_csv_names_the_row(cast: Cast) -> None:
    content = (FILES / "contacts_broken.csv").read_bytes()
    report, _columns = validation.check_file("contacts", "c.csv", content, cast.be)
    assert [(e["row"], e["column"]) for e in report.errors] == [(3, ""), (4, "")]
    assert "beyond the last column" in report.errors[0]["message"]
    assert "quotes" in report.errors[1]["message"]


def test_other_files_are_refused(cast: Cast) -> None:
    for name, content, words in (
        ("old.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 64, "old Excel"),
        ("fake.xlsx", b"reported_at\n", "not an Excel workbook"),
        ("damaged.xlsx", b"PK\x03\x04broken", "cannot be read"),
        ("notes.pdf", b"%PDF-1.4", ".csv or .xlsx"),
        ("empty.csv", b"   ", "empty"),
        ("header-only.csv", b"started_at,channel,caller,contact_type\n", "no rows"),
    ):
        report, _columns = validation.check_file("contacts", name, content, cast.be)
        assert not report.is_valid and words in report.errors[0]["message"], (name, report.errors)


def test_the_upload_form_refuses_other_extensions_and_large_files(cast: Cast, settings) -> None:
    client = cast.client("be_operator")
    response = _upload(client, "cases.pdf", b"%PDF")
    assert (
        response.status_code == 200 and "Upload a .csv or .xlsx file." in response.content.decode()
    )
    assert not ImportJob.objects.exists()
    member = cast.member("be_operator")
    with pytest.raises(ValidationError, match="larger than 20 MB"):
        importing.upload_import(
            membership=member, kind="cases", file_name="big.csv",
            content=b"x" * (20 * 2**20 + 1), dry_run=True,
        )  # fmt: skip


def test_rows_beyond_the_limit_are_refused(cast: Cast, monkeypatch) -> None:
    monkeypatch.setattr(validation, "MAX_ROWS", 3)
    content = b"started_at,channel,caller,contact_type\n" + b"2024-01-01,sms,child,other\n" * 5
    report, _columns = validation.check_file("contacts", "c.csv", content, cast.be)
    assert report.total_rows == 3
    assert [(e["row"], e["column"]) for e in report.errors] == [(5, "")]
    assert "more than 3 rows" in report.errors[0]["message"]
    assert MAX_ROWS == 50_000


def test_an_action_that_refuses_a_row_rolls_back_every_row(
    cast: Cast, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    """The checks passed, then the third write fails: the first two are rolled back."""
    real = case_actions.log_contact
    calls = []

    def flaky(**kwargs):
        calls.append(kwargs)
        if len(calls) == 3:
            raise ValidationError({"notes": "Refused by the action."})
        return real(**kwargs)

    monkeypatch.setattr(case_actions, "log_contact", flaky)
    content = b"started_at,channel,caller,contact_type,notes\n" + b"".join(
        f"2024-01-0{i} 10:00,sms,child,other,Note {i}\n".encode() for i in range(1, 5)
    )
    before = _counts()
    job = _import(cast, django_capture_on_commit_callbacks, "c.csv", content, kind="contacts")
    assert job.state == ImportJob.State.FAILED
    assert job.errors == [
        {"row": 4, "column": "notes", "value": "Note 3", "message": "Refused by the action."}
    ]
    assert _counts() == before
    assert not AuditEvent.objects.filter(action__in=["cases.contact.create", "cases.import"])
    assert AuditEvent.objects.filter(action="cases.import.fail").count() == 1


def test_name_values_never_reach_the_logs(
    cast: Cast, django_capture_on_commit_callbacks, caplog
) -> None:
    content = (
        b"reference,category,reported_at,child_given_names,child_family_name\n"
        b"SYN-9,no_such_category,2023-01-01,Synthetica,Nomdefamille\n"
    )
    with caplog.at_level(logging.DEBUG):
        job = _import(cast, django_capture_on_commit_callbacks, "n.csv", content)
    assert job.state == ImportJob.State.INVALID
    assert "Synthetica" not in caplog.text and "Nomdefamille" not in caplog.text
    assert "checked" in caplog.text


# --- what is imported ---------------------------------------------------------------------


def test_a_valid_csv_imports_every_case_with_its_child_and_name_keys(
    cast: Cast, django_capture_on_commit_callbacks
) -> None:
    job = _import(cast, django_capture_on_commit_callbacks, "cases_valid.csv")
    assert job.state == ImportJob.State.DONE, job.errors
    assert job.imported == job.total_rows == job.processed_rows == 3
    assert bytes(job.content) == b""
    cases = list(Case.objects.filter(organisation=cast.be).order_by("reported_at"))
    assert len(cases) == 3
    first, second, third = cases
    assert first.category == "runaway" and first.subcategory == "from_care"
    assert first.summary.startswith("Legacy reference: SYN-001\n\n")
    assert first.reported_at == datetime(2023, 5, 14, 18, 30, tzinfo=ZoneInfo("Europe/Brussels"))
    assert first.reference.startswith("BE-2023-")
    assert first.status == "open" and first.assigned_to == cast.user("be_operator")
    assert second.category == "parental_abduction" and second.last_seen_country == "BE"
    assert second.summary.endswith("Synthetic; taken abroad by a parent")
    mila = first.case_children.get().child
    assert (mila.given_names, mila.family_name, mila.birth_date) == (
        "Mila",
        "Exemple",
        date(2009, 2, 27),
    )
    assert sorted(ChildName.objects.filter(child=mila).values_list("value", flat=True)) == [
        "Mila E.",
        "Milla",
    ]
    tomas = second.case_children.get().child
    assert tomas.birth_precision == "year" and tomas.birth_year == 2016
    oleksandr = third.case_children.get().child
    assert oleksandr.original_script_name == "Олександр Приклад"
    for child in (mila, tomas, oleksandr):
        assert NameKey.objects.filter(child=child).exists()
    assert NameKey.objects.filter(child=oleksandr, key="oleksandr").exists()

    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions.count("cases.case.create") == 3 and actions.count("cases.child.create") == 3
    assert actions.count("cases.import") == 1 and actions.count("cases.import.upload") == 1
    event = AuditEvent.objects.get(action="cases.import")
    assert event.object_id == str(job.pk) and "child_given_names" in event.fields
    assert event.actor_id == cast.user("be_operator").pk

    page = cast.client("be_operator").get(f"{IMPORT}{job.pk}/").content.decode()
    assert "3 records imported." in page and 'href="/cases/"' in page


def test_a_valid_xlsx_imports_too(cast: Cast, django_capture_on_commit_callbacks) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "category",
            "reported_at",
            "disappeared_on",
            "child_given_names",
            "child_family_name",
            "child_birth_year",
            "child_sex",
            "last_seen_country",
        ]
    )
    noor_row = ["lost_injured", datetime(2024, 3, 2, 14, 5), datetime(2024, 3, 2), "Noor"]
    sheet.append([*noor_row, "Voorbeeld", 2015, "Female", "NL"])
    sheet.append(["Runaway", "2024-03-04", date(2024, 3, 3), "Sami", None, None, None, None])
    sheet.append([None] * 8)  # an empty row is skipped
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = _import(cast, django_capture_on_commit_callbacks, "legacy.xlsx", buffer.getvalue())
    assert job.state == ImportJob.State.DONE, job.errors
    assert job.imported == 2
    noor = Child.objects.get(given_names="Noor")
    assert noor.birth_year == 2015 and noor.sex == "female"
    case = noor.episodes.get().case
    assert case.disappeared_on == date(2024, 3, 2) and case.last_seen_country == "NL"
    assert case.reported_at == datetime(2024, 3, 2, 14, 5, tzinfo=ZoneInfo("Europe/Brussels"))
    assert NameKey.objects.filter(child=noor).exists()
    assert Child.objects.get(given_names="Sami").sex == "unknown"


def test_contacts_are_imported_through_log_contact(
    cast: Cast, django_capture_on_commit_callbacks
) -> None:
    job = _import(cast, django_capture_on_commit_callbacks, "contacts_valid.csv", kind="contacts")
    assert job.state == ImportJob.State.DONE, job.errors
    contacts = list(Contact.objects.order_by("started_at"))
    assert [(c.channel, c.caller, c.contact_type) for c in contacts] == [
        ("phone_116000", "parent", "information"),
        ("sms", "public", "support"),
    ]
    assert contacts[0].duration_seconds == 420 and contacts[1].language == "nl-BE"
    assert contacts[0].logged_by == cast.user("be_operator")
    assert AuditEvent.objects.filter(action="cases.contact.create").count() == 2


def test_a_dry_run_checks_writes_nothing_and_can_then_be_imported(
    cast: Cast, django_capture_on_commit_callbacks
) -> None:
    before = _counts()
    job = _import(cast, django_capture_on_commit_callbacks, "cases_valid.csv", dry_run=True)
    assert job.state == ImportJob.State.VALID and job.errors == []
    assert job.total_rows == job.processed_rows == 3 and job.imported == 0
    assert _counts() == before
    page = cast.client("be_operator").get(f"{IMPORT}{job.pk}/").content.decode()
    assert "All 3 rows passed every check. Nothing was written." in page
    assert f'action="{IMPORT}{job.pk}/start/"' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client("be_supervisor").post(f"{IMPORT}{job.pk}/start/")
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE and job.imported == 3 and not job.dry_run
    assert Case.objects.count() == before[0] + 3
    assert AuditEvent.objects.filter(action="cases.import.start").count() == 1
    # a finished job cannot be imported twice
    again = cast.client("be_operator").post(f"{IMPORT}{job.pk}/start/", follow=True)
    assert "Only a checked file can be imported." in again.content.decode()
    assert Case.objects.count() == before[0] + 3


def test_progress_is_updated_while_checking_and_ends_at_the_total(
    cast: Cast, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    seen: list[tuple[int, int]] = []
    real = processing.set_progress

    def spy(job, *, processed, total=None):
        real(job, processed=processed, total=total)
        job.refresh_from_db()
        seen.append((job.processed_rows, job.total_rows))

    monkeypatch.setattr(processing, "set_progress", spy)
    content = b"started_at,channel,caller,contact_type\n" + b"".join(
        f"2024-01-01 10:{i % 60:02d},sms,child,other\n".encode() for i in range(250)
    )
    job = _import(cast, django_capture_on_commit_callbacks, "c.csv", content, kind="contacts")
    assert job.state == ImportJob.State.DONE
    assert (0, 250) in seen and (100, 250) in seen and (200, 250) in seen
    assert job.processed_rows == job.total_rows == job.imported == 250


def test_the_progress_fragment_polls_only_while_the_job_runs(cast: Cast) -> None:
    member = cast.member("be_operator")
    job = importing.upload_import(
        membership=member, kind="contacts", file_name="c.csv",
        content=(FILES / "contacts_valid.csv").read_bytes(), dry_run=True,
    )  # fmt: skip
    client = cast.client("be_operator")
    fragment = client.get(f"{IMPORT}{job.pk}/progress/", HTTP_HX_REQUEST="true")
    html = fragment.content.decode()
    assert 'hx-trigger="every 1s"' in html and f'hx-get="{IMPORT}{job.pk}/progress/"' in html
    assert "<progress" in html and "<html" not in html
    from homeward.cases.transfer.tasks import process_import

    process_import.call(job.pk)
    html = client.get(f"{IMPORT}{job.pk}/progress/").content.decode()
    assert "hx-trigger" not in html and "passed every check" in html


# --- who may -----------------------------------------------------------------------------------


def test_another_organisation_s_job_is_404(cast: Cast) -> None:
    member = cast.member("be_operator")
    job = importing.upload_import(
        membership=member, kind="contacts", file_name="be-only.csv",
        content=(FILES / "contacts_valid.csv").read_bytes(), dry_run=True,
    )  # fmt: skip
    fr = cast.client("fr_operator")
    for suffix in ("", "progress/", "errors.csv"):
        assert fr.get(f"{IMPORT}{job.pk}/{suffix}").status_code == 404
    assert fr.post(f"{IMPORT}{job.pk}/start/").status_code == 404
    assert job.pk not in [j.pk for j in ImportJob.objects.filter(organisation=cast.fr)]
    page = fr.get(IMPORT).content.decode()
    assert "be-only.csv" not in page
    assert "be-only.csv" in cast.client("be_supervisor").get(IMPORT).content.decode()


def test_roles_without_edit_cases_cannot_import(cast: Cast) -> None:
    for name in ("be_admin", "be_dpo"):
        client = cast.client(name)
        assert client.get(IMPORT).status_code == 403
        assert _upload(client, "c.csv", b"x").status_code == 403
    assert not ImportJob.objects.exists()
