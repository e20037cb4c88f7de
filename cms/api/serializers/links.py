"""Links to pages: ``{id, type, title, url, locale}``, only for public pages."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils import translation

from cms.api.schema import PageLinkSerializer
from cms.api.selectors import is_public, locale_root
from cms.api.shapes import shaped

# Set in a serializer context when a URL in it was resolved against the request.
REQUEST_DEPENDENT = "request_dependent_urls"


def page_type(page) -> str:
    """The public type name of a page, from its model (see ``page_type_name``)."""
    return page_type_name(page.specific_class)


def page_type_name(model: type | None) -> str:
    """A model's public type name: ``FooBarPage`` → ``foo_bar``."""
    name = model.__name__ if model is not None else "Page"
    name = name.removesuffix("Page") or "page"
    return "".join(
        "_" + char.lower() if char.isupper() and index else char.lower()
        for index, char in enumerate(name)
    )


def page_url(page, context: Mapping[str, Any] | None) -> str | None:
    """The page's public URL, as ``Page.get_url`` gives it.

    Wagtail resolves the site for every call (a query per request and a scan of
    site roots per page); the API serves one site whose locale roots it already
    holds, so the URL is reversed directly under the page's locale root.
    ``tests/api/test_links.py`` checks both agree for every page type.
    """
    language = page.locale.language_code
    root = locale_root(language)
    if root is None or not page.url_path.startswith(root.url_path):
        if isinstance(context, dict):
            # This URL may depend on the request's site: not cacheable per version.
            context[REQUEST_DEPENDENT] = True
        request = context.get("request") if context else None
        return page.get_url(request=request)
    with translation.override(language):
        return reverse("wagtail_serve", args=(page.url_path[len(root.url_path) :],))


def public_page_ids(pages: Iterable) -> frozenset[int]:
    """Which of ``pages`` are live and public; loads the locales not loaded yet.

    Decided on the loaded rows (``is_public``), which were read in this request,
    rather than by reading them again.
    """
    pages = [page for page in pages if page is not None]
    if not pages:
        return frozenset()
    prefetch_related_objects(pages, "locale")
    return frozenset(page.pk for page in pages if is_public(page))


def page_link(
    page,
    context: Mapping[str, Any] | None = None,
    *,
    public_ids: Collection[int] | None = None,
) -> dict | None:
    """A link to ``page`` if it is live and public, else None.

    ``public_ids`` (from :func:`public_page_ids`) saves the query per link when a
    caller links many pages.
    """
    if page is None:
        return None
    if public_ids is None:
        public_ids = public_page_ids([page])
    if page.pk not in public_ids:
        return None
    return shaped(
        PageLinkSerializer,
        id=page.pk,
        type=page_type(page),
        title=page.title,
        url=page_url(page, context),
        locale=page.locale.language_code,
    )
