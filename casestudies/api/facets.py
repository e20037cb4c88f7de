"""Filtering, disjunctive facet counts, ordering and paging of case studies.

Disjunctive faceting, as in any faceted shop: the counts shown for a dimension are
computed with every *other* dimension's selection applied but not its own, so a
reader who ticked 宮城県 still sees how many cases the other prefectures would add.

The work is done on bitsets: per content version, each facet value gets a Python
integer with bit *i* set when row *i* has that value, and each ordering a
pre-sorted list of row positions. A filter is then a few ANDs and ORs, a count a
``bit_count()``, so 10,000 cases cost about as much as 30. A new version's index
is patched from the previous one (``updated_index``) when only rows' values
changed, so the first request after a publish does not rebuild it.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from casestudies.api.filters import SECTIONS, CaseFilters
from casestudies.api.schema import FacetsSerializer
from casestudies.api.selectors import CaseRow, case_rows, section_labels
from cms.api.filters import ORDERINGS, TAG_GROUPS
from cms.api.pagination import Window
from cms.api.schema import FacetValueSerializer
from cms.api.selectors import TaxonomySnapshot, snapshot
from cms.api.shapes import shaped
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
            return shaped(
                FacetValueSerializer,
                value=value,
                label=label,
                count=count,
                selected=value in selections[dimension],
            )

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
        return shaped(FacetsSerializer, **facets)


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
    key = _sort_key(rows, ordering)
    return tuple(sorted(range(len(rows)), key=key, reverse=ordering.startswith("-")))


def _sort_key(rows: Sequence[CaseRow], ordering: str):
    name = ordering.lstrip("-")

    def key(position: int):
        row = rows[position]
        value = getattr(row, name)
        # Live pages always have dates, but never compare None with a date.
        # The id last makes every key unique: an order is fully determined.
        return (value is not None, value or "", row.id)

    return key


# Per process, per index name: the index last built, which the next version's
# index is patched from. Indexes are never mutated once stored (a patch copies
# what it changes), so a reader racing a patch only ever sees whole indexes; if
# two versions race, the loser's index just makes a larger diff next time.
_PREVIOUS: dict[str, CaseIndex] = {}
_PREVIOUS_LOCK = threading.Lock()


def updated_index(
    previous: CaseIndex | None,
    rows: Sequence[CaseRow],
    fallback_ids: frozenset[int] = frozenset(),
) -> CaseIndex:
    """``build_index(rows, fallback_ids)``, patched from ``previous`` if it can be.

    A publish changes a row or two among 10,000: their bits move between masks
    and, if a sort attribute changed, their positions move within the orders,
    instead of rebuilding every mask and re-sorting every order (~30 ms). Any
    case added, removed or moved in the row sequence renumbers the bits, so
    that falls back to a full build.
    """
    changed = None if previous is None else _changed_positions(previous.rows, rows)
    if changed is None:
        return build_index(rows, fallback_ids)
    if not changed and previous.fallback_ids == fallback_ids:
        return previous
    rows = tuple(rows)
    return CaseIndex(
        rows=rows,
        positions=previous.positions,  # same ids in the same places
        masks=_patched_masks(previous, rows, changed),
        orders=_patched_orders(previous, rows, changed),
        fallback_ids=fallback_ids,
    )


def _changed_positions(
    old: Sequence[CaseRow], new: Sequence[CaseRow]
) -> list[int] | None:
    """Positions whose row changed, or None if the ids are not the same sequence."""
    if len(old) != len(new):
        return None
    changed = []
    for position, (before, after) in enumerate(zip(old, new, strict=True)):
        # Unchanged cases keep their row object across versions (selectors'
        # incremental refresh), so identity settles nearly all of them.
        if before is after:
            continue
        if before.id != after.id:
            return None
        if before != after:
            changed.append(position)
    return changed


def _patched_masks(
    previous: CaseIndex, rows: Sequence[CaseRow], changed: list[int]
) -> dict[tuple[str, str], int]:
    masks = dict(previous.masks)
    for position in changed:
        bit = 1 << position
        for family in MASK_FAMILIES:
            for value in _values(previous.rows[position], family):
                key = (family, value)
                remaining = masks[key] & ~bit
                if remaining:
                    masks[key] = remaining
                else:
                    del masks[key]  # build_index has no key for an absent value
            for value in _values(rows[position], family):
                key = (family, value)
                masks[key] = masks.get(key, 0) | bit
    return masks


def _patched_orders(
    previous: CaseIndex, rows: Sequence[CaseRow], changed: list[int]
) -> dict[str, tuple[int, ...]]:
    orders = dict(previous.orders)
    for ordering in ORDERINGS:
        old_key = _sort_key(previous.rows, ordering)
        new_key = _sort_key(rows, ordering)
        moved = [p for p in changed if old_key(p) != new_key(p)]
        if not moved:
            continue
        descending = ordering.startswith("-")
        order = list(orders[ordering])
        # Take every moved position out while the list is still sorted by the
        # old keys, then put each back by its new key: each step keeps the list
        # sorted, whatever the moved rows' keys are relative to each other.
        for position in moved:
            index = _bisect(order, old_key(position), old_key, descending)
            assert order[index] == position
            del order[index]
        for position in moved:
            index = _bisect(order, new_key(position), new_key, descending)
            order.insert(index, position)
        orders[ordering] = tuple(order)
    return orders


def _bisect(order: list[int], target, key, descending: bool) -> int:
    """Where ``target`` goes in ``order`` (sorted by ``key``, maybe descending)."""
    if not descending:
        return bisect.bisect_left(order, target, key=key)
    low, high = 0, len(order)
    while low < high:
        middle = (low + high) // 2
        if key(order[middle]) > target:
            low = middle + 1
        else:
            high = middle
    return low


def case_index(language: str, fallback: str | None = None) -> CaseIndex:
    """The index of a locale, plus never-translated cases of ``fallback``."""
    name = f"case-index:{language}:{fallback or ''}"

    def load() -> CaseIndex:
        rows = list(case_rows(language))
        fallback_ids: frozenset[int] = frozenset()
        if fallback:
            have = {row.translation_key for row in rows}
            extra = [
                row for row in case_rows(fallback) if row.translation_key not in have
            ]
            rows += extra
            fallback_ids = frozenset(row.id for row in extra)
        with _PREVIOUS_LOCK:
            previous = _PREVIOUS.get(name)
        index = updated_index(previous, rows, fallback_ids)
        with _PREVIOUS_LOCK:
            _PREVIOUS[name] = index
        return index

    return snapshot(name, load)
