"""Read-side queries every resource shares, written once.

Public pages, the restricted paths and collections, the taxonomy and the locale
roots, each cached per content version (``snapshot``). The domain apps keep their
own selectors beside their resources (``casestudies/api/selectors.py``) and build
on these; the kernel names none of their models.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Aggregate,
    CharField,
    Exists,
    JSONField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import (
    Page,
    PageViewRestriction,
    Site,
)
from wagtail_localize.models import TranslationSource

from cms.api import version
from cms.image_representation import load_restricted_collection_ids
from cms.models import PublishedTranslationState, Tag, Theme
from cms.translation_lag import lag_of
from cms.translation_state import published_untranslated_fields

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
    # Every new version reloads this for each language a request links to, so
    # in as few round trips as can be: the site's root with its locale in one
    # query, a translation in one more, and the public test on the loaded page
    # (``is_public``) instead of a query of its own.
    root = _site_root()
    if root is not None and root.locale.language_code != language:
        root = (
            Page.objects.filter(
                translation_key=root.translation_key, locale__language_code=language
            )
            .select_related("locale")
            .first()
        )
    if root is None or not is_public(root):
        return None
    return root


def _site_root() -> Page | None:
    """The default site's root page, with its locale."""
    return snapshot("site-root", _load_site_root)


def _load_site_root() -> Page | None:
    site = (
        Site.objects.filter(is_default_site=True)
        .select_related("root_page__locale")
        .first()
    )
    return None if site is None else site.root_page


def restricted_collection_ids() -> frozenset[int]:
    """Collections (with their descendants) that carry any view restriction."""
    return snapshot("restricted-collections", load_restricted_collection_ids)


def is_public(page) -> bool:
    """``public_pages()``'s test on a loaded page, without a query."""
    return page.live and not page.path.startswith(restricted_page_paths())


class Joined(Aggregate):
    """The values of a group as one comma-separated string (for slugs, which
    hold no commas): lets a page row carry its tags without a query per page."""

    function = "GROUP_CONCAT"  # SQLite (and MySQL)
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(%(expressions)s, ',')",
            **extra_context,
        )


def split_joined(value: str | None) -> list[str]:
    return value.split(",") if value else []


def with_translation_facts(queryset: QuerySet) -> QuerySet:
    """Live pages annotated with what their items need about translation.

    ``is_translation_source``: wagtail-localize holds a source of this page's
    translation key in this page's locale; ``published_untranslated``: what its
    last publish left untranslated (``cms.translation_state``). Both are read in
    the page query itself rather than in two more.
    """
    return queryset.annotate(
        is_translation_source=Exists(
            TranslationSource.objects.filter(
                object_id=OuterRef("translation_key"), locale_id=OuterRef("locale_id")
            )
        ),
        published_untranslated=Subquery(
            PublishedTranslationState.objects.filter(page_id=OuterRef("pk")).values(
                "untranslated_fields"
            ),
            output_field=JSONField(),
        ),
    )


def translation_groups(pages: Iterable[Page]) -> list[Page]:
    """Every live page sharing a translation key with ``pages``, in one query."""
    keys = {page.translation_key for page in pages}
    if not keys:
        return []
    return list(
        with_translation_facts(
            Page.objects.live()
            .filter(translation_key__in=keys)
            .select_related("locale")
            .only(*LINK_FIELDS, "live", "last_published_at")
        )
    )


def translations_of(model, page: Page) -> list[Page]:
    """The live ``model`` pages sharing ``page``'s translation key (``page``
    itself, if live), specific, with locales and translation facts: one query
    for an item and its ``translations``."""
    return list(
        with_translation_facts(
            model.objects.live().filter(translation_key=page.translation_key)
        ).select_related("locale")
    )


# What a link to a page needs: enough for get_url() and the translation status.
LINK_FIELDS = (
    "id",
    "path",
    "depth",
    "url_path",
    "translation_key",
    "locale__language_code",
    "content_type_id",
    "latest_revision_created_at",
)


@dataclass(frozen=True)
class TranslationFacts:
    """Per page: its public translations, its ``behind`` flag, its untranslated
    fields, all derived from the live pages of its translation key."""

    translations: dict[str, list[Page]]  # by key, public, by language code
    behind: dict[int, bool]
    untranslated: dict[int, list[str]]


def translation_facts(
    pages: Sequence[Page], group: Sequence[Page] | None = None
) -> TranslationFacts:
    """The facts of ``pages`` from ``group`` (``translation_groups(pages)`` or
    rows annotated by ``with_translation_facts``, loaded by the caller).

    ``behind`` is ``cms.translation_lag.publication_lags`` computed over the same
    rows: a page is behind when a live page in a source locale of its key was
    published after it (only live publish times, never drafts).
    """
    if group is None:
        group = translation_groups(pages)
    by_key: dict[str, list[Page]] = defaultdict(list)
    for row in group:
        by_key[str(row.translation_key)].append(row)
    published = {(str(row.translation_key), row.locale_id): row for row in group}
    translations: dict[str, list[Page]] = {}
    behind: dict[int, bool] = {}
    # The facts cms.translation_lag reads, taken from the rows already loaded.
    source_locales: dict[str, set[int]] = defaultdict(set)
    publish_times: dict[tuple[str, int], Any] = {}
    for key, row in published.items():
        publish_times[key] = row.last_published_at
        if row.is_translation_source:
            source_locales[key[0]].add(row.locale_id)
    for key, rows in by_key.items():
        translations[key] = sorted(
            (row for row in rows if is_public(row)),
            key=lambda row: row.locale.language_code,
        )
    for page in (*group, *pages):
        lag = lag_of(page, source_locales, publish_times)
        behind[page.pk] = bool(lag and lag.behind)
    untranslated = {
        row.pk: row.published_untranslated
        for row in group
        if getattr(row, "published_untranslated", None)
    }
    # A page outside the live rows (a draft preview) still shows its last record.
    loaded = {row.pk for row in group}
    missing = [page.pk for page in pages if page.pk not in loaded]
    if missing:
        untranslated.update(published_untranslated_fields(missing))
    return TranslationFacts(translations, behind, untranslated)


def pages_by_id(model, ids: Iterable[int | None]) -> dict[int, Page]:
    """``model`` pages by id, with their locales, in one query (none for no ids)."""
    wanted = [pk for pk in ids if pk is not None]
    if not wanted:
        return {}
    return model.objects.filter(pk__in=wanted).select_related("locale").in_bulk()


def images_with_renditions(ids: Iterable[int]) -> dict[int, AbstractImage]:
    """Images by id, each with all its renditions, in one query (a LEFT JOIN).

    The renditions are set as ``prefetched_renditions``, where Wagtail's
    ``find_existing_renditions`` looks for them before querying.
    """
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return {}
    image_model = get_image_model()
    rendition_model = image_model.get_rendition_model()
    image_fields = image_model._meta.concrete_fields
    rendition_fields = rendition_model._meta.concrete_fields
    rows = image_model.objects.filter(pk__in=ids).values_list(
        *(field.attname for field in image_fields),
        *(f"renditions__{field.name}" for field in rendition_fields),
    )
    images: dict[int, AbstractImage] = {}
    width = len(image_fields)
    image_names = [field.attname for field in image_fields]
    rendition_names = [field.attname for field in rendition_fields]
    pk_at = image_names.index(image_model._meta.pk.attname)
    rendition_at = width + rendition_names.index(rendition_model._meta.pk.attname)
    for row in rows:
        image = images.get(row[pk_at])
        if image is None:
            image = image_model.from_db(rows.db, image_names, row[:width])
            image.prefetched_renditions = []
            images[image.pk] = image
        if row[rendition_at] is not None:  # the LEFT JOIN found a rendition
            rendition = rendition_model.from_db(rows.db, rendition_names, row[width:])
            rendition.image = image
            image.prefetched_renditions.append(rendition)
    return images
