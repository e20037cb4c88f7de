"""The translation editor's link to its source, for people who may only read it.

wagtail-localize's editor heads the page with "日本語 → English", where 日本語
links to the source page's *edit* view. Translators may not edit the Japanese
tree (Wagtail has no read-only page permission, wagtail #5482), so that link
ended on "no permission". For a user who cannot edit the source but may use the
translators' read-only source view (``cms.translators.wagtail_5482``), the link
goes there instead; everyone else keeps upstream's edit link.
"""

from __future__ import annotations

from django.urls import reverse
from wagtail.models import Page

from cms.translators.dashboard import is_translator
from cms.translators.wagtail_5482 import source_pages


def readable_source_link(source_translation: dict, translation, user) -> dict:
    """``source_translation`` (upstream's {"editUrl", "locale", …}), with an
    ``editUrl`` this user can open."""
    source = translation.source.get_source_instance()
    if not isinstance(source, Page) or not is_translator(user):
        return source_translation
    if source.permissions_for_user(user).can_edit():
        return source_translation
    if not source_pages().filter(pk=source.pk).exists():
        return source_translation  # not one of the sources the view shows
    return {
        **source_translation,
        "editUrl": reverse("translators_sources:preview", args=[source.pk]),
    }
