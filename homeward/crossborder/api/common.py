"""What the cross-border API handlers share: the asking member and the request in the URL."""

from django.http import HttpRequest

from homeward.core.api_types import Id
from homeward.crossborder import access
from homeward.crossborder.models import CooperationRequest
from homeward.organisations.access import who
from homeward.organisations.models import Membership


def request_in_url(request: HttpRequest, request_id: Id) -> tuple[Membership, CooperationRequest]:
    """The asking member and the request named in the URL: 404 when it is not theirs (a third
    hotline, or a receiver before the request was sent), 403 without view_cases."""
    membership = who(request)
    return membership, access.access_request_by_id(membership, request_id)
