"""The PostgreSQL search is served by an index (search/wagtail_6546.py).

PostgreSQL only: SQLite's FTS5 table is its own index. The planner is told to
avoid a sequential scan, so the plan names our index exactly when its expression
matches the backend's ``(title || body) @@ query``.
"""

from __future__ import annotations

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend

from casestudies.models import CaseStudyPage
from search.wagtail_6546 import INDEX_NAME
from tests.factories import make_case_study

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the index is PostgreSQL's; SQLite searches its FTS5 table",
    ),
]


EXPRESSION = '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body")'


def plan(sql: str, params=()) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_backends_predicate_is_the_indexed_expression(site_tree):
    make_case_study(site_tree.school, slug="cafe", title="英語カフェで自己紹介")
    results = get_search_backend().search(
        "英語カフェ", CaseStudyPage.objects.live(), operator="and"
    )
    sql, _params = results.get_queryset().query.sql_with_params()
    # What the backend matches with (if upstream changes it, the index is
    # useless and this test says so)…
    assert f"{EXPRESSION} @@" in sql
    assert [page.slug for page in results] == ["cafe"]
    # …and the index answers exactly that predicate.
    found = plan(
        f"SELECT id FROM wagtailsearch_indexentry WHERE {EXPRESSION} @@ "
        "to_tsquery('simple', %s)",
        ["英語"],
    )
    assert INDEX_NAME in found, found
