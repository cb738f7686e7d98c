"""House rules that keep personal data behind the access layer and writes behind actions."""

from __future__ import annotations

import ast
import re
from pathlib import Path

APPS = Path(__file__).resolve().parents[2]
NOT_PRODUCT = ("tests", "migrations", "testing", "demo")
"""Tests, migrations, the test harness and demo seeding."""


def _product_modules() -> list[Path]:
    return sorted(
        p for p in APPS.rglob("*.py") if not set(p.relative_to(APPS).parts) & set(NOT_PRODUCT)
    )


def _routed_modules() -> set[Path]:
    """The modules every urls.py imports views from."""
    found = set()
    for urls in APPS.rglob("urls.py"):
        for node in ast.walk(ast.parse(urls.read_text())):
            module = node.module or "" if isinstance(node, ast.ImportFrom) else ""
            if isinstance(node, ast.ImportFrom) and module.startswith("homeward."):
                base = APPS.parent.joinpath(*module.split("."))
                for alias in node.names:
                    for candidate in (base / f"{alias.name}.py", base.with_suffix(".py")):
                        if candidate.exists():
                            found.add(candidate)
                            break
    return found


HANDLER_MODULES = sorted(
    {
        p
        for p in _product_modules()
        if "views" in p.stem
        or p.parent.name in ("views", "api")
        or p.stem.startswith("api")
        or p in _routed_modules()
    }
    - set(APPS.rglob("urls.py"))
)


def test_there_are_handlers_to_check() -> None:
    names = {str(p.relative_to(APPS)) for p in HANDLER_MODULES}
    assert {"crossborder/network_views.py", "config/health.py", "cases/views/cases.py"} <= names


def test_views_and_api_handlers_never_query_models_directly() -> None:
    offenders = [
        f"{path.relative_to(APPS)}:{number}"
        for path in HANDLER_MODULES
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if re.search(r"\.objects\b|\.save\(|\.delete\(", line)
        and not line.startswith(("from ", "import "))
    ]
    assert not offenders, f"use the app's access functions and actions: {offenders}"


ORM_WRITES = {
    "save",
    "delete",
    "create",
    "update",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
    "create_user",
}
QUERYSET_STEPS = {"objects", "filter", "exclude", "all", "select_for_update", "select_related"}
"""A `.create(`, `.update(` or `.delete(` on one of these is a database write; on anything else
(a dict, a hash, a file storage) it is not."""
NOT_RECORDS = {
    "core/images.py": "saves a Pillow image into memory",
    "core/tables.py": "saves an openpyxl workbook into memory",
    "statistics/exports/workbook.py": "saves an openpyxl workbook into memory",
}
UNAUDITED = {
    "audit/actions.py": "the audit trail itself",
    "cases/name_index.py": "search keys derived from a child's names, rebuilt by the action that "
    "changed the names, in its transaction",
    "core/idempotency.py": "replay records of requests (a hash and the answer), kept a day",
    "core/references.py": "a reference counter, taken inside the action that opens the case or "
    "the request, which records the event",
    "crossborder/notify.py": "notices, written by the cross-border action that raises them",
    "organisations/models.py": "the user manager, called by the actions that create accounts",
    "organisations/tokens.py": "a token's last use, stamped as the token is checked",
    "cases/transfer/processing.py:claim_job": "an import's progress, bookkeeping of the job",
    "cases/transfer/processing.py:set_progress": "an import's progress, bookkeeping of the job",
}


def _writes(function: ast.AST) -> bool:
    for node in ast.walk(function):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ORM_WRITES
        ):
            continue
        steps, step = set(), node.func.value
        while isinstance(step, ast.Attribute | ast.Call):
            if isinstance(step, ast.Attribute):
                steps.add(step.attr)
            step = step.func if isinstance(step, ast.Call) else step.value
        if node.func.attr not in {"create", "update", "delete"} or steps & QUERYSET_STEPS:
            return True
        # `.delete(` on a storage removes a file; on anything else, a row
        target = node.func.value
        if (
            node.func.attr == "delete"
            and isinstance(target, ast.Name)
            and "storage" not in target.id
        ):
            return True
    return False


def _writing_functions(source: str) -> set[str]:
    """The module's top-level functions that write to the database, or call one that does."""
    tree = ast.parse(source)
    defs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    writing = {name for name, node in defs.items() if _writes(node)}
    bodies = _functions(source)
    while True:
        more = {n for n, b in bodies.items() if any(re.search(rf"\b{w}\(", b) for w in writing)}
        if more <= writing:
            return writing
        writing |= more


def _is_actions(path: Path) -> bool:
    return path.stem == "actions" or path.parent.name == "actions"


def _key(path: Path) -> str:
    return str(path.relative_to(APPS))


def _writing_modules() -> list[Path]:
    return [p for p in _product_modules() if _is_actions(p) or _writes(ast.parse(p.read_text()))]


def test_the_writing_modules_are_found_wherever_they_live() -> None:
    found = {_key(p) for p in _writing_modules()}
    assert {"cases/transfer/importing.py", "cases/actions/cases.py", "core/idempotency.py"} <= found
    stale = {name.split(":")[0] for name in [*UNAUDITED, *NOT_RECORDS]} - found
    assert not stale, f"these no longer write; drop their exemption: {stale}"


def test_every_write_records_an_audit_event_in_every_module_that_writes() -> None:
    """Every public function of an actions module, and every public function elsewhere that
    writes (an import's steps, say), records its audit event, unless listed with a reason."""
    for path in _writing_modules():
        key = _key(path)
        # the helpers an actions package shares are called by its audited actions
        helper_module = path.parent.name == "actions" and path.stem in ("__init__", "common")
        if key in UNAUDITED or key in NOT_RECORDS or helper_module:
            continue
        source = path.read_text()
        # what the package's other modules record counts (crossborder's `audit`, an action
        # that withdraws through another's)
        siblings = (
            [q for q in path.parent.glob("*.py") if q != path]
            if path.parent.name == "actions"
            else []
        )
        helpers = set().union(*(_recording_functions(q.read_text(), set()) for q in siblings))
        helpers |= set().union(*(_recording_functions(q.read_text(), helpers) for q in siblings))
        bodies = _functions(source)
        required = set(bodies) if _is_actions(path) else _writing_functions(source)
        required = {n for n in required if not n.startswith("_") and f"{key}:{n}" not in UNAUDITED}
        silent = sorted(required - _recording_functions(source, helpers))
        assert not silent, f"{key}: {silent} write no audit event"


def test_no_function_takes_a_user_that_could_disagree_with_its_membership() -> None:
    """The acting user of a member's action is `membership.user`, never a second argument."""
    both = [
        f"{_key(path)}:{node.name}"
        for path in _product_modules()
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.FunctionDef)
        and {"acting_user", "membership"}
        <= {a.arg for a in [*node.args.args, *node.args.kwonlyargs]}
    ]
    assert not both, both


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
