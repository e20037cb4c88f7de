"""Japanese titles get readable romaji slugs, on every path that makes a page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casestudies.models import CaseStudyPage
from cms.slugs import MAX_SLUG_LENGTH, client_side_slug, romaji_slug
from cms.translation import translate_page
from tests.factories import locale, make_case_study
from tests.workflows.pages import edit_data

JAPANESE_TITLE = "英語カフェで自己紹介"
JAPANESE_SLUG = "eigo-kafe-de-jikoshoukai"
MIXED_TITLE = "ALTと英語カフェ"


# The slug function on its own


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (JAPANESE_TITLE, JAPANESE_SLUG),
        (MIXED_TITLE, "alt-to-eigo-kafe"),
        ("ＡＬＴと英語カフェ２０２４", "alt-to-eigo-kafe-2024"),  # full-width
        ("東京都・港区のJET-ALT", "toukyouto-minatoku-no-jet-alt"),
        ("ｶﾀｶﾅ", "katakana"),  # half-width kana
        ("Café au lait", "cafe-au-lait"),
        ("English only", "english-only"),
    ],
)
def test_romaji_slugs_are_readable_ascii(title, slug):
    assert romaji_slug(title) == slug


def test_a_title_with_nothing_to_romanise_gets_a_stable_fallback():
    assert romaji_slug("😀").startswith("page-")
    assert romaji_slug("😀") == romaji_slug("😀") != romaji_slug("🎌")


def test_long_slugs_are_cut_on_a_word_boundary():
    slug = romaji_slug(JAPANESE_TITLE * 6)
    assert len(slug) <= MAX_SLUG_LENGTH
    assert slug.split("-")[-1] in JAPANESE_SLUG.split("-")


def test_the_client_side_port_matches_what_wagtails_script_leaves():
    assert client_side_slug(JAPANESE_TITLE) == ""
    assert client_side_slug(MIXED_TITLE) == "alt"
    assert client_side_slug("ALT\u3000英語") == "alt"  # JS \s has U+3000


# Programmatic creation (factories, importer, shell)


@pytest.mark.django_db
def test_add_child_gives_a_japanese_draft_a_romaji_slug(site_tree):
    page = CaseStudyPage(title=JAPANESE_TITLE, live=False)
    site_tree.school.add_child(instance=page)
    assert page.slug == JAPANESE_SLUG
    second = CaseStudyPage(title=JAPANESE_TITLE, live=False)
    site_tree.school.add_child(instance=second)
    assert second.slug == f"{JAPANESE_SLUG}-2"


@pytest.mark.django_db
def test_full_clean_fills_an_emptied_slug(site_tree):
    page = make_case_study(site_tree.school, title=JAPANESE_TITLE, slug="x")
    page.slug = ""
    page.full_clean()
    assert page.slug == JAPANESE_SLUG


@pytest.mark.django_db
def test_a_given_slug_is_kept(site_tree):
    page = make_case_study(site_tree.school, title=JAPANESE_TITLE, slug="my-slug")
    assert page.slug == "my-slug"


@pytest.mark.django_db
def test_the_english_translation_keeps_the_source_slug(site_tree):
    page = make_case_study(site_tree.school, title=JAPANESE_TITLE, slug="")
    assert page.slug == JAPANESE_SLUG
    english = translate_page(page, locale("en"), values={"title": "Self-intro"})
    assert english.slug == JAPANESE_SLUG
    assert english.url_path.endswith(f"/school/{JAPANESE_SLUG}/")


# The admin, as an editor uses it


def _add(client, parent, **changes):
    url = reverse(
        "wagtailadmin_pages:add", args=("casestudies", "casestudypage", parent.pk)
    )
    data = edit_data(CaseStudyPage(title="", prefecture="JP-04"), **changes)
    return client.post(url, data)


def _only_child(parent, title):
    return CaseStudyPage.objects.child_of(parent).get(title=title)


@pytest.mark.django_db
def test_a_japanese_draft_with_an_empty_slug_saves_with_a_romaji_slug(
    site_tree, editor_client
):
    response = _add(editor_client, site_tree.school, title=JAPANESE_TITLE, slug="")
    assert response.status_code == 302, response.context["form"].errors
    assert _only_child(site_tree.school, JAPANESE_TITLE).slug == JAPANESE_SLUG


@pytest.mark.django_db
def test_the_romaji_slug_is_unique_under_its_parent(site_tree, editor_client):
    make_case_study(site_tree.school, slug=JAPANESE_SLUG)
    response = _add(editor_client, site_tree.school, title=JAPANESE_TITLE, slug="")
    assert response.status_code == 302, response.context["form"].errors
    page = _only_child(site_tree.school, JAPANESE_TITLE)
    assert page.slug == f"{JAPANESE_SLUG}-2"


@pytest.mark.django_db
def test_the_lossy_slug_of_wagtails_script_is_replaced(site_tree, editor_client):
    # Another page already has "alt": the lossy slug would even have clashed.
    make_case_study(site_tree.school, slug="alt")
    response = _add(editor_client, site_tree.school, title=MIXED_TITLE, slug="alt")
    assert response.status_code == 302, response.context["form"].errors
    assert _only_child(site_tree.school, MIXED_TITLE).slug == "alt-to-eigo-kafe"


@pytest.mark.django_db
def test_a_typed_slug_is_kept(site_tree, editor_client):
    response = _add(
        editor_client, site_tree.school, title=JAPANESE_TITLE, slug="english-cafe"
    )
    assert response.status_code == 302, response.context["form"].errors
    assert _only_child(site_tree.school, JAPANESE_TITLE).slug == "english-cafe"


@pytest.mark.django_db
def test_a_typed_slug_must_be_ascii(site_tree, editor_client):
    response = _add(editor_client, site_tree.school, title=JAPANESE_TITLE, slug="英語")
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    assert not CaseStudyPage.objects.filter(title=JAPANESE_TITLE).exists()


@pytest.mark.django_db
def test_a_published_pages_slug_stays_even_if_lossy(site_tree, editor_client):
    page = make_case_study(site_tree.school, title=MIXED_TITLE, slug="alt")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = editor_client.post(url, edit_data(page, summary="更新しました。"))
    assert response.status_code == 302, response.context["form"].errors
    assert page.get_latest_revision_as_object().slug == "alt"
