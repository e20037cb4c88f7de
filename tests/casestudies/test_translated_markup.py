"""Markup a translator types in wagtail-localize's own editor never reaches a page.

That editor saves strings as ``StringTranslation`` rows and publishes through
wagtail-localize's ``Translation.save_target``, not through
``cms/rich_text_input.py``. wagtail-localize guards that path itself: a translated
string may hold only attribute-less inline tags (``<a>`` keeps just its ``id``, and
its target comes back from the source), anything else marks the string
``has_error`` and the page keeps the source's text there. These tests hold it to
that, so an upgrade that loosens it fails here.

The inline tags it does let through (``<code>``, ``<abbr>``, ``<strong>``…) are
its own fixed list, not the field's features; what reaches the page is then
held to the field's features as Wagtail's editor would store it
(``cms.translation.clean_translated_rich_text``), whichever path wrote it: the
real ``Translation.save_target``, a publish, or the editor's own views.
"""

from __future__ import annotations

import pytest
from django.test import TestCase
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from wagtail.models import Revision
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from casestudies.models import CaseStudyPage
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


# -- held to the field's features -------------------------------------------------

# Typed into ``devised`` (PARAGRAPH_FEATURES: bold, italic, lists, links):
# wagtail-localize accepts each, the editor could store none of them as typed.
OUTSIDE_FEATURES = [
    ("<code>print</code> quizzes", "<p>print quizzes</p>"),
    ("<abbr>ALT</abbr> quizzes", "<p>ALT quizzes</p>"),
    ("<acronym>JET</acronym> quizzes", "<p>JET quizzes</p>"),
    ("<strong>Quizzes</strong> first", "<p><b>Quizzes</b> first</p>"),
    ("<em>Quizzes</em> first", "<p><i>Quizzes</i> first</p>"),
]


def _typed_page(site_tree):
    """A case study with a synced English translation, and its Translation."""
    page = make_case_study(site_tree.school, slug="typed", devised="<p>クイズ。</p>")
    english = translate_page(page, locale("en"), values={"title": "Typed"})
    source = TranslationSource.objects.get(object_id=page.translation_key)
    translation = Translation.objects.get(source=source, target_locale=locale("en"))
    return english, translation


def _type(translation: Translation, path: str, typed: str) -> StringTranslation:
    """Store ``typed`` as the translation editor does (a StringTranslation row)."""
    segment = StringSegment.objects.get(
        source=translation.source, context__path__startswith=path
    )
    return StringTranslation.objects.create(
        translation_of=segment.string,
        locale=translation.target_locale,
        context=segment.context,
        data=typed,
    )


def _row(page) -> CaseStudyPage:
    """The page row as stored (what the site and the API serve)."""
    return CaseStudyPage.objects.get(pk=page.pk)


@pytest.mark.parametrize(("typed", "stored"), OUTSIDE_FEATURES)
def test_save_target_stores_typed_tags_as_the_editor_would(site_tree, typed, stored):
    english, translation = _typed_page(site_tree)
    string = _type(translation, "devised", typed)
    string.refresh_from_db()
    assert not string.has_error  # wagtail-localize itself lets it through
    revisions = Revision.objects.filter(object_id=str(english.pk)).count()

    translation.save_target(publish=False)  # upstream's own write, called directly

    assert _latest(english).devised == stored
    assert _row(english).devised == stored
    # Cleaned in place: one revision for one save, as without the cleaning.
    assert Revision.objects.filter(object_id=str(english.pk)).count() == revisions + 1


def test_a_stream_paragraph_is_held_to_its_blocks_features(site_tree):
    english, translation = _typed_page(site_tree)
    _type(translation, "body.", "<code>Monthly</code> <strong>issues</strong>.")
    translation.save_target(publish=False)
    assert _latest(english).body[0].value.source == "<p>Monthly <b>issues</b>.</p>"


def test_the_fields_own_feature_list_decides(site_tree, monkeypatch):
    """Bold is refused once the field's features leave it out: the list is the
    field's, not a project-wide one."""
    english, translation = _typed_page(site_tree)
    field = CaseStudyPage._meta.get_field("devised")
    monkeypatch.setattr(field, "features", ["italic"])
    _type(translation, "devised", "<b>Quizzes</b> and <i>games</i>")
    translation.save_target(publish=False)
    assert _latest(english).devised == "<p>Quizzes and <i>games</i></p>"


def test_a_publish_makes_the_cleaned_text_live(site_tree):
    english, translation = _typed_page(site_tree)
    _type(translation, "devised", "<code>print</code> quizzes")
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(publish=True)  # upstream publishes on commit
    live = _row(english)
    assert live.live
    assert live.devised == "<p>print quizzes</p>"
    assert live.live_revision.as_object().devised == "<p>print quizzes</p>"


def test_the_translation_editor_publishes_what_the_editor_would_store(
    site_tree, admin_client
):
    """Typed through the editor's own string endpoint, published with its button."""
    english, translation = _typed_page(site_tree)
    segment = StringSegment.objects.get(
        source=translation.source, context__path="devised"
    )
    response = admin_client.put(
        reverse(
            "wagtail_localize:edit_string_translation",
            args=[translation.pk, segment.pk],
        ),
        data=encode_multipart(BOUNDARY, {"value": "<abbr>ALT</abbr> quizzes"}),
        content_type=MULTIPART_CONTENT,
    )
    assert response.status_code == 201, response.content
    assert response.json()["error"] is None  # accepted as typed
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = admin_client.post(
            reverse("wagtailadmin_pages:edit", args=[english.pk]),
            {"action": "publish"},
        )
    assert response.status_code == 302
    live = _row(english)
    assert live.live_revision.as_object().devised == "<p>ALT quizzes</p>"
    assert live.devised == "<p>ALT quizzes</p>"


def test_a_stopped_translation_is_left_to_wagtails_own_editor(site_tree):
    """Only wagtail-localize's writes are cleaned here: once a translation is
    stopped, the page is an ordinary page again."""
    english, translation = _typed_page(site_tree)
    translation.enabled = False
    translation.save()
    page = _row(english)
    page.devised = "<p><code>kept</code></p>"
    page.save()
    assert _row(english).devised == "<p><code>kept</code></p>"
