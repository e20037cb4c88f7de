"""Any Wagtail page URL: ask the API's ``find`` what is there, render it by type.

Each page type has a view module with ``render(request, item)``; this module
only routes. A type the site does not know yet is a 404, never a raw dump.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language

from frontend.client import ApiError, api
from frontend.page_cache import cached_page
from frontend.views import errors

# API item type → the view module that renders it.
RENDERERS: dict[str, str] = {
    "home": "frontend.views.home",
    "case_study_index": "frontend.views.section",
    "case_study": "frontend.views.case_study",
    "column_index": "frontend.views.column_index",
    "column": "frontend.views.column",
}


def page(request: HttpRequest, path: str = "") -> HttpResponse:
    return cached_page(request, lambda: render_url(request), errors.not_found)


def render_url(request: HttpRequest) -> HttpResponse:
    try:
        item = api().find(request.path).data
    except ApiError as error:
        if error.status in (400, 404):
            raise Http404(request.path) from error
        raise
    return render_item(request, item)


def render_item(request: HttpRequest, item: dict[str, Any]) -> HttpResponse:
    """The page for an API item (``find`` or a preview) in its own template."""
    module = RENDERERS.get(item.get("type", ""))
    if module is None or item.get("locale") != get_language():
        raise Http404(item.get("url") or "")
    return import_module(module).render(request, item)
