"""What an audit event touched, named in the DPO's language: the kind of object (the filter's
choices and the page's fallback when an object has no name) and each recorded field. Events
store codes (`cases.child`, `birth_date`, `child.1245.given_names`) so the trail stays the same
whoever reads it; this module puts them into words when read, as `audit.wording` does for the
actions. A field is named by its model field's own translated name where there is one."""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

OBJECT_TYPES = {
    "cases.case": _("Case"),
    "cases.child": _("Child"),
    "cases.contact": _("Contact"),
    "cases.closure": _("Closure"),
    "cases.importjob": _("Import"),
    "cases.riskassessment": _("Risk assessment"),
    "cases.timelineevent": _("Timeline entry"),
    "cases.parentalabductiondetails": _("Parental abduction details"),
    "cases.migrationdetails": _("Migration details"),
    "cases.runawaydetails": _("Runaway details"),
    "crossborder.cooperationrequest": _("Cross-border request"),
    "crossborder.snapshot": _("Shared copy"),
    "crossborder.notification": _("Notification"),
    "notification": _("Notifications"),
    "organisations.user": _("User"),
    "organisations.organisation": _("Organisation"),
    "organisations.hotline": _("Hotline"),
    "organisations.membership": _("Membership"),
    "organisations.invitation": _("Invitation"),
    "organisations.apitoken": _("API token"),
    "audit.auditevent": _("Audit trail"),
    "search": _("Search"),
    "list": _("List of cases"),
    "demo.bulk": _("Demo data"),
}
"""Every kind of object an event may name, in the order the filter offers them."""

WORDS = {
    "case": _("case"),
    "children": _("children"),
    "child": _("child"),
    "section": _("category details"),
    "risk": _("current risk"),
    "risk_factors": _("risk factors"),
    "closures": _("closures"),
    "timeline": _("timeline"),
    "messages": _("messages"),
    "attachment": _("attachment"),
    "photo": _("photo"),
    "name": _("name"),
    "reference": _("reference"),
    "sessions": _("sessions"),
    "api_tokens": _("API tokens"),
    "content": _("file content"),
    "file_name": _("file name"),
    "dry_run": _("trial run"),
    "data": _("data"),
    "last": _("last"),
}
"""Recorded names that are no single field of the event's object."""

_SHARED_OBJECTS = {"case": "cases.case", "child": "cases.child"}
"""What a shared field's first part (`child.1245.given_names`) names."""


def object_type_label(object_type: str) -> str:
    return str(OBJECT_TYPES.get(object_type, object_type))


def field_label(object_type: str, field: str) -> str:
    """`birth_date` on a child → "Date of birth"; `child.1245.given_names` → "Given names
    (Child 1245)"; a name no model or word knows stays as recorded."""
    parts = field.split(".")
    if len(parts) in (2, 3) and parts[0] in _SHARED_OBJECTS:
        owner = _SHARED_OBJECTS[parts[0]]
        label = _named(owner, parts[-1])
        if len(parts) == 2:
            return gettext("%(field)s (%(object)s)") % {
                "field": label,
                "object": object_type_label(owner),
            }
        return gettext("%(field)s (%(object)s %(id)s)") % {
            "field": label,
            "object": object_type_label(owner),
            "id": parts[1],
        }
    return _named(object_type, field)


def fields_label(object_type: str, fields: list[str]) -> str:
    return ", ".join(field_label(object_type, field) for field in fields)


def _named(object_type: str, field: str) -> str:
    model = _model(object_type)
    if model is not None:
        try:
            named = getattr(model._meta.get_field(field), "verbose_name", None)
        except FieldDoesNotExist:
            named = None
        if named:
            return str(capfirst(named))
    word = WORDS.get(field)
    return str(capfirst(word)) if word is not None else field


def _model(object_type: str) -> type[Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None
