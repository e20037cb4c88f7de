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
