"""A configured CDN is told to purge the API URLs a publish changes."""

from __future__ import annotations

from wagtail.contrib.frontend_cache.backends import BaseBackend

from tests.factories import make_case_study

PURGED: list[str] = []


class RecordingBackend(BaseBackend):
    def purge(self, url: str) -> None:
        PURGED.append(url)


def test_publish_and_unpublish_purge_api_urls(site_tree, settings):
    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": "tests.api.test_purge.RecordingBackend"}
    }
    PURGED.clear()
    page = make_case_study(site_tree.school, slug="purged")
    assert "http://localhost/api/v1/case-studies/" in PURGED
    assert "http://localhost/api/v1/taxonomy/" in PURGED
    assert f"http://localhost/api/v1/case-studies/{page.pk}/" in PURGED
    PURGED.clear()
    page.unpublish()
    assert f"http://localhost/api/v1/case-studies/{page.pk}/" in PURGED
