"""What the domain apps contribute to the API: their routes and their page types.

The kernel names no app. Each app that has something to serve registers it from
its ``AppConfig.ready()`` (see ``cms/api/README.md`` for a worked example):

* ``register_routes(patterns, purge=(…))``: URL patterns mounted under
  ``/api/v1/`` in the ``cms_api`` namespace; ``purge`` names those of them whose
  body any publish can change (listings), for the CDN purge;
* ``register_page_type(PageType(…))``: a page model, the builder of its detail
  item and the serializer that documents it. ``pages/find/`` and ``preview/``
  serve any registered type, and the type's serializer becomes one member of
  their polymorphic response.

Registration happens before the first request (URLs and the schema are read
lazily), and registering the same thing twice is harmless.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver
from rest_framework.serializers import Serializer
from wagtail.models import Page

DetailBuilder = Callable[[Page, Mapping[str, Any], bool], dict[str, Any]]


@dataclass(frozen=True)
class PageType:
    """How the API shows one page model (and its subclasses)."""

    model: type[Page]
    serializer: type[Serializer]  # the detail item's shape
    detail: DetailBuilder  # (specific page, context, fallback_used) → item
    detail_route: str | None = None  # URL name of its detail endpoint, if any


_ROUTES: list[URLPattern | URLResolver] = []
_PURGE_ROUTES: list[str] = []
_PAGE_TYPES: dict[type[Page], PageType] = {}


def register_routes(
    patterns: Sequence[URLPattern | URLResolver], *, purge: Sequence[str] = ()
) -> None:
    for pattern in patterns:
        if pattern not in _ROUTES:
            _ROUTES.append(pattern)
    for name in purge:
        if name not in _PURGE_ROUTES:
            _PURGE_ROUTES.append(name)


def register_page_type(page_type: PageType) -> None:
    _PAGE_TYPES[page_type.model] = page_type


def routes() -> list[URLPattern | URLResolver]:
    return list(_ROUTES)


def purge_routes() -> list[str]:
    """Names of the routes a publish may change, whatever the page."""
    return list(_PURGE_ROUTES)


def page_types() -> list[PageType]:
    return list(_PAGE_TYPES.values())


def page_type_of(page: Page) -> PageType | None:
    """The registered type of ``page`` (its own class or the nearest base)."""
    for cls in (page.specific_class or type(page)).__mro__:
        if cls in _PAGE_TYPES:
            return _PAGE_TYPES[cls]
    return None
