"""``pages/sitemap/``: every public page URL of both locales, with its alternates."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from cms.api import version
from cms.api.pagination import MAX_LIMIT
from cms.api.purge import api_urls
from cms.translation import translate_page
from cms.workflows.scheduling import run_due
from tests.api.helpers import API, get_json
from tests.api.schema_tools import assert_conforms, openapi_document
from tests.factories import locale, make_case_study, make_column

SECRET = "zqsitemapsecret"


def everything(client) -> list[dict]:
    """The whole listing, walked page by page as a sitemap generator would."""
    items, offset = [], 0
    while True:
        body = get_json(client, "pages/sitemap/", limit=MAX_LIMIT, offset=offset)
        items += body["items"]
        offset += body["limit"]
        if offset >= body["count"]:
            assert len(items) == body["count"]
            return items


def by_url(items: list[dict]) -> dict[str, dict]:
    return {item["url"]: item for item in items}


def test_lists_home_sections_and_pages_in_both_locales_with_alternates(
    client, api_content
):
    items = by_url(everything(client))
    miyagi = items["/ja/school/alt-journal/"]
    assert miyagi["locale"] == "ja"
    assert miyagi["last_modified"] == api_content.miyagi.last_published_at.isoformat()
    # The hreflang set: the page itself and its translation, ja first.
    both = [
        {"locale": "ja", "url": "/ja/school/alt-journal/"},
        {"locale": "en", "url": "/en/school/alt-journal/"},
    ]
    assert miyagi["alternates"] == both
    assert items["/en/school/alt-journal/"]["alternates"] == both
    # Home pages, section and series index pages are pages of the site too.
    for url in ("/ja/", "/en/", "/ja/school/", "/en/community/", "/ja/columns/"):
        assert url in items, url
    # An untranslated page lists only itself.
    assert items["/ja/community/world-culture/"]["alternates"] == [
        {"locale": "ja", "url": "/ja/community/world-culture/"}
    ]
    assert "/en/community/world-culture/" not in items
    # Tree order: each locale's pages together, parents before their children.
    listed = everything(client)
    locales = [item["locale"] for item in listed]
    assert sum(a != b for a, b in itertools.pairwise(locales)) == 1
    urls = [item["url"] for item in listed]
    assert (
        urls.index("/ja/")
        < urls.index("/ja/school/")
        < urls.index("/ja/school/alt-journal/")
    )


def test_urls_are_the_ones_the_other_endpoints_give(client, api_content):
    listed = {item["url"] for item in everything(client)}
    case = get_json(client, f"case-studies/{api_content.kumamoto.pk}/", locale="en")
    assert case["url"] in listed
    assert {t["url"] for t in case["translations"]} <= listed
    for url in listed:
        found = get_json(client, "pages/find/", path=url)
        assert found["url"] == url


@pytest.fixture
def hidden(api_content):
    """One page per way of not being public, each with SECRET in its slug."""
    site = api_content.site
    make_case_study(site.school, slug=f"{SECRET}-draft", publish=False)
    login = make_case_study(site.school, slug=f"{SECRET}-login")
    PageViewRestriction.objects.create(
        page=login, restriction_type=PageViewRestriction.LOGIN
    )
    password = make_column(site.columns, slug=f"{SECRET}-password")
    PageViewRestriction.objects.create(
        page=password, restriction_type=PageViewRestriction.PASSWORD, password="pw"
    )
    expired = make_case_study(site.community, slug=f"{SECRET}-expired")
    type(expired).objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - dt.timedelta(hours=1)
    )
    assert run_due().expired == [expired.pk]
    # A public page under a restricted ancestor, and a draft translation.
    parent = make_case_study(site.community, slug=f"{SECRET}-parent")
    PageViewRestriction.objects.create(
        page=parent, restriction_type=PageViewRestriction.LOGIN
    )
    translate_page(api_content.ibaraki, locale("en"), values={"title": SECRET})
    # A live page of a type no app registered: nothing the site can render.
    site.home.add_child(instance=Page(title=SECRET, slug=f"{SECRET}-untyped"))
    return api_content


def test_no_draft_private_or_expired_page_is_listed(client, hidden):
    body = str(everything(client))
    assert SECRET not in body
    # Nor as an alternate: the draft translation of world-culture is not public.
    items = by_url(everything(client))
    assert [
        alt["locale"] for alt in items["/ja/community/world-culture/"]["alternates"]
    ] == ["ja"]
    assert "/en/community/world-culture/" not in items


def test_a_publish_changes_the_listing(client, api_content):
    before = get_json(client, "pages/sitemap/", limit=MAX_LIMIT)
    make_case_study(api_content.site.school, slug="new-case")
    after = get_json(client, "pages/sitemap/", limit=MAX_LIMIT)
    assert after["count"] == before["count"] + 1
    assert "/ja/school/new-case/" in by_url(after["items"])


def test_paging_bounds_are_the_kernels(client, api_content):
    first = get_json(client, "pages/sitemap/", limit=2)
    assert (first["limit"], first["offset"], len(first["items"])) == (2, 0, 2)
    second = get_json(client, "pages/sitemap/", limit=2, offset=2)
    assert first["items"][0] != second["items"][0]
    assert get_json(client, "pages/sitemap/", offset=first["count"])["items"] == []
    for params in ({"limit": "0"}, {"limit": str(MAX_LIMIT + 1)}, {"offset": "-1"}):
        problem = get_json(client, "pages/sitemap/", status=400, **params)
        assert problem["parameter"] == next(iter(params))
    unknown = get_json(client, "pages/sitemap/", status=400, locale="ja")
    assert unknown["unknown"] == ["locale"]


def test_responses_conform_to_the_schema(client, api_content):
    doc = openapi_document(client)
    assert_conforms(doc, "/api/v1/pages/sitemap/", get_json(client, "pages/sitemap/"))
    problem = get_json(client, "pages/sitemap/", status=400, limit="x")
    assert_conforms(doc, "/api/v1/pages/sitemap/", problem, status="400")
    assert doc["components"]["schemas"]["SitemapEntry"]["additionalProperties"] is False


def test_cached_per_content_version(client, api_content):
    first = client.get(API + "pages/sitemap/")
    again = client.get(API + "pages/sitemap/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["X-Content-Version"] == first["X-Content-Version"]
    version.bump()
    fresh = client.get(API + "pages/sitemap/")
    assert fresh["X-Content-Version"] != first["X-Content-Version"]


def test_a_publish_purges_the_sitemap(api_content):
    assert "http://localhost/api/v1/pages/sitemap/" in api_urls(api_content.miyagi)


def _counted(client) -> tuple[int, int]:
    """Queries of a request on a new content version, then of the next one."""
    counts = []
    with override_settings(CMS_API_CACHE_BODIES=False):
        client.get(API + "pages/sitemap/")  # process-wide caches (content types)
        version.bump()
        for _ in range(2):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(API + "pages/sitemap/").status_code == 200
            counts.append(len(captured.captured_queries))
    return counts[0], counts[1]


def test_queries_do_not_grow_with_the_number_of_pages(client, site_tree):
    few = _counted(client)
    for number in range(15):
        case = make_case_study(site_tree.school, slug=f"many-{number}")
        translate_page(
            case, locale("en"), values={"title": f"Many {number}"}, publish=True
        )
        make_column(site_tree.columns, slug=f"column-{number}")
    assert get_json(client, "pages/sitemap/", limit=MAX_LIMIT)["count"] == 8 + 45
    many = _counted(client)
    print("counts", few, many)
    assert many == few
    # Once built for a version, the listing costs only the content version.
    assert few[1] == 1
