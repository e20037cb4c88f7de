"""Which case studies are related to one: ranked over the in-memory case rows.

Computed from ``case_rows`` (the per-version index every case listing uses), so
ranking costs no query whatever the number of cases; the endpoint then builds
the items of the chosen ids as the list does.

Ranking, best first:

1. the number of tags and themes shared with the case (one point each: both are
   what a reader filters on, and themes are few enough not to need more weight);
2. the same section (school or community) as the case;
3. recency: the most recently first-published (the list's default order);
4. the id, so ties never reorder between two requests.

Cases sharing nothing still rank (by section, then recency), so a short list is
filled whenever enough other public cases exist. The case itself is left out in
every locale: no translation of it is "related" to it.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable

from casestudies.api.selectors import CaseRow, case_rows
from cms.api.filters import LOCALES

DEFAULT_LIMIT = 3
MAX_LIMIT = 12

# A case never published (not possible for a live page, but typed so) ranks last.
_OLDEST = float("-inf")


def find_case(pk: int) -> CaseRow | None:
    """The public case study ``pk`` in whichever locale it is, or None."""
    for language in LOCALES:
        for row in case_rows(language):
            if row.id == pk:
                return row
    return None


def anchor_in(case: CaseRow, language: str) -> CaseRow:
    """What to compare against: the case's public version in ``language`` if it
    has one (its tags there), else the case as it is."""
    if case.locale == language:
        return case
    for row in case_rows(language):
        if row.translation_key == case.translation_key:
            return row
    return case


def related_rows(case: CaseRow, language: str, limit: int) -> list[CaseRow]:
    """The ``limit`` public cases of ``language`` most related to ``case``."""
    anchor = anchor_in(case, language)
    candidates = (
        row
        for row in case_rows(language)
        if row.translation_key != case.translation_key
    )
    return rank(anchor, candidates, limit)


def rank(anchor: CaseRow, candidates: Iterable[CaseRow], limit: int) -> list[CaseRow]:
    """The best ``limit`` of ``candidates`` for ``anchor``, best first."""

    def order(row: CaseRow) -> tuple:
        shared = len(anchor.tags & row.tags) + len(anchor.themes & row.themes)
        published = row.first_published_at
        recency = published.timestamp() if published else _OLDEST
        return (-shared, row.section != anchor.section, -recency, row.id)

    # A partial sort: O(n log limit) over thousands of rows, not a full sort.
    return heapq.nsmallest(limit, candidates, key=order)
