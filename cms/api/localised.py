"""Resolve "page N in locale L, else the fallback locale" for detail endpoints."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from wagtail.models import Page

from cms.api.filters import locale_choice
from cms.api.selectors import is_public


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
    locale_choice(params)
    if pk > 2**31 - 1:
        return None
    key = model.objects.live().filter(pk=pk).values_list("translation_key").first()
    if key is None:
        return None
    group = model.objects.live().filter(translation_key=key[0]).select_related("locale")
    return localised_in_group(list(group), pk, params)


def localised_in_group(
    group: Sequence[Page], pk: int, params: Mapping[str, list[str]]
) -> tuple[Page, bool] | None:
    """``localised_page`` over a loaded translation group.

    ``group``: the live pages sharing ``pk``'s translation key; the ones that are
    not public are skipped here, as ``public_pages()`` would.
    """
    choice_ = locale_choice(params)
    public = [page for page in group if is_public(page)]
    page = next((candidate for candidate in public if candidate.pk == pk), None)
    if page is None:
        return None
    if "locale" not in params:
        return page, False
    for language, is_fallback in ((choice_.locale, False), (choice_.fallback, True)):
        if language is None:
            continue
        for candidate in (page, *public):
            if candidate.locale.language_code == language:
                return candidate, is_fallback
    return None
