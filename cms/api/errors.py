"""Every API error as RFC 9457 problem details (``application/problem+json``).

Views raise :class:`ProblemError` (or DRF's own exceptions); the exception handler
below turns any of them into ``{type, title, status, detail, …}`` so clients parse
one error shape, and Django's own 404/500 for unknown API paths go through
:func:`problem_response` too.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.http import Http404, JsonResponse
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"
API_URLCONF = "cms.api.root_urls"


def keep_as_404(request) -> None:
    """Stop LocaleMiddleware redirecting this API 404 (see ``root_urls``)."""
    request = getattr(request, "_request", request)
    request.urlconf = API_URLCONF


class ProblemError(exceptions.APIException):
    """An error with a problem-details body; ``extra`` adds members (e.g. allowed)."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = _("Bad request.")
    default_code = "bad_request"

    def __init__(
        self,
        detail: Any = None,
        *,
        status_code: int | None = None,
        code: str | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail=detail, code=code)
        if status_code is not None:
            self.status_code = status_code
        self.extra = extra


class NotFoundError(ProblemError):
    status_code = status.HTTP_404_NOT_FOUND
    default_detail = _("No published item matches.")
    default_code = "not_found"


_TITLES = {
    400: _("Bad request"),
    401: _("Unauthorized"),
    403: _("Forbidden"),
    404: _("Not found"),
    405: _("Method not allowed"),
    406: _("Not acceptable"),
    415: _("Unsupported media type"),
    429: _("Too many requests"),
    500: _("Server error"),
}


def problem_body(status_code: int, detail: Any, **extra: Any) -> dict[str, Any]:
    return {
        "type": "about:blank",
        "title": str(_TITLES.get(status_code, _("Error"))),
        "status": status_code,
        "detail": detail,
        **extra,
    }


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF exception handler: the problem-details body with the right media type."""
    if isinstance(exc, Http404):
        exc = NotFoundError()
    elif isinstance(exc, TooManyFieldsSent):
        # A form body with too many fields (a query string never gets this far:
        # cms/api/too_many_params.py answers first). Django's own answer would be
        # an HTML 400, or the slow technical page under DEBUG.
        exc = ProblemError(too_many_fields_detail(), max_parameters=max_fields())
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if response.status_code == 404 and context.get("request") is not None:
        keep_as_404(context["request"])
    detail = response.data
    if isinstance(detail, dict) and set(detail) == {"detail"}:
        detail = detail["detail"]
    extra = getattr(exc, "extra", {}) or {}
    response.data = problem_body(response.status_code, detail, **extra)
    response.content_type = PROBLEM_CONTENT_TYPE
    # Errors change with the input, not the content: never let a CDN keep them long.
    response["Cache-Control"] = "no-store"
    return response


def max_fields() -> int | None:
    return settings.DATA_UPLOAD_MAX_NUMBER_FIELDS


def too_many_fields_detail() -> str:
    return _("At most %(limit)d parameters are accepted.") % {"limit": max_fields()}


def problem_response(
    status_code: int, detail: str, request=None, **extra: Any
) -> JsonResponse:
    """A plain Django response in problem-details form, for non-DRF handlers."""
    if request is not None and status_code == 404:
        keep_as_404(request)
    response = JsonResponse(
        problem_body(status_code, detail, **extra),
        status=status_code,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "no-store"
    return response
