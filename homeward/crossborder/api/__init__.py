"""The cross-border part of the REST API: cooperation requests between hotlines, what they
share, their conversation and each member's notices, one router (tag "crossborder").

Handlers parse, fetch through `access`, call an action and respond. A request in the URL that
is not this hotline's (a third hotline's, or one not yet sent to it) is a 404; a case named in
a body (`case_id`) that is not this hotline's is a 422 naming the field. The receiver reads the
snapshot of what was shared, never the sender's live case.
"""

from ninja import Router

from homeward.crossborder.api import messages, requests, sharing

router = Router()
router.add_router("/", requests.router)
router.add_router("/", sharing.router)
router.add_router("/", messages.router)
