"""HTTP caching of the API, built on the content version (``cms.api.version``).

Any change that can alter a public response bumps the version in the database, in
the same transaction as the change. Every cached body and selector snapshot is
keyed by it, so no process serves a committed change late, whatever process made
it, and without tracking which URL shows which page. A per-process cache
(local memory, the default) is therefore correct with several workers; a shared
one (``CACHE_URL=redis://…``) only saves the workers rebuilding the same bodies.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from cms.api import version

VERSION_HEADER = "X-Content-Version"


def cache_control() -> str:
    max_age = getattr(settings, "CMS_API_MAX_AGE", 60)
    stale = getattr(settings, "CMS_API_STALE_WHILE_REVALIDATE", 300)
    return f"public, max-age={max_age}, stale-while-revalidate={stale}"


def response_key(request: HttpRequest) -> str:
    """Cache key of a GET: the version, the path and the query (order-insensitive)."""
    query = "&".join(
        sorted(f"{k}={v}" for k in request.GET for v in request.GET.getlist(k))
    )
    digest = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()
    return f"cms-api:body:{version.current()}:{digest}"


def etag_for(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def matches(request: HttpRequest, etag: str) -> bool:
    header = request.headers.get("If-None-Match", "")
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return etag in tags or "*" in tags


def not_modified(etag: str, content_version: str) -> HttpResponse:
    response = HttpResponse(status=304)
    response["ETag"] = etag
    response["Cache-Control"] = cache_control()
    response[VERSION_HEADER] = content_version
    return response
