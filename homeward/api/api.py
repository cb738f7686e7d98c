"""The versioned REST API: each app contributes a router; this module assembles them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from homeward.alerts.api import router as alerts_router
from homeward.api import errors
from homeward.api.auth import SessionActor, TokenActor
from homeward.api.renderers import JSONRenderer
from homeward.api.throttling import SharedAnonRateThrottle, SharedAuthRateThrottle
from homeward.appeals.api import router as appeals_router
from homeward.cases.api import router as cases_router
from homeward.crossborder.api import router as crossborder_router
from homeward.directories.api import router as directories_router
from homeward.mediators.api import router as mediators_router
from homeward.organisations.api import public_router as hotlines_router
from homeward.organisations.api import router as organisations_router
from homeward.statistics.api import router as statistics_router


class HomewardAPI(NinjaAPI):
    """The API, whose OpenAPI document lists every answer an operation can give: its success
    and each error in the one error format (errors.ErrorOut), from what the operation is."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        errors.document_errors(schema)
        return schema


api = HomewardAPI(
    title="Homeward API",
    version="1",
    description=(
        "The REST API of Homeward, the platform of the 116 000 missing-children hotlines. "
        "Authenticate with a personal API token (`Authorization: Bearer hw_…`) or, from the "
        "browser, the session cookie plus the CSRF token. Errors are JSON: "
        '`{"code", "message", "errors": [{"field", "message"}]}`. Lists take `page` and '
        "`page_size` and answer `{items, count, page, page_size}`."
    ),
    urls_namespace="api-v1",
    renderer=JSONRenderer(),
    auth=[TokenActor(), SessionActor(csrf=True)],
    throttle=[
        SharedAnonRateThrottle(settings.API_RATE_ANONYMOUS),
        SharedAuthRateThrottle(settings.API_RATE_AUTHENTICATED),
    ],
)
errors.install(api)

api.add_router("/", organisations_router)
api.add_router("/hotlines", hotlines_router)
api.add_router("/", cases_router)
api.add_router("/", crossborder_router)
api.add_router("/", alerts_router)
api.add_router("/", appeals_router)
api.add_router("/", directories_router)
api.add_router("/", mediators_router)
api.add_router("/", statistics_router)
