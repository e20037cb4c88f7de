"""A fast problem-details 400 for API requests with too many query parameters.

Django refuses a query string of more than ``DATA_UPLOAD_MAX_NUMBER_FIELDS``
fields by raising ``TooManyFieldsSent`` whenever ``request.GET`` is first read.
In the API that first read is DRF's content negotiation, before our exception
handler can help: DRF then fails again looking for the renderer it never chose,
so the client gets Django's HTML 400 in production and, under DEBUG, a 500 after
seconds spent building a technical page that itself reads ``request.GET`` and
fails. Counting the fields the way the parser does, from the raw query string,
costs one ``str.count`` and lets us answer before anything parses it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from cms.api.errors import max_fields, problem_response, too_many_fields_detail

API_PREFIX = "/api/v1/"


def field_count(query_string: str) -> int:
    """The number of fields ``urllib.parse.parse_qsl`` counts against its limit.

    It is exactly its own test (``1 + count("&")``, empty fields included), so a
    request passes here if and only if ``QueryDict`` would accept it.
    """
    return 1 + query_string.count("&") if query_string else 0


class TooManyParamsMiddleware:
    """Answer API requests over the field limit before ``request.GET`` is read."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = max_fields()
        if (
            limit is not None
            and request.path_info.startswith(API_PREFIX)
            and field_count(request.META.get("QUERY_STRING", "")) > limit
        ):
            return problem_response(400, too_many_fields_detail(), max_parameters=limit)
        return self.get_response(request)
