"""Purge API responses from a front-end cache (CDN) when content changes.

Our own caches are invalidated by the content version (see ``caching``); a CDN in
front needs telling. This purges the endpoint URLs a publish can change, through
``wagtail.contrib.frontend_cache`` (configured with ``WAGTAILFRONTENDCACHE``).
CDNs key on the full URL: variants with query strings are covered by the short
``max-age`` (``CMS_API_MAX_AGE``), or by a prefix purge where the CDN has one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Site

from cms.api import registry


def api_urls(page=None) -> list[str]:
    """Absolute URLs of the endpoints whose body may change with ``page``."""
    site = Site.objects.filter(is_default_site=True).first()
    root = site.root_url if site else settings.WAGTAILADMIN_BASE_URL
    paths = [reverse(f"cms_api:{name}") for name in registry.purge_routes()]
    page_type = registry.page_type_of(page) if page is not None else None
    if page_type is not None and page_type.detail_route:
        paths.append(
            reverse(f"cms_api:{page_type.detail_route}", kwargs={"pk": page.pk})
        )
    return [root.rstrip("/") + path for path in paths]


def purge_api(instance=None, **_kwargs) -> None:
    """Signal receiver: purge the API URLs ``instance`` touches, if a CDN is set."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    urls = api_urls(instance)
    # After commit: a purge before it would let the CDN fetch the old body again.
    transaction.on_commit(lambda: purge_urls_from_cache(urls))
