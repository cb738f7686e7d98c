"""The mediators part of the REST API: the public directory and pair finder (no
authentication, the anonymous rate limit), exactly what the public pages show; and the
network's staff endpoints (profiles, requests)."""

from ninja import Router

from homeward.mediators.api import public, staff

router = Router()
router.add_router("/", public.router)
router.add_router("/", staff.router)
