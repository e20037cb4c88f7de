"""Read-side queries of case studies and columns.

The case-study *index* (one light row per published, public case) is cached under
the content version: filtering, facet counting, ordering and paging then run in
Python over those rows (``facets``) with a fixed number of queries, whatever the
page size or the number of filters.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast, Length, Substr
from wagtail.models import Page

from casestudies.models import CaseStudyIndexPage, CaseStudyPage, ColumnPage
from cms.api.selectors import (
    STEPLEN,
    Joined,
    locale_root,
    public_pages,
    snapshot,
    split_joined,
    taxonomy_snapshot,
    with_translation_facts,
)


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
    """Every published, public case study of ``language``, cached per version.

    A new version does not reload every row: ``_refresh_case_rows`` reads one
    light signature per case and loads in full only the cases whose signature
    changed (a publish, an unpublish, a move), so the first request after a
    publish at 10,000 cases costs tens of milliseconds, not a second.
    """
    return snapshot(f"case-rows:{language}", lambda: _refresh_case_rows(language))


@dataclass(frozen=True)
class _Known:
    """The rows this process last loaded for a locale, with their signatures."""

    root_path: str
    sections: dict[str, str]
    vocabulary: frozenset[str]  # tag and theme slugs: rows hold slugs
    signatures: dict[int, tuple]
    rows: dict[int, CaseRow]


# Per process, per locale. Only ever read to decide what to reload: the signature
# query of the new version decides what is current, so a stale entry costs a
# reload, never a stale answer.
_KNOWN: dict[str, _Known] = {}
_KNOWN_LOCK = threading.Lock()
# Past this many changed cases a full reload is cheaper than a list of ids.
MAX_PARTIAL = 500


def _refresh_case_rows(language: str) -> list[CaseRow]:
    root = locale_root(language)
    if root is None:
        return []
    sections = {path: section for path, section, _title in _section_pages(language)}
    # What changes whenever a case's row can: publish (a new live revision, which
    # carries title, dates, prefecture, tags and themes), a move (its path), and
    # unpublish, privacy or deletion (it leaves the public set).
    # The publish time too, since ids and revision ids can come back after a
    # rollback (SQLite); compared as text, as parsing 10,000 dates costs more
    # than the rest of the query.
    signatures = _signatures(root)
    taxonomy = taxonomy_snapshot()
    vocabulary = frozenset(
        {slug for slugs in taxonomy.tag_slugs_by_group.values() for slug in slugs}
        | {f"theme:{slug}" for slug in taxonomy.theme_slugs}
    )
    context = (root.path, sections, vocabulary)
    with _KNOWN_LOCK:
        known = _KNOWN.get(language)
    if (
        known is not None
        and (
            known.root_path,
            known.sections,
            known.vocabulary,
        )
        == context
    ):
        changed = [
            pk for pk, sig in signatures.items() if known.signatures.get(pk) != sig
        ]
    else:
        changed = None  # nothing usable: load everything
    if changed is None or len(changed) > MAX_PARTIAL:
        rows = {row.id: row for row in _load_case_rows(language, root, sections)}
    else:
        fresh = _load_case_rows(language, root, sections, ids=changed)
        rows = {pk: known.rows[pk] for pk in signatures if pk in known.rows}
        rows.update({row.id: row for row in fresh})
    ordered = [rows[pk] for pk in signatures if pk in rows]
    with _KNOWN_LOCK:
        _KNOWN[language] = _Known(root.path, sections, vocabulary, signatures, rows)
    return ordered


def _signatures(root: Page) -> dict[int, tuple]:
    """``{id: (live revision id, path, publish time as text)}`` of the public case
    studies under ``root``, in tree (path) order.

    The one query every new version pays at 10,000 cases, so it is kept lean:
    read from ``wagtailcore_page`` alone (the case-study content type instead of
    a join with the case-study table: every such page has its row there) and
    unordered, then sorted here. PostgreSQL's sort of 10,000 paths cost more
    than the scan itself (22 ms unordered against 51 ms ordered, wall, in
    process); Python sorts them in about 3 ms, and code-point order is the C
    collation order tree paths are compared with.
    """
    rows = (
        public_pages(Page)
        .type(CaseStudyPage)
        .descendant_of(root)
        .order_by()
        .annotate(published=Cast("last_published_at", CharField()))
        .values_list("id", "live_revision_id", "path", "published")
    )
    return {row[0]: row[1:] for row in sorted(rows, key=_path_of)}


def _path_of(row: tuple) -> str:
    return row[2]


_ROW_FIELDS = (
    "id",
    "translation_key",
    "path",
    "prefecture",
    "title",
    "first_published_at",
    "last_published_at",
)


def _load_case_rows(
    language: str, root: Page, sections: dict[str, str], ids: list[int] | None = None
) -> list[CaseRow]:
    """Full rows of the public cases under ``root`` (only ``ids``, if given)."""
    pages = public_pages(CaseStudyPage).descendant_of(root)
    if ids is None:
        tags = _slugs_by_page(CaseStudyPage.tags.through, "tag__slug", root)
        themes = _slugs_by_page(CaseStudyPage.themes.through, "theme__slug", root)
        facts = (
            (row, tags.get(row[0], ()), themes.get(row[0], ()))
            for row in pages.values_list(*_ROW_FIELDS)
        )
    elif not ids:
        return []
    else:
        # The few cases a publish changed, on the path of every new version:
        # their slugs come comma-joined in the same query (one round trip, not
        # three). At 10,000 cases two subqueries per row would cost more than
        # the two joined reads above.
        joined = pages.filter(pk__in=ids).annotate(
            tag_slugs=_joined_slugs(CaseStudyPage.tags.through, "tag__slug"),
            theme_slugs=_joined_slugs(CaseStudyPage.themes.through, "theme__slug"),
        )
        facts = (
            (row, split_joined(row[-2]), split_joined(row[-1]))
            for row in joined.values_list(*_ROW_FIELDS, "tag_slugs", "theme_slugs")
        )
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
            tags=frozenset(tag_slugs),
            themes=frozenset(theme_slugs),
        )
        for row, tag_slugs, theme_slugs in facts
        if (section := sections.get(row[2][:-STEPLEN]))
    ]


def _slugs_by_page(through, slug_field: str, root: Page) -> dict[int, list[str]]:
    # Joined on the tree path rather than an IN list of 10,000 ids, which SQLite
    # caps and PostgreSQL plans badly.
    found: dict[int, list[str]] = defaultdict(list)
    for page_id, slug in through.objects.filter(
        casestudypage__path__startswith=root.path
    ).values_list("casestudypage_id", slug_field):
        found[page_id].append(slug)
    return found


def section_labels(language: str) -> dict[str, str]:
    """Each section's label: the title of its live index page in ``language``."""
    return {section: title for _path, section, title in _section_pages(language)}


def _section_pages(language: str) -> tuple[tuple[str, str, str], ...]:
    """``(path, section, title)`` of the public section index pages of
    ``language``: what the case rows (sections by path) and the facet labels
    both need, read in one query per version instead of one each."""
    return snapshot(f"section-pages:{language}", lambda: _load_sections(language))


def _load_sections(language: str) -> tuple[tuple[str, str, str], ...]:
    root = locale_root(language)
    if root is None:
        return ()
    return tuple(
        public_pages(CaseStudyIndexPage)
        .descendant_of(root)
        .values_list("path", "section", "title")
    )


def column_rows(language: str) -> list[tuple]:
    """``(id, translation_key, title, first_published_at, last_published_at)`` of
    every public column of ``language``."""
    root = locale_root(language)
    if root is None:
        return []
    return list(
        public_pages(ColumnPage)
        .descendant_of(root)
        .values_list(
            "id", "translation_key", "title", "first_published_at", "last_published_at"
        )
    )


def case_study_translations(pk: int) -> list[CaseStudyPage]:
    """The live case studies sharing ``pk``'s translation key, ``pk`` included.

    One query for what a detail needs beyond its body's images and its related
    columns: every locale's version (to pick the requested one and to list the
    translations), each with its locale, its section (``section_slug``), its tag
    and theme slugs (``tag_slugs`` / ``theme_slugs``, comma-joined) and its
    translation facts (``with_translation_facts``). Public or not is decided by
    the caller (``cms.api.selectors.is_public``).
    """
    key = Page.objects.filter(pk=pk).values("translation_key")
    pages = CaseStudyPage.objects.live().filter(translation_key__in=key)
    return list(with_translation_facts(with_case_facts(pages)).select_related("locale"))


def with_case_facts(queryset):
    """Case studies annotated with their section and their tag and theme slugs."""
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - STEPLEN)
    return queryset.annotate(
        section_slug=Subquery(
            CaseStudyIndexPage.objects.filter(path=parent_path).values("section")[:1]
        ),
        tag_slugs=_joined_slugs(CaseStudyPage.tags.through, "tag__slug"),
        theme_slugs=_joined_slugs(CaseStudyPage.themes.through, "theme__slug"),
    )


def _joined_slugs(through, slug_field: str) -> Subquery:
    return Subquery(
        through.objects.filter(casestudypage_id=OuterRef("pk"))
        .values("casestudypage_id")
        .annotate(slugs=Joined(slug_field))
        .values("slugs")
    )


def sections_by_path(parent_paths: Iterable[str]) -> dict[str, str]:
    """``{index page path: section}`` for the given parent paths, one query."""
    return dict(
        CaseStudyIndexPage.objects.filter(path__in=set(parent_paths)).values_list(
            "path", "section"
        )
    )


def m2m_slugs(pages, field: str, slug_field: str) -> dict[int, list[str]]:
    """Slugs of a many-to-many per page, as plain tuples (no model instances)."""
    if not pages:
        return {}
    through = type(pages[0])._meta.get_field(field).remote_field.through
    found: dict[int, list[str]] = defaultdict(list)
    for page_id, slug in through.objects.filter(
        casestudypage_id__in=[page.pk for page in pages]
    ).values_list("casestudypage_id", slug_field):
        found[page_id].append(slug)
    return found


def related_columns(page) -> list[ColumnPage]:
    """The public columns that name ``page`` as their case study, with locales."""
    if page.pk is None:  # a preview of a page never saved: nothing can name it
        return []
    return list(
        public_pages(ColumnPage)
        .filter(related_case_study=page)
        .select_related("locale")
    )


def case_study_list_pages(ids: Iterable[int]) -> list[CaseStudyPage]:
    """The case studies ``ids`` as list items need them (no long text fields)."""
    return list(
        CaseStudyPage.objects.filter(pk__in=list(ids))
        .select_related("locale", "hero_image")
        .defer("body", "devised", "challenges", "outcomes")
    )


def column_list_pages(ids: Iterable[int]) -> list[ColumnPage]:
    """The columns ``ids`` with what their list items show (locale, portrait)."""
    return list(
        ColumnPage.objects.filter(pk__in=list(ids)).select_related("locale", "portrait")
    )
