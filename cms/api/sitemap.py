"""The sitemap's read: every public page URL of both locales, with its alternates.

A page is listed when the API would serve it: live, without a view restriction
on it or an ancestor (``public_pages``), under its locale's live root on the
default site (``locale_root``), and of a registered page type (so the listing
follows ``cms.api.registry`` and names no app). Expired pages are unpublished by
the scheduler (``cms.workflows.scheduling``), which bumps the content version,
so they leave the listing with it.

The whole listing is one query per content version (``snapshot``), then sliced
per request: the query count does not grow with the number of pages, and paging
through it costs no query beyond the content version.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page, get_page_models

from cms.api import registry
from cms.api.filters import LOCALES
from cms.api.selectors import locale_root, public_pages, snapshot
from cms.api.serializers.links import page_url


@dataclass(frozen=True)
class Alternate:
    locale: str
    url: str


@dataclass(frozen=True)
class SitemapEntry:
    locale: str
    url: str
    last_modified: datetime | None
    # Every public language version of the page, itself included, in LOCALES
    # order: the hreflang set, which must list the page itself too.
    alternates: tuple[Alternate, ...]


def sitemap_entries() -> tuple[SitemapEntry, ...]:
    """Every public page of both locales, in tree order.

    Each locale's pages are one subtree (under its root), so tree order keeps
    them together, parents before children: a stable order to page through.
    """
    return snapshot("sitemap", _load_entries)


def _registered_content_type_ids() -> list[int]:
    """Content types of the page models the API serves (subclasses included)."""
    served = tuple(page_type.model for page_type in registry.page_types())
    models = [model for model in get_page_models() if issubclass(model, served)]
    # Cached by Django per process after the first call.
    return [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]


def _load_entries() -> tuple[SitemapEntry, ...]:
    roots = [root for language in LOCALES if (root := locale_root(language))]
    if not roots:
        return ()
    under_a_root = Q()
    for root in roots:
        under_a_root |= Q(path__startswith=root.path, locale_id=root.locale_id)
    pages = list(
        public_pages()
        .filter(under_a_root, content_type_id__in=_registered_content_type_ids())
        .select_related("locale")
        .only(
            "id",
            "path",
            "url_path",
            "translation_key",
            "last_published_at",
            "locale__language_code",
        )
        .order_by("path")
    )
    urls = {page.pk: page_url(page, None) for page in pages}
    by_key: dict[str, list[Page]] = defaultdict(list)
    for page in pages:
        by_key[str(page.translation_key)].append(page)
    order = {language: index for index, language in enumerate(LOCALES)}
    return tuple(
        SitemapEntry(
            locale=page.locale.language_code,
            url=urls[page.pk],
            last_modified=page.last_published_at,
            alternates=tuple(
                Alternate(other.locale.language_code, urls[other.pk])
                for other in sorted(
                    by_key[str(page.translation_key)],
                    key=lambda other: order[other.locale.language_code],
                )
            ),
        )
        for page in pages
    )
