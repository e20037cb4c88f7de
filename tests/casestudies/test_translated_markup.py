"""Markup a translator types in wagtail-localize's own editor never reaches a page.

That editor saves strings as ``StringTranslation`` rows and publishes through
wagtail-localize's ``Translation.save_target``, not through
``cms/rich_text_input.py``. wagtail-localize guards that path itself: a translated
string may hold only attribute-less inline tags (``<a>`` keeps just its ``id``, and
its target comes back from the source), anything else marks the string
``has_error`` and the page keeps the source's text there. These tests hold it to
that, so an upgrade that loosens it fails here.
"""

from __future__ import annotations

import pytest
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from cms.translation import translate_page
from tests.factories import locale, make_case_study


def _latest(page):
    """The page's latest revision, read afresh (the instance caches its own)."""
    return type(page).objects.get(pk=page.pk).get_latest_revision_as_object()


HOSTILE = [
    "<script>alert(1)</script>Quizzes",
    '<b onclick="steal()">Quizzes</b>',
    '<a href="javascript:steal()">Quizzes</a>',
    '<iframe src="https://evil.example/"></iframe>Quizzes',
    '<img src=x onerror="steal()">Quizzes',
]


@pytest.mark.parametrize("typed", HOSTILE)
def test_hostile_markup_typed_in_the_editor_is_refused_and_never_stored(
    site_tree, typed
):
    page = make_case_study(site_tree.school, slug="typed", devised="<p>クイズ。</p>")
    english = translate_page(page, locale("en"), values={"title": "Typed"})
    source = TranslationSource.objects.get(object_id=page.translation_key)
    segment = StringSegment.objects.get(source=source, context__path="devised")
    string = StringTranslation.objects.create(
        translation_of=segment.string,
        locale=locale("en"),
        context=segment.context,
        data=typed,
    )
    string.refresh_from_db()
    assert string.has_error, typed  # the editor shows it as an error

    # What the editor's "Publish" or "Save" does: wagtail-localize's own write.
    Translation.objects.get(source=source, target_locale=locale("en")).save_target(
        publish=False
    )
    stored = _latest(english).devised
    for marker in ("script", "onclick", "javascript", "iframe", "onerror", "steal"):
        assert marker not in stored, (typed, stored)
    assert stored == "<p>クイズ。</p>"  # the source's text stays until fixed


def test_a_clean_translation_typed_the_same_way_is_used(site_tree):
    """The control: the path above does write translated strings to the page."""
    page = make_case_study(site_tree.school, slug="typed", devised="<p>クイズ。</p>")
    english = translate_page(page, locale("en"), values={"title": "Typed"})
    source = TranslationSource.objects.get(object_id=page.translation_key)
    segment = StringSegment.objects.get(source=source, context__path="devised")
    StringTranslation.objects.create(
        translation_of=segment.string,
        locale=locale("en"),
        context=segment.context,
        data="<b>Quizzes</b>.",
    )
    Translation.objects.get(source=source, target_locale=locale("en")).save_target(
        publish=False
    )
    assert _latest(english).devised == "<p><b>Quizzes</b>.</p>"
