"""The appeals part of the REST API (tag "appeals"): appeals and their consents, publication,
the end and the takedown checklist, the hotline's policy, the widget sites of its countries,
and the public list of published appeals (no authentication: the JSON feed's content).

An appeal in the URL that is not this hotline's is a 404; a case or child named in a body that
is not this hotline's is a 422 naming the field."""

from ninja import Router

from homeward.appeals.api import appeals, consents, public, sites

router = Router()
router.add_router("/", appeals.router)
router.add_router("/", consents.router)
router.add_router("/", sites.router)
router.add_router("/", public.router)
