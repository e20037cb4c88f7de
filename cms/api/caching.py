"""One content version for the whole API, and HTTP caching built on it.

Any change that can alter a public response (publish, unpublish, move, delete,
a privacy setting, taxonomy or an image) bumps the version. Every cached body,
ETag and selector snapshot is keyed by it, so listings and facet counts are never
stale after a publish, without tracking which URL shows which page. Use a shared
cache (``CACHE_URL=redis://…``) when more than one process serves the API.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

VERSION_KEY = "cms-api:version"
_pinned: ContextVar[str | None] = ContextVar("cms_api_version", default=None)


@contextmanager
def pinned_version() -> Iterator[str]:
    """Read the version once and use it for the whole request.

    One response then never mixes snapshots of two versions, and the cache is
    asked for the version once instead of once per selector.
    """
    token = _pinned.set(None)
    version = content_version()
    _pinned.set(version)
    try:
        yield version
    finally:
        _pinned.reset(token)


def content_version() -> str:
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh start (or an evicted key) must never reuse an old version.
        version = f"{time.time_ns():x}"
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump_content_version(**_kwargs) -> None:
    """Signal receiver: everything cached under the previous version is dead."""
    cache.set(VERSION_KEY, f"{time.time_ns():x}", timeout=None)


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
    return f"cms-api:body:{content_version()}:{digest}"


def etag_for(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def matches(request: HttpRequest, etag: str) -> bool:
    header = request.headers.get("If-None-Match", "")
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return etag in tags or "*" in tags


def not_modified(etag: str) -> HttpResponse:
    response = HttpResponse(status=304)
    response["ETag"] = etag
    response["Cache-Control"] = cache_control()
    return response
