"""The API's page URLs are exactly the URLs Wagtail serves the pages at."""

from __future__ import annotations

from wagtail.models import Page

from cms.api.serializers.links import page_url


def test_page_url_agrees_with_wagtail_for_every_page(api_content):
    pages = Page.objects.filter(depth__gt=1).select_related("locale")
    assert pages.count() > 8
    for page in pages:
        assert page_url(page, None) == page.get_url(), page.url_path
