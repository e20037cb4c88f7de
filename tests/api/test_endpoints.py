"""columns/, pages/find/, taxonomy/, home/ and search/."""

from __future__ import annotations

from tests.api.helpers import facet, get_json, titles


def test_find_is_locale_aware(client, api_content):
    ja = get_json(client, "pages/find/", path="/ja/school/alt-journal/")
    en = get_json(client, "pages/find/", path="/en/school/alt-journal/")
    assert (ja["id"], ja["locale"]) == (api_content.miyagi.pk, "ja")
    assert (en["id"], en["locale"]) == (api_content.miyagi_en.pk, "en")
    assert en["title"] == "Making the ALT Journal"
    # Untranslated in English: not found there, found in Japanese.
    get_json(client, "pages/find/", 404, path="/en/community/world-culture/")
    assert get_json(client, "pages/find/", path="/ja/community/world-culture")["id"]
    home = get_json(client, "pages/find/", path="/en/")
    assert (home["type"], home["locale"]) == ("home", "en")
    section = get_json(client, "pages/find/", path="/en/school/")
    assert (section["type"], section["heading"]) == (
        "case_study_index",
        "JET-ALTs in the classroom",
    )


def test_columns_list_fallback_and_detail(client, api_content):
    assert get_json(client, "columns/", locale="en")["count"] == 0
    body = get_json(client, "columns/", locale="en", fallback="ja")
    assert [(i["id"], i["fallback_used"]) for i in body["items"]] == [
        (api_content.column.pk, True)
    ]
    detail = get_json(client, f"columns/{api_content.column.pk}/")
    assert detail["author_name"] == "Bailey Gaudin"
    assert detail["portrait"]["alt"] == "Bailey さんの写真"
    assert detail["related_case_study"]["id"] == api_content.kumamoto.pk
    assert [b["type"] for b in detail["body"]] == ["paragraph"]


def test_taxonomy_counts_and_labels(client, api_content):
    ja = get_json(client, "taxonomy/")
    assert [s["slug"] for s in ja["sections"]] == ["school", "community"]
    assert {s["slug"]: s["count"] for s in ja["sections"]} == {
        "school": 1,
        "community": 2,
    }
    lead = next(g for g in ja["tag_groups"] if g["slug"] == "lead")
    assert lead["name"] == "取組の主体"
    assert {t["slug"]: t["count"] for t in lead["tags"]}["jet-alt"] == 2
    assert len(ja["prefectures"]) == 47
    en = get_json(client, "taxonomy/", locale="en")
    assert en["sections"][0]["name"] == "In schools"
    assert next(p for p in en["prefectures"] if p["code"] == "JP-04")["count"] == 1


def test_home_in_each_locale(client, api_content):
    ja = get_json(client, "home/")
    assert ja["figures"][0]["value"]["value"] == 5861
    assert ja["featured"][0]["value"]["id"] == api_content.miyagi.pk
    en = get_json(client, "home/", locale="en")
    assert en["locale"] == "en" and en["title"] == "JET-ALT Casebook"


def test_search_matches_filters_facets_and_highlights(client, api_content):
    body = get_json(client, "search/", q="journal")
    assert titles(body) == ["ALT Journal の作成"]
    assert body["items"][0]["highlights"]["title"] == "ALT <mark>Journal</mark> の作成"
    assert facet(body, "section") == {"school": 1, "community": 0}
    # Japanese words match inside running text, the title's match first; the
    # café case matches through its tag 異文化理解 (tag names are searched).
    assert titles(get_json(client, "search/", q="文化")) == [
        "世界の文化セミナー",
        "English Café",
    ]
    assert get_json(client, "search/", q="journal", section="community")["count"] == 0
    # Highlights are escaped HTML.
    body = get_json(client, "search/", q="<b>")
    assert body["count"] == 0
    assert get_json(client, "search/")["count"] == 3
