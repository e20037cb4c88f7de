"""Reads of the home page item beyond its own fields."""

from __future__ import annotations

from wagtail.models import Page

from cms.api.selectors import public_pages


def public_children(page: Page) -> list[Page]:
    """The home page's public child pages in menu (tree) order, with locales.

    They are the casebook's sections and the column index: what the site's
    navigation and the home page's section tiles link to.
    """
    return list(public_pages().child_of(page).select_related("locale").order_by("path"))
