"""Filtering, disjunctive facet counts, ordering and paging of case studies.

Disjunctive faceting, as in any faceted shop: the counts shown for a dimension are
computed with every *other* dimension's selection applied but not its own, so a
reader who ticked 宮城県 still sees how many cases the other prefectures would add.

The work is done on bitsets: per content version, each facet value gets a Python
integer with bit *i* set when row *i* has that value, and each ordering a
pre-sorted list of row positions. A filter is then a few ANDs and ORs, a count a
``bit_count()``, so 10,000 cases cost about as much as 30.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from casestudies.api.filters import SECTIONS, CaseFilters
from casestudies.api.selectors import CaseRow, case_rows, section_labels
from cms.api.filters import ORDERINGS, TAG_GROUPS
from cms.api.pagination import Window
from cms.api.selectors import TaxonomySnapshot, snapshot
from cms.prefectures import PREFECTURES

DIMENSIONS = ("section", "prefecture", *TAG_GROUPS, "theme")
# Tag slugs are unique across groups, so all four groups share one mask family.
MASK_FAMILIES = ("section", "prefecture", "tag", "theme")


def _family(dimension: str) -> str:
    return "tag" if dimension in TAG_GROUPS else dimension


def _values(row: CaseRow, family: str) -> Iterable[str]:
    if family == "section":
        return (row.section,)
    if family == "prefecture":
        return (row.prefecture,) if row.prefecture else ()
    if family == "theme":
        return row.themes
    return row.tags


@dataclass(frozen=True)
class CaseIndex:
    rows: tuple[CaseRow, ...]
    positions: dict[int, int]
    masks: dict[tuple[str, str], int]
    orders: dict[str, tuple[int, ...]]
    fallback_ids: frozenset[int]

    @property
    def everything(self) -> int:
        return (1 << len(self.rows)) - 1

    def mask_of_ids(self, ids: Iterable[int]) -> int:
        mask = 0
        for pk in ids:
            position = self.positions.get(pk)
            if position is not None:
                mask |= 1 << position
        return mask

    def _dimension_mask(self, dimension: str, selected: frozenset[str]) -> int:
        family = _family(dimension)
        mask = 0
        for value in selected:
            mask |= self.masks.get((family, value), 0)
        return mask

    def select(
        self, filters: CaseFilters, *, within: int | None = None, skip: str = ""
    ) -> int:
        """Rows matching every active dimension except ``skip``."""
        mask = self.everything if within is None else within
        for dimension, selected in filters.dimensions().items():
            if selected and dimension != skip:
                mask &= self._dimension_mask(dimension, selected)
        return mask

    def page(self, mask: int, ordering: str, window: Window) -> list[CaseRow]:
        order = self.orders[ordering]
        wanted = window.offset + window.limit
        if mask == self.everything:
            chosen = order[:wanted]
        else:
            members = _positions(mask)
            chosen = []
            for position in order:
                if position in members:
                    chosen.append(position)
                    if len(chosen) == wanted:
                        break
        return [self.rows[i] for i in chosen[window.offset :]]

    def facets(
        self,
        filters: CaseFilters,
        taxonomy: TaxonomySnapshot,
        language: str,
        *,
        within: int | None = None,
    ) -> dict[str, list[dict]]:
        """Per dimension, every value with its label and disjunctive count."""
        selections = filters.dimensions()
        others = {
            dimension: self.select(filters, within=within, skip=dimension)
            for dimension in DIMENSIONS
        }

        def entry(dimension: str, value: str, label: str) -> dict:
            value_mask = self.masks.get((_family(dimension), value), 0)
            count = (others[dimension] & value_mask).bit_count()
            return {
                "value": value,
                "label": label,
                "count": count,
                "selected": value in selections[dimension],
            }

        name = "name_en" if language == "en" else "name_ja"
        labels = section_labels(language)
        facets: dict[str, list[dict]] = {
            "section": [entry("section", s, labels.get(s, s)) for s in SECTIONS],
            "prefecture": [
                entry("prefecture", p.code, p.name(language)) for p in PREFECTURES
            ],
        }
        for group in taxonomy.groups:
            facets[group["slug"]] = [
                entry(group["slug"], tag["slug"], tag[name]) for tag in group["tags"]
            ]
        facets["theme"] = [
            entry("theme", slug, theme[name]) for slug, theme in taxonomy.themes.items()
        ]
        return facets


def _positions(mask: int) -> set[int]:
    """The set bits of ``mask`` (via its binary string: fast for wide masks)."""
    bits = bin(mask)[:1:-1]
    return {i for i, bit in enumerate(bits) if bit == "1"}


def build_index(
    rows: Sequence[CaseRow], fallback_ids: frozenset[int] = frozenset()
) -> CaseIndex:
    masks: dict[tuple[str, str], int] = {}
    for position, row in enumerate(rows):
        bit = 1 << position
        for family in MASK_FAMILIES:
            for value in _values(row, family):
                key = (family, value)
                masks[key] = masks.get(key, 0) | bit
    return CaseIndex(
        rows=tuple(rows),
        positions={row.id: i for i, row in enumerate(rows)},
        masks=masks,
        orders={ordering: _order(rows, ordering) for ordering in ORDERINGS},
        fallback_ids=fallback_ids,
    )


def _order(rows: Sequence[CaseRow], ordering: str) -> tuple[int, ...]:
    name = ordering.lstrip("-")

    def key(position: int):
        row = rows[position]
        value = getattr(row, name)
        # Live pages always have dates, but never compare None with a date.
        return (value is not None, value or "", row.id)

    return tuple(sorted(range(len(rows)), key=key, reverse=ordering.startswith("-")))


def case_index(language: str, fallback: str | None = None) -> CaseIndex:
    """The index of a locale, plus never-translated cases of ``fallback``."""

    def load() -> CaseIndex:
        rows = list(case_rows(language))
        if not fallback:
            return build_index(rows)
        have = {row.translation_key for row in rows}
        extra = [row for row in case_rows(fallback) if row.translation_key not in have]
        return build_index(rows + extra, frozenset(row.id for row in extra))

    return snapshot(f"case-index:{language}:{fallback or ''}", load)
