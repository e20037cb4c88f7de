"""The column list: the index page's intro and the columns, a page at a time.

``?page=N`` is the only state and maps to the API's ``limit``/``offset``; a page
past the end, or a page number that is not one, is a 404 so no URL shows an
empty list as if it were real.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse

from frontend.client import api
from frontend.views.common import render_page

PER_PAGE = 12


@dataclass(frozen=True)
class Page:
    number: int
    count: int
    path: str

    def url(self, number: int) -> str:
        return self.path if number == 1 else f"{self.path}?page={number}"

    @property
    def previous_url(self) -> str:
        return self.url(self.number - 1) if self.number > 1 else ""

    @property
    def next_url(self) -> str:
        return self.url(self.number + 1) if self.number < self.count else ""


def page_number(raw: str | None) -> int:
    if raw is None:
        return 1
    if not raw.isdigit() or int(raw) < 1:
        raise Http404("no such page")
    return int(raw)


def render(request: HttpRequest, item: dict[str, Any]) -> HttpResponse:
    number = page_number(request.GET.get("page"))
    listing = (
        api()
        .get(
            "columns/",
            {
                "locale": item["locale"],
                "limit": PER_PAGE,
                "offset": (number - 1) * PER_PAGE,
            },
        )
        .data
    )
    count = max(1, ceil(listing["count"] / PER_PAGE))
    if number > count:
        raise Http404("no such page")
    return render_page(
        request,
        "frontend/column_index.html",
        item,
        columns=listing["items"],
        page=Page(number, count, item.get("url") or request.path),
    )
