"""Tell the kernel's roles and workflows which of this app's pages they cover."""

from __future__ import annotations

from cms.workflows import places
from cms.workflows.roles import Place
from cms.workflows.setup import PAGE_WORKFLOW


def _home_pages():
    from home.models import HomePage

    return HomePage.objects.order_by("path")


def _translation_homes():
    from home.site_structure import SOURCE_LANGUAGE

    # Each translated home page and everything below it.
    return _home_pages().exclude(locale__language_code=SOURCE_LANGUAGE)


def register() -> None:
    places.register_place(Place.TRANSLATION_TREE, _translation_homes)
    # Everything below the home pages that no closer workflow covers (columns).
    places.register_workflow_roots(PAGE_WORKFLOW, "home pages", _home_pages)
