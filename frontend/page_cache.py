"""Rendered pages, kept per content version, with ETags a browser can revalidate.

Every public page is a function of the URL and the API's content version, and the
version changes in the database in the same transaction as any publish, whatever
process made it. Keying by the version therefore serves no change late and needs
no invalidation: the first request after a publish sees a new version, renders,
and the old entries age out of the cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.translation import get_language

from frontend.client import api

# Error pages are kept too: a 404 for a path stays one until the next version.
KEPT_STATUSES = frozenset({200, 404})
TIMEOUT = 3600
# The only query parameters any page reads (listings, search, column pages). The
# views ignore the rest, so keying on them too (?utm_source=…, ?fbclid=…) would
# only let a crawler or a campaign link fill the cache with copies of one page.
SITE_PARAMETERS = frozenset(
    {"q", "tag", "prefecture", "theme", "section", "ordering", "page"}
)


def page_key(request: HttpRequest, version: str) -> str:
    query = "&".join(
        sorted(
            f"{k}={v}"
            for k in request.GET
            if k in SITE_PARAMETERS
            for v in request.GET.getlist(k)
        )
    )
    # The host too: pages carry absolute canonical and alternate URLs.
    digest = hashlib.sha256(
        f"{request.get_host()}|{get_language()}|{request.path}?{query}".encode()
    ).hexdigest()
    return f"frontend:page:{version}:{digest}"


def etag_for(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def cached_page(
    request: HttpRequest,
    render: Callable[[], HttpResponse],
    not_found: Callable[[HttpRequest], HttpResponse],
) -> HttpResponse:
    """``render()``'s response for this URL and version, from the cache if kept."""
    version_response = api().get("version/")
    version = version_response.data["version"]
    key = page_key(request, version)
    kept = cache.get(key)
    if kept is None:
        try:
            response = render()
        except Http404:
            response = not_found(request)
        if hasattr(response, "render"):
            response.render()
        kept = (
            response.status_code,
            response.content,
            response.get("Content-Type", "text/html; charset=utf-8"),
            etag_for(response.content),
        )
        if response.status_code in KEPT_STATUSES:
            cache.set(key, kept, timeout=TIMEOUT)
    status, body, content_type, etag = kept
    if status == 200 and etag in if_none_match(request):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, status=status, content_type=content_type)
    response["ETag"] = etag
    # The API's own policy, so the site and its API are cached alike.
    response["Cache-Control"] = version_response.cache_control or "no-cache"
    response["X-Content-Version"] = version
    response["Content-Language"] = get_language()
    return response


def if_none_match(request: HttpRequest) -> set[str]:
    header = request.headers.get("If-None-Match", "")
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag}
