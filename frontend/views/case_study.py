"""A case study's page: the item, the taxonomy its tag matrix is printed from,
the cases and columns to read next, and its OpenGraph and schema.org data."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from frontend.client import ApiError, api
from frontend.templatetags.frontend_case import place_name
from frontend.views.common import render_page

RELATED_LIMIT = 3


def render(request: HttpRequest, item: dict[str, Any]) -> HttpResponse:
    language = item.get("locale") or get_language()
    hero_url = absolute_image_url(request, item.get("hero_image"))
    canonical = request.build_absolute_uri(item.get("url") or request.path)
    return render_page(
        request,
        "frontend/case_study.html",
        item,
        taxonomy_groups=taxonomy_groups(language),
        related_cases=related_cases(item, language),
        related_columns=related_columns(item, language),
        og_image=hero_url,
        json_ld=case_json_ld(item, canonical_url=canonical, image_url=hero_url),
    )


def taxonomy_groups(language: str) -> list[dict[str, Any]]:
    """Every tag group with all its tags, for the matrix; none if unanswered
    (the matrix then shows only the case's own tags)."""
    try:
        return api().get("taxonomy/", {"locale": language}).data["tag_groups"]
    except ApiError:
        return []


def related_cases(item: Mapping[str, Any], language: str) -> list[dict[str, Any]]:
    """The API's ranking of cases to read next; none when it has no answer
    (a preview of a case not yet public, or an API without the route)."""
    if not item.get("id"):
        return []
    try:
        response = api().get(
            f"case-studies/{item['id']}/related/",
            {"locale": language, "limit": RELATED_LIMIT},
        )
    except ApiError:
        return []
    return response.data.get("items", [])


def related_columns(item: Mapping[str, Any], language: str) -> list[dict[str, Any]]:
    """Each related column's list item (portrait, byline); a bare link when its
    detail is not public any more, so the reader still gets the title."""
    columns = []
    for link in item.get("related_columns", []):
        try:
            columns.append(
                api().get(f"columns/{link['id']}/", {"locale": language}).data
            )
        except ApiError:
            continue
    return columns


def largest_rendition(image: Mapping[str, Any] | None) -> str:
    """The widest JPEG of an API image (what social previews want), or ""."""
    if not image or not image.get("ready"):
        return ""
    rendition = (image.get("renditions") or {}).get("jpeg") or {}
    candidates = [
        part.strip().split(" ") for part in rendition.get("srcset", "").split(",")
    ]
    widths = [
        (int(size[1].rstrip("w")), size[0])
        for size in candidates
        if len(size) == 2 and size[1].rstrip("w").isdigit()
    ]
    return max(widths)[1] if widths else rendition.get("src", "")


def absolute_image_url(request: HttpRequest, image: Mapping[str, Any] | None) -> str:
    src = largest_rendition(image)
    return request.build_absolute_uri(src) if src else ""


def case_json_ld(
    item: Mapping[str, Any], *, canonical_url: str, image_url: str
) -> dict[str, Any]:
    """The case as a schema.org Article; empty values are left out, not sent blank."""
    tag_names = [
        tag["name"] for group in item.get("tags", []) for tag in group.get("tags", [])
    ]
    theme_names = [theme["name"] for theme in item.get("themes", [])]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": item.get("title", ""),
        "name": item.get("title", ""),
        "inLanguage": item.get("locale", ""),
        "url": canonical_url,
        "mainEntityOfPage": canonical_url,
        "description": item.get("summary", ""),
        "datePublished": item.get("first_published_at"),
        "dateModified": item.get("last_published_at"),
        "image": [image_url] if image_url else None,
        "keywords": tag_names + theme_names,
        "about": [
            {
                "@type": "DefinedTerm",
                "name": tag["name"],
                "inDefinedTermSet": {"@type": "DefinedTermSet", "name": group["label"]},
            }
            for group in item.get("tags", [])
            for tag in group.get("tags", [])
        ]
        + [{"@type": "DefinedTerm", "name": name} for name in theme_names],
        "contentLocation": place(item),
    }
    return {key: value for key, value in data.items() if value}


def place(item: Mapping[str, Any]) -> dict[str, Any] | None:
    prefecture = (item.get("prefecture") or {}).get("name", "")
    municipality = item.get("municipality", "")
    if not prefecture and not municipality:
        return None
    address = {"@type": "PostalAddress", "addressCountry": "JP"}
    if prefecture:
        address["addressRegion"] = prefecture
    if municipality:
        address["addressLocality"] = municipality
    return {"@type": "Place", "name": place_name(item), "address": address}
