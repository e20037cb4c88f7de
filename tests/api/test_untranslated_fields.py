"""``untranslated_fields``: what a published translation still shows in the source
language, recorded when it was published (never the translator's unpublished work)."""

from __future__ import annotations

from cms.translation import translate_page
from tests.api.helpers import get_json
from tests.factories import locale, make_case_study

PARTLY = {
    "title": "Partly translated",
    "summary": "A summary in English.",
    "body": [{"type": "paragraph", "value": "<p>Published monthly.</p>"}],
    "devised": "<p>Quizzes.</p>",
}


def _partly_translated(site_tree):
    page = make_case_study(
        site_tree.school,
        slug="partly",
        municipality="仙台市",
        outcomes="<p>生徒が質問するようになった。</p>",
    )
    english = translate_page(page, locale("en"), values=PARTLY, publish=True)
    return page, english


def _detail(client, page):
    return get_json(client, f"case-studies/{page.pk}/", locale="en")


def test_a_translation_names_the_fields_that_still_show_the_source(client, site_tree):
    source, english = _partly_translated(site_tree)
    item = _detail(client, english)
    assert item["untranslated_fields"] == ["municipality", "challenges", "outcomes"]
    # The Japanese text is what the reader gets there, though nothing fell back.
    assert item["municipality"] == "仙台市"
    assert item["fallback_used"] is False
    listed = get_json(client, "case-studies/", locale="en")["items"]
    assert [i["untranslated_fields"] for i in listed if i["id"] == english.pk] == [
        ["municipality", "challenges", "outcomes"]
    ]
    assert get_json(client, f"case-studies/{source.pk}/")["untranslated_fields"] == []


def test_unpublished_translation_work_does_not_show(client, site_tree):
    source, english = _partly_translated(site_tree)
    translate_page(
        source, locale("en"), values={**PARTLY, "municipality": "Sendai"}, publish=False
    )
    assert "municipality" in _detail(client, english)["untranslated_fields"]

    everything = {
        **PARTLY,
        "municipality": "Sendai",
        "challenges": "<p>Choosing topics.</p>",
        "outcomes": "<p>Pupils began to ask questions.</p>",
    }
    translate_page(source, locale("en"), values=everything, publish=True)
    assert _detail(client, english)["untranslated_fields"] == []
