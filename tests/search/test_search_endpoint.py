"""search/: relevance order, filters and facets, highlights, the term cap."""

from __future__ import annotations

import pytest

from search.analysis import terms
from search.api.endpoint import MAX_QUERY_TERMS, highlight
from tests.api.helpers import facet, get_json, titles
from tests.factories import make_case_study, tags

pytestmark = pytest.mark.django_db


def _body(text: str) -> list[dict]:
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


@pytest.fixture
def cases(site_tree):
    # Published in this order, so the title match is the oldest; the two body
    # matches have the same text (the same score): the newer comes first.
    title = make_case_study(
        site_tree.school,
        slug="title",
        title="英語教育の新しい形",
        summary="ＡＬＴとｲﾝｸﾞﾘｯｼｭ・キャンプを開いた。",
        body=_body("子どもたちが楽しんだ。"),
    )
    body_old = make_case_study(
        site_tree.school,
        slug="body-old",
        title="放課後の集まり",
        summary="毎週開いた。",
        body=_body("英語教育の講座を開いた。"),
    )
    body_new = make_case_study(
        site_tree.community,
        slug="body-new",
        title="公民館の講座",
        summary="毎週開いた。",
        prefecture="JP-43",
        body=_body("英語教育の講座を開いた。"),
        tags=tags("jet-alt", "elementary"),
    )
    return {"title": title, "body_old": body_old, "body_new": body_new}


def test_relevance_order_title_first_then_recency(client, cases):
    body = get_json(client, "search/", q="英語教育")
    assert titles(body) == ["英語教育の新しい形", "公民館の講座", "放課後の集まり"]


def test_ordering_parameter_replaces_relevance(client, cases):
    body = get_json(client, "search/", q="英語教育", ordering="title")
    assert titles(body) == sorted(titles(body))
    assert body["count"] == 3


def test_word_inside_running_text_and_nothing_else(client, cases):
    assert titles(get_json(client, "search/", q="集ま")) == ["放課後の集まり"]
    assert get_json(client, "search/", q="英会計")["count"] == 0


def test_filters_and_facets_within_the_matches(client, cases):
    body = get_json(client, "search/", q="英語教育", section="community")
    assert titles(body) == ["公民館の講座"]
    # Disjunctive: the section counts ignore the section filter itself.
    assert facet(body, "section") == {"school": 2, "community": 1}
    assert facet(body, "prefecture")["JP-43"] == 1
    body = get_json(client, "search/", q="英語教育", limit=1, offset=1)
    assert body["count"] == 3 and titles(body) == ["公民館の講座"]


def test_other_locale_has_its_own_matches(client, cases):
    assert get_json(client, "search/", q="英語教育", locale="en")["count"] == 0


def test_highlights_map_back_onto_the_text_as_written(client, cases):
    item = get_json(client, "search/", q="alt")["items"][0]
    assert item["highlights"]["summary"] == (
        "<mark>ＡＬＴ</mark>とｲﾝｸﾞﾘｯｼｭ・キャンプを開いた。"
    )
    item = get_json(client, "search/", q="イングリッシュ")["items"][0]
    assert item["highlights"]["summary"] == (
        "ＡＬＴと<mark>ｲﾝｸﾞﾘｯｼｭ</mark>・キャンプを開いた。"
    )
    item = get_json(client, "search/", q="英語教育")["items"][0]
    assert item["highlights"]["title"] == "<mark>英語教育</mark>の新しい形"


def test_hostile_title_is_escaped_around_the_marks(client, site_tree):
    make_case_study(
        site_tree.school,
        slug="hostile",
        title='<img src=x onerror="alert(1)">ALT & <b>授業</b>',
        summary="<script>alert(1)</script>",
    )
    item = get_json(client, "search/", q="授業 alt")["items"][0]
    assert item["highlights"]["title"] == (
        "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;<mark>ALT</mark> &amp; "
        "&lt;b&gt;<mark>授業</mark>&lt;/b&gt;"
    )
    assert item["highlights"]["summary"] == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_highlight_merges_adjacent_terms_and_respects_word_edges():
    wanted = frozenset(terms("alt 英語"))
    assert highlight("salt ALT英語", wanted) == "salt <mark>ALT英語</mark>"


def test_too_many_terms_is_a_400_naming_q(client, cases):
    at_cap = " ".join(f"w{n}" for n in range(MAX_QUERY_TERMS))
    assert get_json(client, "search/", q=at_cap)["count"] == 0
    body = get_json(client, "search/", status=400, q=at_cap + " more")
    assert body["parameter"] == "q"
    assert "at most 32" in body["detail"]
    # Counted after analysis: 34 kanji are 33 bigrams.
    get_json(client, "search/", status=400, q="漢" * (MAX_QUERY_TERMS + 2))


def test_punctuation_only_query_finds_nothing(client, cases):
    assert get_json(client, "search/", q="！？")["count"] == 0


def test_the_place_and_the_tag_matrix_words_are_searched(client, cases):
    """Kumamoto's name and the tag 小学 are in no text of body_new, only in its
    prefecture and its tags; the other two cases have neither."""
    assert titles(get_json(client, "search/", q="熊本県")) == ["公民館の講座"]
    assert titles(get_json(client, "search/", q="小学")) == ["公民館の講座"]
