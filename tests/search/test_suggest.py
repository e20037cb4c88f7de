"""``search/suggest/``: titles of public cases and glossary terms, per locale."""

from __future__ import annotations

import pytest
from wagtail.models import PageViewRestriction

from cms.api import registry
from cms.translation import translate_page
from search.models import GlossaryEntry
from tests.api.helpers import get_json
from tests.api.schema_tools import assert_conforms, openapi_document
from tests.factories import locale, make_case_study

SECRET = "zqsuggestsecret"
PATH = "/api/v1/search/suggest/"


def suggest(client, status: int = 200, **params) -> dict:
    return get_json(client, "search/suggest/", status=status, **params)


def pairs(body: dict) -> list[tuple[str, str]]:
    return [(item["kind"], item["text"]) for item in body["suggestions"]]


@pytest.fixture
def cases(site_tree):
    """Public cases in both locales, and ones a reader must never be offered."""
    cafe = make_case_study(
        site_tree.community, slug="eigo-cafe", title="英語カフェの取組"
    )
    translate_page(
        cafe, locale("en"), values={"title": "The English Café"}, publish=True
    )
    make_case_study(site_tree.school, slug="alt-journal", title="ALT Journal の作成")
    # A draft-only case, a private case and a live case with a draft title.
    make_case_study(
        site_tree.school, slug="draft", title=f"英語 {SECRET} draft", publish=False
    )
    private = make_case_study(
        site_tree.school, slug="private", title=f"英語 {SECRET} private"
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    live = make_case_study(site_tree.school, slug="live", title="英語劇の発表会")
    live.title = f"英語劇 {SECRET} draft title"
    live.save_revision()
    return cafe


def test_titles_and_terms_of_the_locale_prefix_first(client, cases):
    body = suggest(client, q="英語")
    assert body["q"] == "英語"
    assert pairs(body) == [
        # Prefix matches: terms (shorter first), then titles.
        ("term", "英語"),
        ("term", "英語カフェ"),
        ("term", "英語以外の言語"),
        ("term", "英語スピーチコンテスト"),
        ("title", "英語劇の発表会"),
        ("title", "英語カフェの取組"),
    ]
    by_text = {item["text"]: item for item in body["suggestions"]}
    assert by_text["英語カフェの取組"]["url"] == cases.url
    assert by_text["英語"]["url"] is None


def test_a_title_matches_anywhere_after_normalisation(client, cases):
    # Full-width, upper case: the same as "journal".
    assert pairs(suggest(client, q="ＪＯＵＲＮＡＬ")) == [
        ("title", "ALT Journal の作成")
    ]


def test_the_english_locale_gets_english_titles_and_terms(client, cases):
    body = suggest(client, q="english", locale="en")
    assert pairs(body) == [
        ("term", "English cafe"),
        ("term", "English café"),
        ("term", "English conversation"),
        ("term", "English speech contest"),
        ("title", "The English Café"),
    ]
    assert body["suggestions"][-1]["url"].startswith("/en/")


def test_no_draft_private_or_draft_title_leaks(client, cases):
    for q in ("英語", SECRET, "draft", "private"):
        body = suggest(client, q=q, limit=20)
        assert SECRET not in str(body["suggestions"]), q


def test_limit_caps_the_list(client, cases):
    assert len(suggest(client, q="英語", limit=2)["suggestions"]) == 2


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "　"},
        {"q": "あ" * 51},
        {"q": "英語", "limit": "21"},
        {"q": "英語", "limit": "0"},
        {"q": "英語", "locale": "fr"},
        {"q": "英語", "page": "2"},
    ],
)
def test_bad_parameters_are_400_problems(client, db, params):
    body = suggest(client, status=400, **params)
    assert body["status"] == 400


def test_fifty_characters_are_allowed(client, cases):
    assert suggest(client, q="あ" * 50)["suggestions"] == []


def test_a_glossary_edit_is_a_new_version_with_the_new_term(client, cases):
    first = client.get(PATH, {"q": "給食"})
    assert first.json()["suggestions"] == []
    GlossaryEntry.objects.create(term_ja="給食", term_en="school lunch")
    second = client.get(PATH, {"q": "給食"})
    assert second["X-Content-Version"] != first["X-Content-Version"]
    assert pairs(second.json()) == [("term", "給食")]


def test_the_response_conforms_and_the_route_is_purged(client, cases):
    doc = openapi_document(client)
    assert_conforms(doc, PATH, suggest(client, q="英語"))
    assert_conforms(doc, PATH, suggest(client, status=400), status="400")
    assert "search-suggest" in registry.purge_routes()
