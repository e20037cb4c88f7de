"""Read-side queries of the API, written once and shared by every endpoint.

Page models are reached through ``django.apps`` so the kernel never imports the
apps that build on it (STYLE habit 1). The case-study *index* (one light row per
published, public case) is cached under the content version: filtering, facet
counting, ordering and paging then run in Python over those rows with a fixed
number of queries, whatever the page size or the number of filters.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db.models import Q, QuerySet
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
)

from cms.api import version
from cms.models import Tag, Theme

STEPLEN = Page.steplen


def page_model(name: str):
    """A page model by ``app_label.ModelName``, looked up at call time."""
    return apps.get_model(*name.split("."))


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


SNAPSHOT_TIMEOUT = 3600
# Snapshots already unpickled in this process, by versioned key: a list of 10,000
# case rows costs more to unpickle from a shared cache than to filter.
_LOCAL: OrderedDict[str, Any] = OrderedDict()
_LOCAL_SIZE = 32
_LOCAL_LOCK = threading.Lock()  # threaded servers (gthread, runserver)


def snapshot(name: str, load: Callable[[], Any]) -> Any:
    """``load()``'s result, cached under the content version (here and shared)."""
    key = f"cms-api:{name}:{version.current()}"
    with _LOCAL_LOCK:
        if key in _LOCAL:
            _LOCAL.move_to_end(key)
            return _LOCAL[key]
    value = cache.get(key)
    if value is None:
        value = load()
        cache.set(key, value, timeout=SNAPSHOT_TIMEOUT)
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


@dataclass(frozen=True)
class CaseRow:
    """What filtering, faceting and ordering need to know about one case study."""

    id: int
    translation_key: str
    locale: str
    section: str
    prefecture: str
    title: str
    first_published_at: datetime | None
    last_published_at: datetime | None
    tags: frozenset[str]
    themes: frozenset[str]


def case_rows(language: str) -> list[CaseRow]:
    """Every published, public case study of ``language``, cached per version."""
    return snapshot(f"case-rows:{language}", lambda: _load_case_rows(language))


def _load_case_rows(language: str) -> list[CaseRow]:
    root = locale_root(language)
    if root is None:
        return []
    index_model = page_model("casestudies.CaseStudyIndexPage")
    case_model = page_model("casestudies.CaseStudyPage")
    sections = dict(
        public_pages(index_model).descendant_of(root).values_list("path", "section")
    )
    pages = (
        public_pages(case_model)
        .descendant_of(root)
        .values_list(
            "id",
            "translation_key",
            "path",
            "prefecture",
            "title",
            "first_published_at",
            "last_published_at",
        )
    )
    raw = []
    for row in pages:
        section = sections.get(row[2][:-STEPLEN])
        if section:
            raw.append((row, section))
    tags: dict[int, set[str]] = defaultdict(set)
    for page_id, slug in _through_values(case_model.tags.through, "tag__slug", root):
        tags[page_id].add(slug)
    themes: dict[int, set[str]] = defaultdict(set)
    for page_id, slug in _through_values(
        case_model.themes.through, "theme__slug", root
    ):
        themes[page_id].add(slug)
    return [
        CaseRow(
            id=row[0],
            translation_key=str(row[1]),
            locale=language,
            section=section,
            prefecture=row[3],
            title=row[4],
            first_published_at=row[5],
            last_published_at=row[6],
            tags=frozenset(tags[row[0]]),
            themes=frozenset(themes[row[0]]),
        )
        for row, section in raw
    ]


def _through_values(through, slug_field: str, root: Page) -> Iterable[tuple]:
    # Joined on the tree path rather than an IN list of 10,000 ids, which SQLite
    # caps and PostgreSQL plans badly.
    return through.objects.filter(
        casestudypage__path__startswith=root.path
    ).values_list("casestudypage_id", slug_field)


def section_labels(language: str) -> dict[str, str]:
    """Each section's label: the title of its live index page in ``language``."""
    return snapshot(f"section-labels:{language}", lambda: _load_labels(language))


def _load_labels(language: str) -> dict[str, str]:
    root = locale_root(language)
    if root is None:
        return {}
    index_model = page_model("casestudies.CaseStudyIndexPage")
    return dict(
        public_pages(index_model).descendant_of(root).values_list("section", "title")
    )


def restricted_collection_ids() -> frozenset[int]:
    """Collections (with their descendants) that carry any view restriction."""
    return snapshot("restricted-collections", _load_restricted_collection_ids)


def _load_restricted_collection_ids() -> frozenset[int]:
    found: set[int] = set()
    restricted = Collection.objects.filter(
        pk__in=CollectionViewRestriction.objects.values("collection_id")
    )
    for collection in restricted:
        found.update(
            Collection.objects.descendant_of(collection, inclusive=True).values_list(
                "pk", flat=True
            )
        )
    return frozenset(found)
