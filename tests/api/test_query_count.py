"""The number of SQL queries does not grow with the page size."""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.helpers import API
from tests.factories import ImageFactory, make_case_study, tags


def _queries(client, path: str, **params) -> int:
    cache.clear()  # measure the uncached path: no stored bodies or snapshots
    with CaptureQueriesContext(connection) as captured:
        response = client.get(API + path, params)
    assert response.status_code == 200
    return len(captured)


def test_list_queries_do_not_grow_with_limit(client, site_tree):
    for number in range(12):
        make_case_study(
            site_tree.school if number % 2 else site_tree.community,
            slug=f"case-{number}",
            title=f"事例 {number}",
            hero_image=ImageFactory(),
            hero_image_alt="写真",
            tags=tags("jet-alt", "elementary", "digital-tools"),
        )
    # Renditions are made on first sight: warm them up once.
    assert client.get(API + "case-studies/", {"limit": 50}).json()["count"] == 12
    small = _queries(client, "case-studies/", limit=5)
    large = _queries(client, "case-studies/", limit=50)
    assert small == large
    assert _queries(client, "search/", q="事例", limit=5) == _queries(
        client, "search/", q="事例", limit=50
    )


def _featuring(site_tree, number: int) -> None:
    cases = [
        make_case_study(
            site_tree.school,
            slug=f"featured-{n}",
            title=f"注目 {n}",
            tags=tags("jet-alt", "elementary"),
        )
        for n in range(number)
    ]
    home = site_tree.home
    home.featured = [{"type": "case_study", "value": case.pk} for case in cases]
    home.save_revision().publish()


def test_home_queries_do_not_grow_with_featured_cases(client, site_tree):
    counts = {}
    for number in (1, 8):
        _featuring(site_tree, number)
        # The same footing for both: snapshots built, the body itself uncached.
        assert len(client.get(API + "home/").json()["featured"]) == number
        counts[number] = _queries(client, "home/")
    assert counts[1] == counts[8]


def _with_body_images(site_tree, number: int):
    image_blocks = [
        {
            "type": "image",
            "value": {
                "image": ImageFactory().pk,
                "alt_text": f"写真 {n}",
                "decorative": False,
                "caption": "",
            },
        }
        for n in range(number)
    ]
    page = make_case_study(
        site_tree.school,
        slug=f"images-{number}",
        body=[{"type": "paragraph", "value": "<p>本文。</p>"}, *image_blocks],
    )
    return f"case-studies/{page.pk}/"


def test_detail_queries_do_not_grow_with_body_images(client, site_tree):
    paths = {n: _with_body_images(site_tree, n) for n in (0, 1, 6)}
    counts = {}
    for number, path in paths.items():
        assert client.get(API + path).status_code == 200  # renditions made once
        counts[number] = _queries(client, path)
    assert counts[1] == counts[6]
    # The first image costs one batch (the images, then all their renditions).
    assert counts[1] - counts[0] <= 2
