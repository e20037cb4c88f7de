"""search.backends: analysed index and queries, on SQLite and PostgreSQL.

Run on PostgreSQL with ``DATABASE_URL=postgres://…`` (the same tests).
"""

from __future__ import annotations

import pytest
from django.db import connection
from modelsearch.query import And, Or, PlainText
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from casestudies.models import CaseStudyPage
from search.backends import analysed_query, analysed_text
from tests.factories import make_case_study, tags

pytestmark = pytest.mark.django_db


def _search(query: str, **kwargs) -> list[str]:
    backend = get_search_backend()
    return [page.title for page in backend.search(query, CaseStudyPage, **kwargs)]


@pytest.fixture
def cases(site_tree):
    # Tags are searched too (their names in the page's language): these ones
    # share no word with the queries below, unlike the factory's JET-ALT.
    quiet = tags("contracting-organisation", "teachers")
    make_case_study(
        site_tree.school,
        slug="kyoiku",
        title="小学校の授業づくり",
        summary="地域の教材を使った。",
        body=[{"type": "paragraph", "value": "<p>英語教育の充実を図った。</p>"}],
        tags=quiet,
    )
    make_case_study(
        site_tree.school,
        slug="eikaiwa",
        title="英語で話そう",
        summary="放課後の活動。",
        body=[{"type": "paragraph", "value": "<p>毎週の集まり。</p>"}],
        tags=quiet,
    )
    make_case_study(
        site_tree.community,
        slug="cafe",
        title="English Café",
        summary="ＡＬＴと住民が集うｲﾝｸﾞﾘｯｼｭ・カフェ。",
        body=[],
        tags=quiet,
    )


def test_index_stores_analysed_terms(cases):
    page = CaseStudyPage.objects.get(slug="kyoiku")
    entry = IndexEntry.objects.get(
        object_id=str(page.pk), content_type__model="casestudypage"
    )
    if connection.vendor == "sqlite":
        assert entry.title == "小学 学校 校の の授 授業 業づ づく くり"
        assert "英語 語教 教育" in entry.body
    else:  # a tsvector: its lexemes are the terms
        assert "'英語'" in str(entry.body) and "'語教'" in str(entry.body)


def test_finds_a_word_inside_running_text(cases):
    # 英語 is inside 英語教育の充実を図った: no space anywhere in the body.
    assert set(_search("教育")) == {"小学校の授業づくり"}
    assert set(_search("充実")) == {"小学校の授業づくり"}


def test_title_ranks_above_body(cases):
    assert _search("英語") == ["英語で話そう", "小学校の授業づくり"]


def test_width_and_case_are_folded_both_ways(cases):
    assert _search("alt") == ["English Café"]
    assert _search("イングリッシュ") == ["English Café"]
    assert _search("ｲﾝｸﾞﾘｯｼｭ") == ["English Café"]
    assert _search("cafe\u0301") == ["English Café"]


def test_all_bigrams_of_a_run_are_required(cases):
    # 英会話 shares 英 with 英語 but no bigram: nothing, not every English case.
    assert _search("英会話") == []
    assert _search("英会話", operator="or") == []


def test_punctuation_only_query_matches_nothing(cases):
    assert _search("「」！") == []
    # Not "everything": an empty leaf is dropped from an Or, empties an And.
    assert _search(Or([PlainText("「」"), PlainText("教育")])) == ["小学校の授業づくり"]
    assert _search(And([PlainText("「」"), PlainText("教育")])) == []


def test_query_analysis_keeps_runs_together_under_or():
    query = analysed_query(PlainText("英会話 alt", operator="or"))
    parts = [sub.query_string for sub in query.subqueries]
    assert parts == ["英会 会話", "alt"]


def test_stream_values_are_flattened_and_analysed():
    assert analysed_text(["<p>英語</p>", {"a": "ALT"}]) == "p 英語 p alt"


def test_admin_page_search_finds_a_japanese_word_inside_a_body(cases, admin_client):
    response = admin_client.get("/admin/pages/search/", {"q": "教育"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "小学校の授業づくり" in html
    assert "英語で話そう" not in html


def test_update_index_rebuilds_the_analysed_index(cases):
    from django.core.management import call_command

    IndexEntry.objects.all().delete()
    assert _search("教育") == []
    call_command("update_index", verbosity=0)
    assert _search("教育") == ["小学校の授業づくり"]
    assert Page.objects.filter(title="小学校の授業づくり").exists()
