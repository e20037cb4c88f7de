"""What every page's template gets: the site's navigation and the language switch."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language

from frontend.client import api


def other_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != get_language()]


def language_name(code: str) -> str:
    return dict(settings.LANGUAGES).get(code, code)


def home_item(language: str | None = None) -> dict[str, Any]:
    """The locale's home item: the site title, the figures and the navigation."""
    return api().get("home/", {"locale": language or get_language()}).data


def home_url(language: str) -> str:
    with translation.override(language):
        return reverse("wagtail_serve", args=("",))


def language_links(item: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """One link per other language: the translation, or that language's home.

    ``missing`` says the page itself has no translation there, so the switch can
    say so instead of silently landing on a different page.
    """
    translations = {
        t["locale"]: t for t in (item or {}).get("translations", []) if t.get("url")
    }
    links = []
    for code in other_languages():
        found = translations.get(code)
        links.append(
            {
                "code": code,
                "name": language_name(code),
                "url": found["url"] if found else home_url(code),
                "missing": found is None,
                "behind": bool(found and found.get("behind")),
            }
        )
    return links


def page_context(
    request: HttpRequest, item: Mapping[str, Any] | None, **extra: Any
) -> dict[str, Any]:
    home = home_item()
    return {
        "home": home,
        "navigation": home.get("sections", []),
        "item": item,
        "language_links": language_links(item),
        "canonical_url": request.build_absolute_uri(
            (item or {}).get("url") or request.path
        ),
        **extra,
    }


def render_page(
    request: HttpRequest,
    template: str,
    item: Mapping[str, Any] | None,
    *,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    return TemplateResponse(
        request, template, page_context(request, item, **extra), status=status
    )
