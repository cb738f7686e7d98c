"""The statistics part of the REST API (tag "statistics"): a hotline's own figures, its annual
returns, and the network's published report, which passes disclosure control. One module per
noun, assembled here."""

from ninja import Router

from homeward.statistics.api import figures, network, returns

router = Router()
router.add_router("/", figures.router)
router.add_router("/", returns.router)
router.add_router("/", network.router)
