"""Read-only: is a published translation behind its published source?

Kept apart from ``cms.translation`` (the write path) so the public API can ask
this without importing anything that writes pages, nor any upstream-gap
workaround: it reads only live pages' publish times and wagtail-localize's
source records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from wagtail.models import Page
from wagtail_localize.models import TranslationSource


@dataclass(frozen=True)
class PublicationLag:
    """The public view of "behind": the source went live after the translation."""

    behind: bool


def publication_lags(pages: Iterable[Page]) -> dict[int, PublicationLag | None]:
    """Public "behind" flags for many pages (with ``pk``, ``translation_key``,
    ``locale_id``) in two queries; None for a page that is not a translation.

    Only live pages' publish times are read: they change when something is
    published, never when someone saves a draft or a translator types, so the
    flag reveals no unpublished work and stays valid until the next publish,
    which is when the API's caches are invalidated anyway. The admin's per-string
    progress is ``cms.translation.translation_status``.
    """
    pages = list(pages)
    result: dict[int, PublicationLag | None] = {page.pk: None for page in pages}
    keys = {page.translation_key for page in pages}
    if not keys:
        return result
    source_locales: dict[str, set[int]] = defaultdict(set)
    for key, locale_id in TranslationSource.objects.filter(
        object_id__in=keys
    ).values_list("object_id", "locale_id"):
        source_locales[str(key)].add(locale_id)
    published = {
        (str(key), locale_id): at
        for key, locale_id, at in Page.objects.filter(
            translation_key__in=keys, live=True
        ).values_list("translation_key", "locale_id", "last_published_at")
    }
    for page in pages:
        result[page.pk] = lag_of(page, source_locales, published)
    return result


def lag_of(
    page: Page,
    source_locales: Mapping[str, set[int]],
    published: Mapping[tuple[str, int], datetime | None],
) -> PublicationLag | None:
    """The rule itself, over facts already loaded: ``source_locales`` by
    translation key, and live publish times by (translation key, locale id).
    None when ``page`` translates nothing (no source in another locale)."""
    key = str(page.translation_key)
    own = published.get((key, page.locale_id))
    lag = None
    for source_locale in source_locales.get(key, ()):
        if source_locale == page.locale_id:
            continue
        source_at = published.get((key, source_locale))
        lag = PublicationLag(behind=bool(own and source_at and source_at > own))
    return lag
