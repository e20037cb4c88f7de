"""Render a page's API item as a preview: the real templates, marked as a draft.

The admin's preview (``CMS_PREVIEW_RENDERER``, called by ``BasePage.serve_preview``)
and the site's token preview (``frontend.views.preview``) both end here, so an
editor sees the page exactly as the public site would render it, plus a banner.
Nothing here goes through the page cache: a draft is never kept, and never
answers for the public URL it will later have.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.template import engines
from django.template.backends.django import Template
from django.template.response import TemplateResponse
from django.utils import translation

from frontend.views import errors
from frontend.views.pages import render_item

# Wraps whatever template the page type renders with: the page's own blocks,
# plus noindex and the banner. A wrapper rather than a flag in base.html, so no
# page template has to remember either.
PREVIEW_WRAPPER = (
    "{% extends preview_of %}"
    '{% block meta %}{{ block.super }}<meta name="robots" content="noindex">'
    "{% endblock %}"
    '{% block notices %}{% include "frontend/includes/preview_banner.html" %}'
    "{{ block.super }}{% endblock %}"
)


@lru_cache(maxsize=1)
def preview_wrapper() -> Template:
    return engines["django"].from_string(PREVIEW_WRAPPER)


def render_preview(request: HttpRequest, item: dict[str, Any]) -> HttpResponse:
    """``item`` (a draft's API item) in its page type's template, as a preview."""
    # The item's language, not the request's: a preview opened from the admin
    # runs under the editor's admin language, and the site's templates and the
    # API calls they make must speak the page's.
    with translation.override(item.get("locale")):
        try:
            response = render_item(request, item)
        except Http404:
            response = errors.not_found(request)
        if isinstance(response, TemplateResponse) and isinstance(
            response.template_name, str
        ):
            response.context_data = {
                **(response.context_data or {}),
                "preview": True,
                "preview_of": response.template_name,
            }
            response.template_name = preview_wrapper()
        if hasattr(response, "render"):
            response.render()  # inside the override: the templates translate
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    response["Content-Language"] = item.get("locale", "")
    return response
