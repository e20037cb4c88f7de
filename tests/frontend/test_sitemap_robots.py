"""``/sitemap.xml`` lists every public page with its hreflang set; ``/robots.txt``
keeps crawlers out of the admin, the API and previews and points at the sitemap."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from cms.translation import translate_page
from frontend.views import sitemap as sitemap_view
from tests.factories import locale, make_case_study

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


@pytest.fixture
def content(site_tree):
    """A translated case, an untranslated one and a draft."""
    journal = make_case_study(site_tree.school, slug="alt-journal")
    translate_page(
        journal, locale("en"), values={"title": "The ALT Journal"}, publish=True
    )
    make_case_study(site_tree.community, slug="world-culture", title="世界の文化")
    make_case_study(site_tree.school, slug="secret-draft", publish=False)
    return journal


def entries(response) -> dict[str, dict]:
    """``<loc>`` → its lastmod and ``{hreflang: href}``, from the parsed XML."""
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{NS['sm']}}}urlset"
    found = {}
    for url in root.findall("sm:url", NS):
        lastmod = url.find("sm:lastmod", NS)
        found[url.find("sm:loc", NS).text] = {
            "lastmod": lastmod.text if lastmod is not None else None,
            "alternates": {
                link.get("hreflang"): link.get("href")
                for link in url.findall("xhtml:link", NS)
                if link.get("rel") == "alternate"
            },
        }
    return found


def test_every_public_page_is_listed_with_its_alternates_across_api_pages(
    content, client, monkeypatch
):
    # Two entries per API page: the sitemap must walk the whole listing.
    monkeypatch.setattr(sitemap_view, "PAGE_SIZE", 2)
    listed = entries(client.get("/sitemap.xml"))
    origin = "http://testserver"
    assert set(listed) == {
        origin + url
        for url in (
            "/ja/",
            "/ja/school/",
            "/ja/community/",
            "/ja/columns/",
            "/ja/school/alt-journal/",
            "/ja/community/world-culture/",
            "/en/",
            "/en/school/",
            "/en/community/",
            "/en/columns/",
            "/en/school/alt-journal/",
        )
    }
    both = {
        "ja": origin + "/ja/school/alt-journal/",
        "en": origin + "/en/school/alt-journal/",
    }
    assert listed[origin + "/ja/school/alt-journal/"]["alternates"] == both
    assert listed[origin + "/en/school/alt-journal/"]["alternates"] == both
    untranslated = listed[origin + "/ja/community/world-culture/"]
    assert untranslated["alternates"] == {"ja": origin + "/ja/community/world-culture/"}
    content.refresh_from_db()
    assert listed[origin + "/ja/school/alt-journal/"]["lastmod"] == (
        content.last_published_at.isoformat()
    )


def test_urls_are_absolute_for_the_host_and_scheme_asked(content, client):
    plain = entries(client.get("/sitemap.xml"))
    secure = entries(client.get("/sitemap.xml", HTTP_HOST="localhost", secure=True))
    assert "http://testserver/ja/" in plain
    # Not the other host's body from the cache.
    assert "https://localhost/ja/" in secure
    assert not any(loc.startswith("http://testserver") for loc in secure)


def test_kept_per_content_version_and_revalidated(content, site_tree, client):
    first = client.get("/sitemap.xml")
    assert (
        client.get("/sitemap.xml", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    )
    make_case_study(site_tree.school, slug="new-case", title="新しい事例")
    after = client.get("/sitemap.xml", HTTP_IF_NONE_MATCH=first["ETag"])
    assert after.status_code == 200  # a publish: new version, new body
    assert after["X-Content-Version"] != first["X-Content-Version"]
    assert "http://testserver/ja/school/new-case/" in entries(after)


def test_robots_allows_the_site_and_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    disallowed = {
        line.removeprefix("Disallow: ")
        for line in lines
        if line.startswith("Disallow:")
    }
    assert disallowed == {"/admin/", "/django-admin/", "/api/", "/*/_preview/"}
    assert "Sitemap: http://testserver/sitemap.xml" in lines
