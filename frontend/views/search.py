"""`/<lang>/search/?q=…`: the API's `search/`, filtered and paged like a section."""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import unescape
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from frontend.page_cache import cached_page
from frontend.views import errors
from frontend.views.common import render_page
from frontend.views.listing import (
    MAX_QUERY_LENGTH,
    FilterProblem,
    fetch_listing,
    read_query,
)

TEMPLATE = "frontend/search.html"
# The card template shortens summaries to this many characters of its input
# (includes/case_card.html, ``truncatechars:110``), counting markup too: a
# highlighted summary is fitted to it here so no <mark> is ever cut in half.
CARD_SUMMARY_CHARS = 110
MARK = re.compile(r"(</?mark>)")
MARK_TAGS_LENGTH = len("<mark></mark>")


def search(request: HttpRequest) -> HttpResponse:
    return cached_page(request, lambda: _render(request), errors.not_found)


def _render(request: HttpRequest) -> HttpResponse:
    try:
        query = read_query(request.GET)
    except FilterProblem as problem:
        return _page(request, status=400, problem=problem)
    if not query.q and not query.has_filters:
        return _page(request, query_text="")
    try:
        listing = fetch_listing(request.path, "search/", query)
    except FilterProblem as problem:
        return _page(request, status=400, problem=problem, query_text=query.q)
    hits = [highlighted_hit(item) for item in listing.items]
    return _page(request, query_text=query.q, listing=listing, hits=hits)


def _page(request: HttpRequest, *, status: int = 200, **context: Any) -> HttpResponse:
    text = context.get("query_text", request.GET.get("q", "").strip())
    return render_page(
        request,
        TEMPLATE,
        None,
        status=status,
        # ``query`` also fills the header's search box (base.html).
        query=text,
        max_query_length=MAX_QUERY_LENGTH,
        **{k: v for k, v in context.items() if k != "query_text"},
    )


def marked_segments(html: str) -> list[tuple[str, bool]]:
    """The API's highlight HTML as (plain text, highlighted) runs.

    Only ``<mark>`` is markup; everything else is text, whatever the API sent, so
    the page escapes it again and nothing but the highlight can reach the HTML.
    """
    segments: list[tuple[str, bool]] = []
    marked = False
    for part in MARK.split(html):
        if part == "<mark>":
            marked = True
        elif part == "</mark>":
            marked = False
        elif part:
            segments.append((unescape(part), marked))
    return segments


def highlight_html(
    segments: list[tuple[str, bool]], budget: int | None = None
) -> SafeString:
    """The runs as escaped HTML with <mark>, at most ``budget`` characters long."""
    out: list[str] = []
    used = 0
    ellipsis = "…"
    for text, marked in segments:
        extra = MARK_TAGS_LENGTH if marked else 0
        piece = escape(text)
        if budget is not None and used + len(piece) + extra > budget - len(ellipsis):
            room = budget - len(ellipsis) - used - extra
            kept = ""
            for char in text:  # escaped length grows per character (& → &amp;)
                if len(escape(kept + char)) > room:
                    break
                kept += char
            if kept:
                out.append(f"<mark>{escape(kept)}</mark>" if marked else escape(kept))
            out.append(ellipsis)
            break
        out.append(f"<mark>{piece}</mark>" if marked else piece)
        used += len(piece) + extra
    return mark_safe("".join(out))  # every text run is escaped above


def highlighted_hit(item: Mapping[str, Any]) -> dict[str, Any]:
    """A search hit as a card's case, its title and summary with the highlights."""
    highlights = item.get("highlights") or {}
    card = dict(item)
    if highlights.get("title"):
        card["title"] = highlight_html(marked_segments(highlights["title"]))
    if highlights.get("summary"):
        card["summary"] = highlight_html(
            marked_segments(highlights["summary"]), CARD_SUMMARY_CHARS
        )
    return card
