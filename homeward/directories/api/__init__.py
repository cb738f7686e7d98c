"""The directories part of the REST API: the public services (HSDS 3.0 names) and prevention
pages without authentication, and the staff's moderation and verification.

A service in the URL that is not of the admin's countries is a 404."""

from ninja import Router

from homeward.directories.api import moderation, public

router = Router()
router.add_router("/", public.router)
router.add_router("/", moderation.router)
