"""The child-alert part of the REST API, one router (tag "alerts"): the criteria, assessments,
the authority's activation, updates, the end, relay requests and the CAP messages. The public
feeds are not here: they are plain URLs without sign-in (docs/alerts.md)."""

from ninja import Router

from homeward.alerts.api import alerts, assessments

router = Router()
router.add_router("/", assessments.router)
router.add_router("/", alerts.router)
