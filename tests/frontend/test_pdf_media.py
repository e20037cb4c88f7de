"""The booklet reads images only from files under MEDIA_ROOT."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontend.pdf.media import best_rendition, media_file


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    (root / "images").mkdir(parents=True)
    (root / "images" / "a b.jpg").write_bytes(b"jpeg")
    (root / "images" / "wide.jpg").write_bytes(b"jpeg")
    (tmp_path / "secret.txt").write_text("not media")
    (root / "images" / "escape.jpg").symlink_to(tmp_path / "secret.txt")
    settings.MEDIA_ROOT = str(root)
    settings.MEDIA_URL = "/media/"
    return root


def test_a_rendition_url_is_its_file_under_media_root(media):
    assert media_file("/media/images/a%20b.jpg") == media / "images" / "a b.jpg"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "https://evil.example/media/images/wide.jpg",  # another host: no fetching
        "//evil.example/media/images/wide.jpg",
        "data:image/jpeg;base64,AAAA",
        "/media/../secret.txt",
        "/media/images/%2e%2e/%2e%2e/secret.txt",
        "/media/images/escape.jpg",  # a symlink pointing out of MEDIA_ROOT
        "/static/images/wide.jpg",
        "/media/images/missing.jpg",
        "/media/images/wide.jpg?x=1",
    ],
)
def test_anything_else_is_refused(media, url):
    assert media_file(url) is None


def test_an_absolute_media_url_is_accepted_for_its_own_host_only(media, settings):
    settings.MEDIA_URL = "https://cdn.example/media/"
    assert media_file("https://cdn.example/media/images/wide.jpg") is not None
    assert media_file("https://other.example/media/images/wide.jpg") is None


def test_the_widest_existing_rendition_is_chosen(media):
    image = {
        "renditions": {
            "webp": None,
            "jpeg": {
                "src": "/media/images/a%20b.jpg",
                "srcset": "/media/images/a%20b.jpg 480w, /media/images/wide.jpg 1600w, "
                "/media/images/missing.jpg 2400w",
            },
        }
    }
    assert best_rendition(image) == media / "images" / "wide.jpg"
    assert best_rendition({"renditions": {"webp": None, "jpeg": None}}) is None
    assert best_rendition(None) is None


def test_the_print_rendition_comes_first_and_a_missing_one_falls_back(media):
    (media / "images" / "print.jpg").write_bytes(b"jpeg")
    screen = {"src": "/media/images/wide.jpg", "srcset": "/media/images/wide.jpg 1600w"}
    image = {
        "renditions": {
            "webp": None,
            "jpeg": screen,
            "print": {"src": "/media/images/print.jpg", "width": 2400, "height": 1600},
        }
    }
    assert best_rendition(image) == media / "images" / "print.jpg"
    # Not made yet (or its file gone): the widest screen rendition.
    image["renditions"]["print"] = None
    assert best_rendition(image) == media / "images" / "wide.jpg"
    image["renditions"]["print"] = {
        "src": "/media/images/gone.jpg",
        "width": 1,
        "height": 1,
    }
    assert best_rendition(image) == media / "images" / "wide.jpg"
