"""Read-side queries every resource shares, written once.

Public pages, the restricted paths and collections, the taxonomy and the locale
roots, each cached per content version (``snapshot``). The domain apps keep their
own selectors beside their resources (``casestudies/api/selectors.py``) and build
on these; the kernel names none of their models.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from wagtail.models import (
    Page,
    PageViewRestriction,
    Site,
)

from cms.api import version
from cms.image_representation import load_restricted_collection_ids
from cms.models import Tag, Theme

STEPLEN = Page.steplen


def public_pages(model=Page) -> QuerySet:
    """Live pages without any view restriction on them or an ancestor.

    The same filter as Wagtail's ``.live().public()``, with the restricted paths
    read once per content version instead of once per queryset.
    """
    private = Q()
    for path in restricted_page_paths():
        private |= Q(path__startswith=path)
    queryset = model.objects.live()
    return queryset.exclude(private) if private else queryset


def restricted_page_paths() -> tuple[str, ...]:
    """Tree paths of pages with a view restriction (login, groups or password)."""
    return snapshot(
        "restricted-pages",
        lambda: tuple(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


@dataclass(frozen=True)
class TaxonomySnapshot:
    groups: tuple[dict, ...]
    tag_slugs_by_group: dict[str, frozenset[str]]
    theme_slugs: frozenset[str]
    tags: dict[str, dict]
    themes: dict[str, dict]


# Snapshots of this process, by versioned key. Deliberately not in Django's cache:
# pickling the 10,000-row case index into it (even local memory pickles) cost more
# than the incremental refresh that rebuilds it (bench.first_after_publish), and a
# shared cache would add the network on top.
_LOCAL: OrderedDict[str, Any] = OrderedDict()
_LOCAL_SIZE = 32
_LOCAL_LOCK = threading.Lock()  # threaded servers (gthread, runserver)


def snapshot(name: str, load: Callable[[], Any]) -> Any:
    """``load()``'s result, kept in this process under the content version."""
    key = f"cms-api:{name}:{version.current()}"
    with _LOCAL_LOCK:
        if key in _LOCAL:
            _LOCAL.move_to_end(key)
            return _LOCAL[key]
    value = load()
    with _LOCAL_LOCK:
        _LOCAL[key] = value
        while len(_LOCAL) > _LOCAL_SIZE:
            _LOCAL.popitem(last=False)
    return value


def taxonomy_snapshot() -> TaxonomySnapshot:
    return snapshot("taxonomy", _load_taxonomy)


def _load_taxonomy() -> TaxonomySnapshot:
    groups: dict[str, dict] = {}
    tags: dict[str, dict] = {}
    for tag in Tag.objects.select_related("group"):
        group = groups.setdefault(
            tag.group.slug,
            {
                "slug": tag.group.slug,
                "name_ja": tag.group.name_ja,
                "name_en": tag.group.name_en,
                "tags": [],
            },
        )
        entry = {
            "slug": tag.slug,
            "group": tag.group.slug,
            "name_ja": tag.name_ja,
            "name_en": tag.name_en,
            "subgroup_ja": tag.subgroup_ja,
            "subgroup_en": tag.subgroup_en,
        }
        group["tags"].append(entry)
        tags[tag.slug] = entry
    themes = {
        theme.slug: {
            "slug": theme.slug,
            "name_ja": theme.name_ja,
            "name_en": theme.name_en,
        }
        for theme in Theme.objects.all()
    }
    return TaxonomySnapshot(
        groups=tuple(groups.values()),
        tag_slugs_by_group={
            slug: frozenset(t["slug"] for t in group["tags"])
            for slug, group in groups.items()
        },
        theme_slugs=frozenset(themes),
        tags=tags,
        themes=themes,
    )


def locale_root(language: str) -> Page | None:
    """The live home page of ``language``: the site root or its translation."""
    return snapshot(f"locale-root:{language}", lambda: _load_locale_root(language))


def _load_locale_root(language: str) -> Page | None:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    root = site.root_page
    if root.locale.language_code != language:
        root = (
            Page.objects.filter(
                translation_key=root.translation_key, locale__language_code=language
            )
            .select_related("locale")
            .first()
        )
    if root is None or not root.live:
        return None
    if not public_pages().filter(pk=root.pk).exists():
        return None
    return root


def restricted_collection_ids() -> frozenset[int]:
    """Collections (with their descendants) that carry any view restriction."""
    return snapshot("restricted-collections", load_restricted_collection_ids)
