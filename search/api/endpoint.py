"""``search/``: the search contract (``q``, filters, facets, highlights).

Matching here is a plain case-insensitive substring match over title, summary and
municipality, which already works for Japanese (no word splitting needed). The
search issue replaces :func:`matching_ids` with Japanese-aware ranking; the
request and response shapes stay as documented.
"""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Q
from django.utils.html import escape
from drf_spectacular.utils import extend_schema

from casestudies.api.endpoints.case_studies import faceted_listing
from casestudies.api.filters import CASE_FILTER_PARAMS, REPEATABLE
from casestudies.models import CaseStudyPage
from cms.api.endpoints.base import PublicGetView
from cms.api.filters import LOCALE_PARAMS, PAGING_PARAMS, single
from cms.api.schema import responses
from cms.api.selectors import public_pages
from cms.api.shapes import shaped
from search.api import schema

SEARCH_FIELDS = ("title", "summary", "municipality")


def matching_ids(q: str) -> set[int]:
    model = CaseStudyPage
    condition = Q()
    for term in q.split():
        term_q = Q()
        for field in SEARCH_FIELDS:
            term_q |= Q(**{f"{field}__icontains": term})
        condition &= term_q
    return set(public_pages(model).filter(condition).values_list("id", flat=True))


def highlight(text: str, q: str) -> str:
    """``text`` as HTML with each query term wrapped in <mark>."""
    terms = [re.escape(term) for term in q.split() if term]
    escaped = escape(text)
    if not terms:
        return escaped
    pattern = re.compile("|".join(re.escape(escape(t)) for t in q.split()), re.I)
    return pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped)


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
        listing = faceted_listing(
            request, params, within_ids=matching_ids(q) if q else None
        )
        hits = [
            shaped(
                schema.SearchHitSerializer,
                **item,
                highlights=shaped(
                    schema.HighlightsSerializer,
                    title=highlight(item["title"], q),
                    summary=highlight(item["summary"], q),
                ),
            )
            for item in listing["items"]
        ]
        return shaped(schema.SearchSerializer, q=q, **{**listing, "items": hits})
