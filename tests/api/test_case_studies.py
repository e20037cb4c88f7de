"""case-studies/: filters, disjunctive facets, ordering, paging, locales, shape."""

from __future__ import annotations

import pytest

from tests.api.helpers import facet, get_json, titles


def test_list_shape_and_default_locale(client, api_content):
    body = get_json(client, "case-studies/")
    assert body["count"] == 3
    assert {item["locale"] for item in body["items"]} == {"ja"}
    item = next(i for i in body["items"] if i["id"] == api_content.miyagi.pk)
    assert item["type"] == "case_study"
    assert item["url"] == "/ja/school/alt-journal/"
    assert item["section"] == "school"
    assert item["prefecture"] == {"code": "JP-04", "name": "宮城県"}
    assert [g["group"] for g in item["tags"]] == [
        "lead",
        "participants",
        "internationalisation",
        "features",
    ]
    assert item["tags"][1]["tags"] == [
        {"slug": "junior-high", "name": "中学", "subgroup": "児童・生徒"}
    ]
    assert item["translations"] == [
        {
            "locale": "en",
            "id": api_content.miyagi_en.pk,
            "url": "/en/school/alt-journal/",
            # Published after its source, so not behind it.
            "behind": False,
        }
    ]
    hero = item["hero_image"]
    assert hero["alt"] == "ALT Journal の表紙"
    assert (hero["width"], hero["height"]) == (64, 48)
    assert ".webp" in hero["renditions"]["webp"]["srcset"]
    assert ".jpg" in hero["renditions"]["jpeg"]["srcset"]
    assert "body" not in item  # lists carry summaries; the detail has the body


def test_or_within_a_group_and_across_groups(client, api_content):
    # OR within participants: junior-high (Miyagi) or teachers (Kumamoto).
    body = get_json(client, "case-studies/", participants=["junior-high", "teachers"])
    assert sorted(titles(body)) == ["ALT Journal の作成", "English Café"]
    # AND across groups: … and intercultural understanding → Kumamoto only.
    body = get_json(
        client,
        "case-studies/",
        participants=["junior-high", "teachers"],
        internationalisation="intercultural-understanding",
    )
    assert titles(body) == ["English Café"]


def test_facets_are_disjunctive(client, api_content):
    body = get_json(client, "case-studies/", prefecture="JP-04")
    assert body["count"] == 1
    # The prefecture facet ignores the prefecture selection …
    assert facet(body, "prefecture")["JP-43"] == 1
    assert facet(body, "prefecture")["JP-08"] == 1
    assert facet(body, "prefecture")["JP-04"] == 1
    # … every other facet counts within it.
    assert facet(body, "section") == {"school": 1, "community": 0}
    assert facet(body, "lead")["jet-alt"] == 1
    assert facet(body, "lead")["contracting-organisation"] == 0
    assert [e for e in body["facets"]["prefecture"] if e["selected"]] == [
        {"value": "JP-04", "label": "宮城県", "count": 1, "selected": True}
    ]


def test_section_filter_and_english_labels(client, api_content):
    body = get_json(client, "case-studies/", section="community", locale="en")
    assert titles(body) == ["English Café"]
    assert facet(body, "section") == {"school": 1, "community": 1}
    labels = {e["value"]: e["label"] for e in body["facets"]["prefecture"]}
    assert labels["JP-04"] == "Miyagi"


def test_ordering_and_paging(client, api_content):
    body = get_json(client, "case-studies/", ordering="title", limit=2)
    assert titles(body) == ["ALT Journal の作成", "English Café"]
    assert (body["count"], body["limit"], body["offset"]) == (3, 2, 0)
    body = get_json(client, "case-studies/", ordering="title", limit=2, offset=2)
    assert titles(body) == ["世界の文化セミナー"]
    body = get_json(client, "case-studies/", ordering="-title", limit=1)
    assert titles(body) == ["世界の文化セミナー"]


def test_fallback_fills_in_untranslated_cases(client, api_content):
    body = get_json(client, "case-studies/", locale="en")
    assert body["count"] == 2
    assert not any(item["fallback_used"] for item in body["items"])
    body = get_json(client, "case-studies/", locale="en", fallback="ja")
    assert body["count"] == 3
    fallback = [item for item in body["items"] if item["fallback_used"]]
    assert [(i["title"], i["locale"]) for i in fallback] == [
        ("世界の文化セミナー", "ja")
    ]


def test_detail_in_each_locale(client, api_content):
    pk = api_content.miyagi.pk
    body = get_json(client, f"case-studies/{pk}/")
    assert body["title"] == "ALT Journal の作成"
    assert [block["type"] for block in body["body"]] == [
        "paragraph",
        "image",
        "quote",
        "video",
        "link",
    ]
    image = body["body"][1]["value"]
    assert image["image"]["alt"] == "表紙" and image["caption"] == "第1号"
    assert body["devised"] == "<p>クイズを入れた。</p>"
    english = get_json(client, f"case-studies/{pk}/", locale="en")
    assert english["id"] == api_content.miyagi_en.pk
    assert english["title"] == "Making the ALT Journal"
    assert english["prefecture"]["name"] == "Miyagi"
    assert english["fallback_used"] is False


@pytest.mark.parametrize(
    ("params", "status", "fallback_used"),
    [({"locale": "en"}, 404, None), ({"locale": "en", "fallback": "ja"}, 200, True)],
)
def test_detail_fallback(client, api_content, params, status, fallback_used):
    body = get_json(
        client, f"case-studies/{api_content.ibaraki.pk}/", status=status, **params
    )
    if status == 200:
        assert body["fallback_used"] is fallback_used
        assert body["locale"] == "ja"


def test_related_columns_on_detail(client, api_content):
    body = get_json(client, f"case-studies/{api_content.kumamoto.pk}/")
    assert [(c["id"], c["type"]) for c in body["related_columns"]] == [
        (api_content.column.pk, "column")
    ]
