"""A column page: the ALT's own piece, with the case study it accompanies."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse

from frontend.client import ApiError, api
from frontend.views.common import render_page


def render(request: HttpRequest, item: dict[str, Any]) -> HttpResponse:
    return render_page(
        request,
        "frontend/column.html",
        item,
        related_case=related_case(item),
    )


def related_case(item: Mapping[str, Any]) -> dict[str, Any] | None:
    """The related case as a card (hero, place, summary); None when it is not
    public in this language any more."""
    link = item.get("related_case_study")
    if not link:
        return None
    try:
        return (
            api()
            .get(f"case-studies/{link['id']}/", {"locale": item.get("locale")})
            .data
        )
    except ApiError:
        return None
