"""House rules that keep personal data behind the access layer and writes behind actions."""

from __future__ import annotations

import re
from pathlib import Path

APPS = Path(__file__).resolve().parents[2]
HANDLER_MODULES = sorted(
    {
        *APPS.glob("*/views.py"),
        *APPS.glob("*/views/*.py"),
        *APPS.glob("*/api.py"),
        *APPS.glob("*/api/*.py"),
        *APPS.glob("*/*/views.py"),
    }
)


def test_there_are_handlers_to_check() -> None:
    assert len(HANDLER_MODULES) >= 4


def test_views_and_api_handlers_never_query_models_directly() -> None:
    offenders = [
        f"{path.relative_to(APPS)}:{number}"
        for path in HANDLER_MODULES
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if re.search(r"\.objects\b|\.save\(|\.delete\(", line)
        and not line.startswith(("from ", "import "))
    ]
    assert not offenders, f"use the app's access functions and actions: {offenders}"


def test_every_write_in_actions_records_an_audit_event() -> None:
    # the audit app's own actions are the trail itself
    modules = [*APPS.glob("*/actions.py"), *APPS.glob("*/actions/*.py")]
    skip = {"__init__", "common"}
    for actions in sorted(p for p in modules if p.parent.name != "audit" and p.stem not in skip):
        source = actions.read_text()
        # what the package's other modules record counts (crossborder's `audit`, an action
        # that withdraws through another's)
        siblings = (
            [q for q in actions.parent.glob("*.py") if q != actions]
            if actions.parent.name == "actions"
            else []
        )
        helpers = set().union(*(_recording_functions(q.read_text(), set()) for q in siblings))
        helpers |= set().union(*(_recording_functions(q.read_text(), helpers) for q in siblings))
        bodies = _functions(source)
        recording = _recording_functions(source, helpers)
        silent = [n for n in bodies if not n.startswith("_") and n not in recording]
        assert not silent, f"{actions.parent.name}.{actions.stem}: {silent} write no audit event"


def _functions(source: str) -> dict[str, str]:
    names = re.findall(r"^def (\w+)\(", source, re.M)
    return dict(zip(names, re.split(r"^def \w+\(", source, flags=re.M)[1:], strict=True))


def _recording_functions(source: str, helpers: set[str]) -> set[str]:
    """The module's functions that record an event themselves (or through `helpers`), or call
    one of the module's that does, transitively."""
    bodies = _functions(source)
    recording = {
        n
        for n, b in bodies.items()
        if re.search(r"\b(record_event|record_read)\(", b)
        or any(re.search(rf"\b{h}\(", b) for h in helpers)
    }
    while True:
        more = {n for n, b in bodies.items() if any(f"{r}(" in b for r in recording)}
        if more <= recording:
            return recording
        recording |= more


def test_templates_never_test_membership_in_a_string_literal() -> None:
    """`{% if name in "a b c" %}` is a substring test: "caller" is in "caller_name", and a
    field rendered twice saved its hidden default. Give the form a list of its fields instead."""
    offenders = [
        f"{path.relative_to(APPS)}:{number}"
        for path in sorted(APPS.glob("**/templates/**/*.html"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if re.search(r"\{%\s*(el)?if\s[^%]*\bin\s+[\"'][^\"']*[\"']", line)
    ]
    assert not offenders, offenders


def test_every_form_that_posts_carries_a_one_time_token() -> None:
    """A double click or a retry must not log a call twice (core/idempotency.py). Only the
    project's own sign-in, language and sign-out forms, which act on the browser, go without;
    the page that sends a form again after an organisation switch carries that form's token."""
    sends_again = {"organisations/templates/organisations/organisation_changed.html"}
    without = [
        str(path.relative_to(APPS))
        for path in sorted(APPS.glob("*/templates/**/*.html"))
        if str(path.relative_to(APPS)) not in sends_again
        and 'method="post"' in (text := path.read_text()).lower()
        and text.lower().count('method="post"') > text.count("{% form_token %}")
    ]
    assert not without, without


ACCESS_MODULES = sorted(APPS.glob("*/access.py"))
RECORDS_A_READ = re.compile(r"\brecord_read\(|\brows_with_event\(|\brecord_read_by\(")


def test_read_functions_record_the_read_and_locate_functions_do_not() -> None:
    """`read_*` in an access module is the audited read of a record; `locate_*` finds an
    object to act on and records nothing, so its name must not promise a read."""
    unaudited_reads, audited_locates = [], []
    for path in ACCESS_MODULES:
        for name, body in _functions(path.read_text()).items():
            if name.startswith("read_") and not RECORDS_A_READ.search(body):
                unaudited_reads.append(f"{path.parent.name}.{name}")
            if name.startswith("locate_") and RECORDS_A_READ.search(body):
                audited_locates.append(f"{path.parent.name}.{name}")
    assert not unaudited_reads, f"a read_* function must record the read: {unaudited_reads}"
    assert not audited_locates, f"an audited read is named read_*: {audited_locates}"


CASE_RECORD_OUTPUTS = re.compile(r"\bcase_detail_out\(|[\"']cases/case_detail\.html[\"']")


def test_handlers_that_show_a_cases_record_read_it_through_the_audited_read() -> None:
    showing = {
        f"{path.relative_to(APPS)}:{name}": body
        for path in HANDLER_MODULES
        for name, body in _functions(path.read_text()).items()
        if CASE_RECORD_OUTPUTS.search(body)
    }
    assert showing, "the case page and the case API answer are found"
    unaudited = sorted(
        where
        for where, body in showing.items()
        if "read_case(" not in body or "locate_case(" in body
    )
    assert not unaudited, f"show a case's record from access.read_case only: {unaudited}"
