"""Resolve "page N in locale L, else the fallback locale" for detail endpoints."""

from __future__ import annotations

from collections.abc import Mapping

from wagtail.models import Page

from cms.api.filters import locale_choice
from cms.api.selectors import public_pages


def localised_page(
    model: type[Page], pk: int, params: Mapping[str, list[str]]
) -> tuple[Page, bool] | None:
    """(page, fallback_used) for ``pk`` in the requested locale, or None.

    Without ``locale`` the page itself is returned. With it, the published
    translation in that locale; failing that, with ``fallback``, the version in
    the fallback locale, marked as a fallback.
    """
    # Checked even when ``locale`` is absent and fallback is unused: a bad value
    # is a 400 on every endpoint, never silently ignored.
    choice = locale_choice(params)
    if pk > 2**31 - 1:
        return None
    pages = public_pages(model).select_related("locale")
    page = pages.filter(pk=pk).first()
    if page is None:
        return None
    if "locale" not in params:
        return page, False
    for language, is_fallback in ((choice.locale, False), (choice.fallback, True)):
        if language is None:
            continue
        if page.locale.language_code == language:
            return page, is_fallback
        version = pages.filter(
            translation_key=page.translation_key, locale__language_code=language
        ).first()
        if version is not None:
            return version, is_fallback
    return None
