"""404 and 500 pages in the visitor's language, outside any page cache."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.translation import get_language

from frontend.views.common import home_url, other_languages


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    body = loader.render_to_string(
        "frontend/404.html",
        {
            "home_link": home_url(get_language()),
            "other_home_links": [(code, home_url(code)) for code in other_languages()],
        },
        request,
    )
    return HttpResponse(body, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No API call, no request context: whatever failed may fail again here.
    body = loader.render_to_string(
        "frontend/500.html", {"home_link": home_url(get_language())}
    )
    return HttpResponse(body, status=500)
