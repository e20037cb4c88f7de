"""The two locale roots serve /ja/ and /en/; the admin speaks each user's language."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db


def test_locale_roots_serve_each_language(site_tree, client):
    ja = client.get("/ja/")
    en = client.get("/en/")
    assert ja.status_code == en.status_code == 200
    assert "JET-ALT 活動事例集" in ja.text
    assert '<html lang="ja">' in ja.text
    assert "JET-ALT Casebook" in en.text
    assert '<html lang="en">' in en.text


def test_the_site_root_redirects_to_the_japanese_edition(site_tree, client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/ja/"


def test_section_pages_exist_in_both_trees(site_tree, client):
    assert "多彩！教室で活躍するJET-ALT" in client.get("/ja/school/").text
    assert "JET-ALTs in the community" in client.get("/en/community/").text
    assert client.get("/en/columns/").status_code == 200


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
