"""The two locale roots serve /ja/ and /en/; the admin speaks each user's language.

The pages are the public site's (frontend/), read from the API: the facts are
checked in the parsed HTML, where a reader and a crawler find them.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db


def page(client, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_locale_roots_serve_each_language(site_tree, client):
    ja = page(client, "/ja/")
    en = page(client, "/en/")
    assert ja.html["lang"] == "ja"
    assert ja.h1.get_text(strip=True) == "JET-ALT 活動事例集"
    assert ja.select_one(".site-title").get_text(strip=True) == "JET-ALT 活動事例集"
    assert en.html["lang"] == "en"
    assert en.h1.get_text(strip=True) == "JET-ALT Casebook"
    # Each root links to the other as its translation.
    assert ja.find("link", rel="alternate", hreflang="en")["href"].endswith("/en/")
    assert en.find("link", rel="alternate", hreflang="ja")["href"].endswith("/ja/")


def test_the_site_root_redirects_to_the_japanese_edition(site_tree, client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/ja/"


def test_section_pages_exist_in_both_trees(site_tree, client):
    assert page(client, "/ja/school/").h1.get_text(strip=True) == (
        "多彩！教室で活躍するJET-ALT"
    )
    assert page(client, "/en/community/").h1.get_text(strip=True) == (
        "JET-ALTs in the community"
    )
    assert page(client, "/en/columns/").html["lang"] == "en"
    # The home page's navigation lists both sections and the column series.
    navigation = page(client, "/ja/").select(".site-nav a")
    assert [a["href"] for a in navigation] == [
        "/ja/",
        "/ja/school/",
        "/ja/community/",
        "/ja/columns/",
    ]


def test_admin_is_japanese_by_default_and_english_by_preference(
    site_tree, admin_client, admin_user
):
    dashboard = reverse("wagtailadmin_home")
    assert "ダッシュボード" in admin_client.get(dashboard).text
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    assert "Dashboard" in admin_client.get(dashboard).text


def test_the_demo_admin_gets_a_japanese_admin_even_from_an_english_browser(db, client):
    from home.demo_users import DEMO_ADMIN, DEMO_PASSWORD, ensure_demo_admin

    ensure_demo_admin()
    client.login(username=DEMO_ADMIN, password=DEMO_PASSWORD)
    response = client.get(
        reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"
    )
    assert "ダッシュボード" in response.text
