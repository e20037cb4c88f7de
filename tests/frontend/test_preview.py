"""Previews render the site's own templates, marked as drafts; drafts stay private.

The admin's preview goes through Wagtail's own preview view (``PreviewOnEdit``):
the edit form is POSTed to the preview URL, then the preview is fetched, exactly
as the editor's browser does. The site's token preview reads the API's
``preview/`` through the client.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from casestudies.models import CaseStudyPage
from tests.factories import locale, make_case_study
from tests.workflows.pages import edit_data, paragraphs

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return get_user_model().objects.create_superuser("ed", "ed@example.com", "pw")


def home_form(page, **changes) -> dict:
    """The home page's edit form as the browser posts it, with ``changes``."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "seo_title": page.seo_title,
        "search_description": page.search_description,
        "go_live_at": "",
        "expire_at": "",
        "intro": rich_text(page.intro or "<p>紹介</p>"),
        "figures": streamfield([]),
        "featured": streamfield([]),
        "comments": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)


def admin_preview(client, page, **changes):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    posted = client.post(url, home_form(page, **changes))
    assert posted.json() == {"is_valid": True, "is_available": True}
    return client.get(url)


def cache_directives(response) -> set[str]:
    # The admin's own views add never_cache's directives to ours.
    return {part.strip() for part in response["Cache-Control"].split(",")}


def parsed(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def assert_is_a_site_preview(html: BeautifulSoup, language: str) -> None:
    assert html.html["lang"] == language
    # The site's layout (frontend/base.html), not a placeholder template.
    assert html.select_one("header.site-header a.site-title") is not None
    assert html.select_one("main#main") is not None
    robots = html.find("meta", attrs={"name": "robots"})
    assert robots is not None and robots["content"] == "noindex"
    banner = html.select_one("[data-preview]")
    assert banner is not None and banner.find("strong").get_text()


def test_the_admin_preview_shows_the_unsaved_title_in_the_site_template(
    site_tree, client, editor
):
    client.force_login(editor)
    response = admin_preview(client, site_tree.home, title="まだ保存していない題名")
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_directives(response)
    html = parsed(response)
    assert [h1.get_text(strip=True) for h1 in html.find_all("h1")] == [
        "まだ保存していない題名"
    ]
    assert_is_a_site_preview(html, "ja")
    assert html.select_one("[data-preview] strong").get_text() == "プレビュー"
    # Nothing was saved: the public home page still has its title.
    public = parsed(client.get("/ja/"))
    assert public.h1.get_text(strip=True) == "JET-ALT 活動事例集"
    assert public.find("meta", attrs={"name": "robots"}) is None
    assert public.select_one("[data-preview]") is None


def test_an_english_page_previews_in_english_from_a_japanese_admin(
    site_tree, client, editor
):
    client.force_login(editor)
    english_home = site_tree.home.get_translation(locale("en"))
    response = admin_preview(client, english_home, title="Not saved yet")
    html = parsed(response)
    assert html.h1.get_text(strip=True) == "Not saved yet"
    assert_is_a_site_preview(html, "en")
    assert html.select_one("[data-preview] strong").get_text() == "Preview"


def _token(client, editor, page) -> str:
    client.force_login(editor)
    response = client.post(
        "/api/v1/preview/token/", {"page": page.pk}, content_type="application/json"
    )
    client.logout()
    assert response.status_code == 200, response.content
    return response.json()["token"]


def test_the_site_preview_shows_a_draft_revision_with_a_token(
    site_tree, client, editor
):
    home = site_tree.home
    home.title = "下書きの題名"
    home.save_revision(user=editor)  # a draft: the live page keeps its title
    response = client.get("/ja/_preview/", {"token": _token(client, editor, home)})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    html = parsed(response)
    assert html.h1.get_text(strip=True) == "下書きの題名"
    assert_is_a_site_preview(html, "ja")
    # The draft never reaches the public URL, before or after its preview.
    assert parsed(client.get("/ja/")).h1.get_text(strip=True) == "JET-ALT 活動事例集"


@pytest.mark.parametrize("query", [{}, {"token": ""}, {"token": "forged:token"}])
def test_the_site_preview_without_a_valid_token_is_a_404(site_tree, client, query):
    response = client.get("/ja/_preview/", query)
    assert response.status_code == 404
    assert response["Cache-Control"] == "private, no-store"
    assert parsed(response).h1 is not None  # the site's 404 page, not a bare body


def test_a_token_signed_with_another_key_is_a_404(site_tree, client, editor):
    token = _token(client, editor, site_tree.home)
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    assert client.get("/ja/_preview/", {"token": forged}).status_code == 404


def test_a_draft_is_never_visible_on_its_public_url(site_tree, client):
    make_case_study(
        site_tree.school, slug="secret-draft", title="下書きの事例", publish=False
    )
    response = client.get("/ja/school/secret-draft/")
    assert response.status_code == 404
    assert "下書きの事例" not in response.content.decode()


def test_the_site_preview_speaks_the_draft_s_language_whatever_the_prefix(
    site_tree, client, editor
):
    english_home = site_tree.home.get_translation(locale("en"))
    english_home.title = "Draft title"
    english_home.save_revision(user=editor)
    token = _token(client, editor, english_home)
    html = parsed(client.get("/ja/_preview/", {"token": token}))
    assert html.h1.get_text(strip=True) == "Draft title"
    assert_is_a_site_preview(html, "en")


def test_a_new_page_previews_before_it_is_ever_saved(site_tree, client, editor):
    client.force_login(editor)
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=["casestudies", "casestudypage", site_tree.school.pk],
    )
    data = edit_data(
        CaseStudyPage(title="新しい事例の下書き", slug="new-case", summary="要約"),
        body=paragraphs("<p>本文</p>"),
    )
    assert client.post(url, data).json()["is_valid"] is True
    response = client.get(url)
    assert response.status_code == 200
    html = parsed(response)
    assert html.h1.get_text(strip=True) == "新しい事例の下書き"
    assert_is_a_site_preview(html, "ja")
