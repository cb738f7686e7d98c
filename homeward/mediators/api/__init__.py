"""The mediators part of the REST API: the public directory and pair finder (no
authentication, the anonymous rate limit), exactly what the public pages show."""

from ninja import Router

from homeward.mediators.api import public

router = Router()
router.add_router("/", public.router)
