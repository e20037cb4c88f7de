"""``/sitemap.xml``: every public page of both languages, with its hreflang set.

Read from the API's ``pages/sitemap/`` (paged; walked to the end) and kept per
content version, like the pages (``frontend.page_cache``): a publish changes the
version, so the sitemap is never stale and needs no invalidation. The key also
holds the origin, because the URLs are absolute and a site may answer on more
than one host (``ALLOWED_HOSTS``).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.template import loader

from frontend.client import api
from frontend.page_cache import TIMEOUT, etag_for, if_none_match

# The API's largest page (cms.api.pagination.MAX_LIMIT): fewest round trips.
PAGE_SIZE = 100
CONTENT_TYPE = "application/xml; charset=utf-8"


def sitemap_entries() -> list[dict[str, Any]]:
    """All of ``pages/sitemap/``, page by page until ``count`` is reached."""
    client = api()
    entries: list[dict[str, Any]] = []
    while True:
        page = client.get(
            "pages/sitemap/", {"limit": PAGE_SIZE, "offset": len(entries)}
        ).data
        entries.extend(page["items"])
        if not page["items"] or len(entries) >= page["count"]:
            return entries


def origin_of(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def sitemap(request: HttpRequest) -> HttpResponse:
    version_response = api().get("version/")
    version = version_response.data["version"]
    origin = origin_of(request)
    digest = hashlib.sha256(origin.encode()).hexdigest()
    key = f"frontend:sitemap:{version}:{digest}"
    body = cache.get(key)
    if body is None:
        body = loader.render_to_string(
            "frontend/sitemap.xml",
            {"origin": origin, "entries": sitemap_entries()},
        ).encode()
        cache.set(key, body, timeout=TIMEOUT)
    etag = etag_for(body)
    if etag in if_none_match(request):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["ETag"] = etag
    response["Cache-Control"] = version_response.cache_control or "no-cache"
    response["X-Content-Version"] = version
    return response
