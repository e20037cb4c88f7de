"""The case-study filters: sections, prefectures, the tag matrix and themes.

OR within a dimension, AND across dimensions. The shapes of the values are checked
up front with every other parameter (``cms.api.filters``, where ``section`` gets
its rule from here); membership in the tag and theme vocabularies, which live in
the database, is checked by :func:`case_filters`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from casestudies.models import Section
from cms.api.filters import TAG_GROUPS, choices, one_of
from cms.api.selectors import TaxonomySnapshot, taxonomy_snapshot
from cms.prefectures import PREFECTURES_BY_CODE

SECTIONS = tuple(Section.values)
SECTION_RULE = one_of(SECTIONS)
CASE_FILTER_PARAMS = ("section", "prefecture", *TAG_GROUPS, "theme")
REPEATABLE = frozenset(CASE_FILTER_PARAMS)


@dataclass(frozen=True)
class CaseFilters:
    """The case-study selection: OR within a dimension, AND across dimensions."""

    sections: frozenset[str] = frozenset()
    prefectures: frozenset[str] = frozenset()
    tags: Mapping[str, frozenset[str]] = field(default_factory=dict)
    themes: frozenset[str] = frozenset()

    def dimensions(self) -> dict[str, frozenset[str]]:
        """Each dimension's selection, keyed like the facets."""
        return {
            "section": self.sections,
            "prefecture": self.prefectures,
            **{group: self.tags.get(group, frozenset()) for group in TAG_GROUPS},
            "theme": self.themes,
        }


def case_filters(
    params: Mapping[str, list[str]], taxonomy: TaxonomySnapshot | None = None
) -> CaseFilters:
    taxonomy = taxonomy or taxonomy_snapshot()
    return CaseFilters(
        sections=choices(params, "section", SECTIONS),
        prefectures=choices(params, "prefecture", PREFECTURES_BY_CODE),
        tags={
            group: choices(params, group, taxonomy.tag_slugs_by_group.get(group, ()))
            for group in TAG_GROUPS
        },
        themes=choices(params, "theme", taxonomy.theme_slugs),
    )
