"""English pages come from wagtail-localize; syncing the Japanese source updates
their segments and marks what is out of date."""

import pytest

from casestudies.models import CaseStudyPage, ColumnPage
from cms.translation import (
    TranslationMismatchError,
    sync_translations,
    translate_page,
    translation_status,
)
from tests.factories import ImageFactory, locale, make_case_study, make_column, tags

pytestmark = pytest.mark.django_db

ENGLISH = {
    "title": "Making the ALT Journal",
    "summary": "An ALT's-eye reader about places around the prefecture.",
    "body": [{"type": "paragraph", "value": "<p>Published every month.</p>"}],
    "devised": "<p>Quizzes were added.</p>",
    "challenges": "<p>Choosing topics.</p>",
}


def _english_of(page):
    return CaseStudyPage.objects.get(
        translation_key=page.translation_key, locale=locale("en")
    )


def test_translation_lands_in_the_english_tree_with_translated_text(site_tree):
    ja = make_case_study(site_tree.school, municipality="仙台市")
    en = translate_page(ja, locale("en"), values=ENGLISH, publish=True)
    assert en.locale.language_code == "en"
    assert en.get_parent().specific.locale.language_code == "en"
    assert en.url == "/en/school/alt-journal/"
    assert en.title == "Making the ALT Journal"
    assert en.body[0].value.source == "<p>Published every month.</p>"


def test_taxonomy_prefecture_slug_and_images_are_synchronised(site_tree):
    image = ImageFactory()
    ja = make_case_study(
        site_tree.school, hero_image=image, hero_image_alt="表紙の写真"
    )
    en = translate_page(
        ja, locale("en"), values={**ENGLISH, "hero_image_alt": "Cover"}, publish=True
    )
    assert en.prefecture == ja.prefecture == "JP-04"
    assert en.slug == ja.slug
    assert en.hero_image_id == image.pk
    assert en.hero_image_alt == "Cover"  # alt text is translated, the image is not
    assert set(en.tags.values_list("slug", flat=True)) == {"jet-alt", "junior-high"}


def test_syncing_after_a_source_edit_updates_segments_and_marks_them_behind(
    site_tree,
):
    ja = make_case_study(site_tree.school)
    en = translate_page(ja, locale("en"), values=ENGLISH, publish=True)
    status = translation_status(en)
    assert status and not status.behind

    draft = ja.get_latest_revision_as_object()
    draft.summary = "要約を書き直した。"
    draft.tags.set(tags("with-cir", "residents"))
    draft.save_revision().publish()
    assert translation_status(en).source_changed_since_sync  # not yet synced

    sync_translations(CaseStudyPage.objects.get(pk=ja.pk), publish=True)
    en = _english_of(ja)
    status = translation_status(en)
    assert not status.source_changed_since_sync
    assert status.translated_segments == status.total_segments - 1
    assert status.behind
    assert en.summary == "要約を書き直した。"  # untranslated: falls back to source
    assert en.title == "Making the ALT Journal"  # translated strings survive
    assert set(en.tags.values_list("slug", flat=True)) == {"with-cir", "residents"}


def test_a_translation_must_keep_the_source_block_structure(site_tree):
    ja = make_case_study(site_tree.school)
    extra = [*ENGLISH["body"], {"type": "paragraph", "value": "<p>Extra</p>"}]
    with pytest.raises(TranslationMismatchError) as caught:
        translate_page(ja, locale("en"), values={**ENGLISH, "body": extra})
    assert caught.value.path == "body"
    assert not CaseStudyPage.objects.filter(locale=locale("en")).exists()


def test_a_column_can_be_written_in_english_first(site_tree):
    en_index = site_tree.columns.get_translation(locale("en"))
    en = make_column(
        en_index,
        title="Why I started an English café",
        home_country="United States",
        placement="An elementary school in Kumamoto City",
        summary="Notes on a weekly staff-room café.",
        body=[{"type": "paragraph", "value": "<p>Every Tuesday.</p>"}],
    )
    ja = translate_page(
        en,
        locale("ja"),
        values={
            "title": "イングリッシュ・カフェを始めた理由",
            "home_country": "アメリカ",
        },
        publish=True,
    )
    assert isinstance(ja, ColumnPage)
    assert ja.url == "/ja/columns/english-cafe-column/"
    assert ja.title == "イングリッシュ・カフェを始めた理由"
    assert ja.author_name == "Bailey Gaudin"
    assert translation_status(ja).source_locale == "en"


def test_a_column_points_at_the_case_study_of_its_own_locale(site_tree):
    case_ja = make_case_study(site_tree.school)
    case_en = translate_page(case_ja, locale("en"), values=ENGLISH, publish=True)
    column_ja = make_column(site_tree.columns, related_case_study=case_ja)
    column_en = translate_page(column_ja, locale("en"), publish=True)
    assert column_en.related_case_study_id == case_en.pk
