"""Read-side queries of case studies and columns.

The case-study *index* (one light row per published, public case) is cached under
the content version: filtering, facet counting, ordering and paging then run in
Python over those rows (``facets``) with a fixed number of queries, whatever the
page size or the number of filters.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from wagtail.models import Page

from casestudies.models import CaseStudyIndexPage, CaseStudyPage, ColumnPage
from cms.api.selectors import STEPLEN, locale_root, public_pages, snapshot


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
    index_model, case_model = CaseStudyIndexPage, CaseStudyPage
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
    return dict(
        public_pages(CaseStudyIndexPage)
        .descendant_of(root)
        .values_list("section", "title")
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
