"""A configured CDN is told to purge the API URLs a publish changes, after commit."""

from __future__ import annotations

from wagtail.contrib.frontend_cache.backends import BaseBackend

from tests.factories import make_case_study

PURGED: list[str] = []


class RecordingBackend(BaseBackend):
    def purge(self, url: str) -> None:
        PURGED.append(url)


def test_publish_and_unpublish_purge_api_urls(
    site_tree, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": "tests.api.test_purge.RecordingBackend"}
    }
    PURGED.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = make_case_study(site_tree.school, slug="purged")
    assert "http://localhost/api/v1/case-studies/" in PURGED
    assert "http://localhost/api/v1/taxonomy/" in PURGED
    assert f"http://localhost/api/v1/case-studies/{page.pk}/" in PURGED
    PURGED.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert f"http://localhost/api/v1/case-studies/{page.pk}/" in PURGED


def test_nothing_is_purged_before_commit(
    site_tree, settings, django_capture_on_commit_callbacks
):
    """A purge before commit would let the CDN fetch and keep the old body."""
    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": "tests.api.test_purge.RecordingBackend"}
    }
    PURGED.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_case_study(site_tree.school, slug="not-yet")
    # (Wagtail's own receiver purges the page's URL at once; ours waits.)
    assert [url for url in PURGED if "/api/" in url] == []
    for callback in callbacks:
        callback()
    assert "http://localhost/api/v1/case-studies/" in PURGED
