"""The home page of a locale: figures, the two sections, featured cases."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from frontend.client import ApiError, api
from frontend.views.common import render_page


def render(request: HttpRequest, item: dict[str, Any]) -> HttpResponse:
    client = api()
    sections = []
    for link in item.get("sections", []):
        if link["type"] != "case_study_index":
            continue
        # The printed heading (多彩！… / 輝く！…) lives on the section page.
        sections.append(client.find(link["url"]).data)
    featured = []
    for block in item.get("featured", []):
        link = block["value"]
        try:
            featured.append(
                client.get(
                    f"case-studies/{link['id']}/", {"locale": item["locale"]}
                ).data
            )
        except ApiError:  # unpublished since it was featured: leave it out
            continue
    columns = next(
        (link for link in item.get("sections", []) if link["type"] == "column_index"),
        None,
    )
    return render_page(
        request,
        "frontend/home.html",
        item,
        sections=sections,
        featured=featured,
        columns_link=columns,
    )
