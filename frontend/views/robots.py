"""``/robots.txt``: crawl the site, not the admin, the API or drafts."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

# The previews need a token anyway; this keeps crawlers from even trying.
DISALLOWED = ("/admin/", "/django-admin/", "/api/", "/*/_preview/")


def robots(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Allow: /",
        *(f"Disallow: {path}" for path in DISALLOWED),
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('frontend-sitemap'))}",
    ]
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )
