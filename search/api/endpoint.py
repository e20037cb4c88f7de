"""``search/``: Japanese-aware, relevance-ranked search over public case studies.

The query is analysed like the index (:mod:`search.analysis`): Japanese in
overlapping bigrams, every term required. Glossary expansions of the query (英会話
→ 英語, ALT → 外国語指導助手) are searched too and count at half weight, so a page
matching the words typed ranks above one matching only a synonym. Results come in
relevance order (ties: most recently first published first) unless ``ordering``
is given; the case filters, facets and paging are the case list's own, counted
within the matches.

Highlights mark the query's terms on the title and summary as written: terms are
found in the normalised text and mapped back with its offsets, so ＡＬＴ is marked
for ``alt`` and イングリッシュ for ｲﾝｸﾞﾘｯｼｭ. Everything but ``<mark>`` is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.html import escape
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from wagtail.models import Locale

from casestudies.api import schema as case_schema
from casestudies.api.endpoints.case_studies import faceted_listing, items_for_rows
from casestudies.api.facets import CaseIndex, case_index
from casestudies.api.filters import CASE_FILTER_PARAMS, REPEATABLE, case_filters
from casestudies.models import CaseStudyPage
from cms.api.endpoints.base import PublicGetView
from cms.api.errors import ProblemError
from cms.api.filters import (
    LOCALE_PARAMS,
    ORDERINGS,
    PAGING_PARAMS,
    choice,
    locale_choice,
    single,
)
from cms.api.pagination import Window, window_from
from cms.api.schema import responses
from cms.api.selectors import taxonomy_snapshot
from cms.api.shapes import shaped
from search.analysis import normalised_with_offsets, original_span, term_spans, terms
from search.api import schema
from search.backends import relevance

# More terms than this (after analysis: a 20-character Japanese query is 19
# bigrams) is no reader's query, and each term costs the database a lookup.
MAX_QUERY_TERMS = 32
# A glossary expansion's score counts this much of a literal match's.
EXPANSION_WEIGHT = 0.5
# Ties in relevance: the most recently first published first.
TIE_ORDERING = "-first_published_at"


def query_terms(q: str) -> list[str]:
    """The analysed terms of ``q``, or a 400 naming ``q`` above the cap."""
    analysed = terms(q)
    if len(analysed) > MAX_QUERY_TERMS:
        raise ProblemError(
            _("q has %(count)d search terms; at most %(max)d are allowed.")
            % {"count": len(analysed), "max": MAX_QUERY_TERMS},
            parameter="q",
        )
    return analysed


def glossary_expansions(q: str, language: str) -> list[str]:
    """Extra query strings from the glossary (none where search.glossary is absent)."""
    try:
        from search.glossary import expansions
    except ImportError:
        return []
    return [text for text in expansions(q, language) if terms(text)]


def scores(
    q: str, expansions: Iterable[str], languages: Iterable[str]
) -> dict[int, float]:
    """Page id → relevance: the literal query's, plus expansions' at lower weight,
    among the live cases in ``languages`` (the requested locale and its fallback:
    a broad word matches thousands of pages in the other language, which the
    listing would only drop)."""
    # By locale id: the search backends filter on indexed fields (Page's
    # ``locale``), not across relations.
    locale_ids = list(
        Locale.objects.filter(language_code__in=set(languages)).values_list(
            "pk", flat=True
        )
    )
    pages = CaseStudyPage.objects.live().filter(locale__in=locale_ids)
    combined = dict(relevance(pages, q))
    for expansion in expansions:
        for pk, score in relevance(pages, expansion).items():
            combined[pk] = combined.get(pk, 0.0) + EXPANSION_WEIGHT * score
    return combined


def ranked_page(
    index: CaseIndex, mask: int, by_id: Mapping[int, float], window: Window
) -> list:
    """The window of the rows in ``mask``, best score first, then most recent."""
    order = index.orders[TIE_ORDERING]
    recency = {position: rank for rank, position in enumerate(order)}
    positions = (index.positions.get(pk) for pk in by_id)
    chosen = [p for p in positions if p is not None and mask >> p & 1]
    chosen.sort(key=lambda p: (-by_id[index.rows[p].id], recency[p]))
    return [index.rows[p] for p in chosen[window.offset : window.offset + window.limit]]


def ranked_listing(
    request, params: Mapping[str, list[str]], by_id: Mapping[int, float]
) -> dict[str, Any]:
    """The case list's ``{count, limit, offset, items, facets}``, by relevance.

    The same steps as ``faceted_listing`` with the matches as the universe, but
    the window is cut from the relevance order instead of a stored ordering.
    """
    choice_ = locale_choice(params)
    taxonomy = taxonomy_snapshot()
    filters = case_filters(params, taxonomy)
    window = window_from({k: v[0] for k, v in params.items()})
    index = case_index(choice_.locale, choice_.fallback)
    universe = index.mask_of_ids(by_id)
    matched = index.select(filters, within=universe)
    return shaped(
        case_schema.CaseStudyListSerializer,
        count=matched.bit_count(),
        limit=window.limit,
        offset=window.offset,
        items=items_for_rows(
            ranked_page(index, matched, by_id, window), request, index.fallback_ids
        ),
        facets=index.facets(filters, taxonomy, choice_.locale, within=universe),
    )


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, wanted: frozenset[str]) -> str:
    """``text`` as HTML, escaped, with each run of wanted terms in one <mark>."""
    normalised, offsets = normalised_with_offsets(text)
    spans = _merged(
        (start, end) for term, start, end in term_spans(normalised) if term in wanted
    )
    html: list[str] = []
    written = 0
    for start, end in spans:
        original_start, original_end = original_span(offsets, start, end, len(text))
        html.append(escape(text[written:original_start]))
        html.append(f"<mark>{escape(text[original_start:original_end])}</mark>")
        written = original_end
    html.append(escape(text[written:]))
    return "".join(html)


class SearchView(PublicGetView):
    allowed_params = (
        "q",
        *LOCALE_PARAMS,
        *CASE_FILTER_PARAMS,
        "ordering",
        *PAGING_PARAMS,
    )
    repeatable = REPEATABLE

    @extend_schema(
        parameters=schema.search_parameters(),
        responses=responses(schema.SearchSerializer, 400),
        operation_id="search",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request, params, **kwargs) -> Any:
        q = (single(params, "q") or "").strip()
        wanted: frozenset[str] = frozenset()
        if not q:
            listing = faceted_listing(request, params)
        else:
            literal = query_terms(q)
            chosen = locale_choice(params)
            language = chosen.locale
            expansions = glossary_expansions(q, language)
            languages = [language, *([chosen.fallback] if chosen.fallback else [])]
            by_id = scores(q, expansions, languages) if literal else {}
            wanted = frozenset(literal).union(*(terms(e) for e in expansions))
            if choice(params, "ordering", ORDERINGS) is None:
                listing = ranked_listing(request, params, by_id)
            else:
                listing = faceted_listing(request, params, within_ids=set(by_id))
        hits = [
            shaped(
                schema.SearchHitSerializer,
                **item,
                highlights=shaped(
                    schema.HighlightsSerializer,
                    title=highlight(item["title"], wanted),
                    summary=highlight(item["summary"], wanted),
                ),
            )
            for item in listing["items"]
        ]
        return shaped(schema.SearchSerializer, q=q, **{**listing, "items": hits})
