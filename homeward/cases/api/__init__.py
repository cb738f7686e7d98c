"""The cases part of the REST API: contacts, cases, children and name search, one router.

Handlers parse, fetch through `access`, call an action and respond. An object named in the
URL is 404 when it is not this hotline's; an object named in a body (`case_id`, `contact_id`,
`existing_child_id`, `member_id`) is a 422 that names the field. Every read of a child's,
a case's or a contact's record is in the audit trail.
"""

from ninja import Router

from homeward.cases.api import cases, children, contacts, search

router = Router()
router.add_router("/", contacts.router)
router.add_router("/", cases.router)
router.add_router("/", children.router)
router.add_router("/", search.router)
