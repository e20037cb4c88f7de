"""A section (学校における取組, 地域の国際化に資する取組): heading, intro, cases.

The cases come from ``case-studies/?section=…`` with the reader's filters; the
form, summary and pages are shared with search (``frontend.views.listing``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.http import HttpRequest, HttpResponse

from frontend.views.common import render_page
from frontend.views.listing import (
    FilterProblem,
    ListingQuery,
    fetch_listing,
    read_query,
    taxonomy,
    url_for,
)

TEMPLATE = "frontend/section.html"


def render(request: HttpRequest, item: dict[str, Any]) -> HttpResponse:
    terms = taxonomy()
    # The value that filters this section's cases (the API's section item gives it).
    section = item.get("section")
    try:
        # The section is the page's, never the reader's: a ?section= is ignored.
        query = replace(read_query(request.GET), sections=(), q="")
    except FilterProblem as problem:
        return _problem_page(request, item, problem)
    if not section:
        # Without its filter value the list would show every section's cases.
        return render_page(request, TEMPLATE, item, listing=None)
    try:
        listing = fetch_listing(
            item["url"],
            "case-studies/",
            query,
            fixed={"section": section},
            taxonomy_data=terms,
        )
    except FilterProblem as problem:
        return _problem_page(request, item, problem)
    return render_page(
        request,
        TEMPLATE,
        item,
        listing=listing,
        section=section,
        # Page 2 is its own page; filtered states are variations of the list.
        canonical_url=request.build_absolute_uri(
            url_for(item["url"], ListingQuery(page=query.page))
        ),
        noindex=query.has_filters,
    )


def _problem_page(
    request: HttpRequest, item: dict[str, Any], problem: FilterProblem
) -> HttpResponse:
    return render_page(
        request, TEMPLATE, item, status=400, problem=problem, listing=None
    )
