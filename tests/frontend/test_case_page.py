"""The case-study page, rendered from the API through the real URLs and database."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from casestudies.models import CaseStudyPage
from cms.translation import translate_page
from frontend.client import api
from frontend.templatetags.frontend_case import build_tag_matrix
from frontend.views.case_study import related_cases
from tests.factories import (
    locale,
    make_case_study,
    make_column,
    ready_image,
    tags,
)

pytestmark = pytest.mark.django_db

HOSTILE_TITLE = "</script><script>alert(1)</script>"
CASE_TAGS = ("jet-alt", "teachers", "elementary", "intercultural-understanding")
VIDEO_URL = "https://www.youtube.com/watch?v=casebook1"

BODY = [
    {"type": "paragraph", "value": "<p>毎週火曜日に開いた。</p>"},
    {
        "type": "image",
        "value": {
            "image": None,
            "alt_text": "ポスター",
            "decorative": False,
            "caption": "告知ポスター",
        },
    },
    {
        "type": "quote",
        "value": {
            "text": "英語が楽しくなった",
            "speaker": "教頭先生",
            "role": "参加者",
        },
    },
    {"type": "video", "value": {"url": VIDEO_URL, "caption": "カフェの様子"}},
    {
        "type": "link",
        "value": {
            "url": "https://example.com/",
            "title": "熊本市",
            "description": "市のページ",
        },
    },
]


def english_body(image_id: int) -> list[dict]:
    """BODY in English, block for block, as a translator would give it."""
    return [
        {"type": "paragraph", "value": "<p>Every Tuesday.</p>"},
        {
            "type": "image",
            "value": {
                "image": image_id,
                "alt_text": "Poster",
                "decorative": False,
                "caption": "The poster",
            },
        },
        {
            "type": "quote",
            "value": {
                "text": "English became fun",
                "speaker": "Deputy head",
                "role": "Participant",
            },
        },
        {"type": "video", "value": {"url": VIDEO_URL, "caption": "The café"}},
        {
            "type": "link",
            "value": {
                "url": "https://example.com/",
                "title": "Kumamoto",
                "description": "The city",
            },
        },
    ]


@dataclass
class CaseContent:
    cafe: CaseStudyPage
    cafe_en: CaseStudyPage
    neighbour: CaseStudyPage
    column: object


@pytest.fixture
def content(site_tree) -> CaseContent:
    # Wide enough for every width of the hero's srcset (480, 960, 1600).
    image = ready_image("cafe", 1200, 675)
    body = [dict(block) for block in BODY]
    body[1] = {"type": "image", "value": {**BODY[1]["value"], "image": image.pk}}
    cafe = make_case_study(
        site_tree.school,
        slug="english-cafe",
        title="教職員向け英会話教室",
        prefecture="JP-43",
        municipality="熊本市",
        hero_image=image,
        hero_image_alt="図書館の教職員",
        tags=tags(*CASE_TAGS),
        body=body,
        outcomes="<p>他校にも広がった。</p>",
    )
    cafe_en = translate_page(
        cafe,
        locale("en"),
        values={
            "title": "An English café for staff",
            "municipality": "Kumamoto City",
            "summary": "A weekly conversation class.",
            "devised": "<p>Topics the staff chose.</p>",
            "challenges": "<p>Keeping to one time.</p>",
            "outcomes": "<p>Other schools followed.</p>",
            "hero_image_alt": "Staff in the library",
            "body": english_body(image.pk),
        },
        publish=True,
    )
    neighbour = make_case_study(
        site_tree.school,
        slug="teachers-club",
        title="教員の英語クラブ",
        prefecture="JP-40",
        tags=tags("jet-alt", "teachers"),
    )
    column = make_column(site_tree.columns, related_case_study=cafe)
    cafe = CaseStudyPage.objects.get(pk=cafe.pk)
    return CaseContent(cafe=cafe, cafe_en=cafe_en, neighbour=neighbour, column=column)


def page(client, url: str, status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return BeautifulSoup(response.content, "html.parser")


def matrix(soup: BeautifulSoup) -> dict[str, dict[str, bool]]:
    """The printed tag matrix as {group: {tag: applies}}, read from the marks."""
    groups = {}
    for group in soup.select(".tag-matrix__group"):
        cells = {}
        for cell in group.select("li.tag-matrix__tag"):
            mark = cell.select_one(".tag-matrix__mark").get_text()
            hidden = cell.select_one(".visually-hidden").get_text()
            applies = "applies" in cell["class"][-1]
            # The mark and the words say the same as the class: not colour alone.
            assert mark == ("●" if applies else "○")
            words = "(applies)" if applies else "(does not apply)"
            with translation.override(soup.html["lang"]):
                assert hidden == translation.gettext(words)
            cells[cell["data-tag"]] = applies
        groups[group["data-group"]] = cells
    return groups


def test_the_tag_matrix_prints_every_tag_with_the_cases_own_marked(client, content):
    soup = page(client, content.cafe.url)
    cells = matrix(soup)
    taxonomy = api().get("taxonomy/", {"locale": "ja"}).data["tag_groups"]
    assert list(cells) == [group["slug"] for group in taxonomy]
    assert {g["slug"]: [t["slug"] for t in g["tags"]] for g in taxonomy} == {
        group: list(tags_) for group, tags_ in cells.items()
    }
    applied = {tag for group in cells.values() for tag, on in group.items() if on}
    assert applied == set(CASE_TAGS)
    # 児童・生徒 is printed as one subgroup holding the four school stages.
    subgroup = soup.select_one('[data-group="participants"] .tag-matrix__subgroup')
    assert subgroup.select_one(".tag-matrix__subgroup-name").get_text() == "児童・生徒"
    assert [li["data-tag"] for li in subgroup.select("li")] == [
        "preschool",
        "elementary",
        "junior-high",
        "senior-high",
    ]
    assert soup.select_one('[data-group="lead"] dt').get_text() == "取組の主体"


def test_the_hero_is_a_picture_with_the_apis_srcsets_loaded_eagerly(client, content):
    hero = (
        api()
        .get(f"case-studies/{content.cafe.pk}/", {"locale": "ja"})
        .data["hero_image"]
    )
    soup = page(client, content.cafe.url)
    picture = soup.select_one(".case__hero picture")
    webp = picture.select_one('source[type="image/webp"]')
    img = picture.select_one("img")
    assert webp["srcset"] == hero["renditions"]["webp"]["srcset"]
    assert img["srcset"] == hero["renditions"]["jpeg"]["srcset"]
    assert [c.split()[1] for c in img["srcset"].split(", ")] == [
        "480w",
        "960w",
        "1200w",
    ]
    assert img["loading"] == "eager"
    assert img["alt"] == "図書館の教職員"
    assert (
        img["sizes"] == webp["sizes"] == "(min-width: 68rem) 66rem, calc(100vw - 2rem)"
    )
    og_image = soup.select_one('meta[property="og:image"]')["content"]
    assert og_image.startswith("http://testserver/media/")
    assert og_image.endswith(
        hero["renditions"]["jpeg"]["srcset"].split(",")[-1].split()[0]
    )


def test_json_ld_is_an_article_naming_the_case_and_its_place(client, content):
    soup = page(client, content.cafe.url)
    (script,) = soup.select('script[type="application/ld+json"]')
    data = json.loads(script.string)
    assert data["@type"] == "Article"
    assert data["headline"] == "教職員向け英会話教室"
    assert data["inLanguage"] == "ja"
    assert data["datePublished"] and data["dateModified"]
    assert data["contentLocation"]["address"]["addressRegion"] == "熊本県"
    assert data["contentLocation"]["name"] == "熊本県熊本市"
    assert {"JET-ALT", "教員", "小学", "異文化理解"} <= set(data["keywords"])
    assert data["image"][0].startswith("http://testserver/media/")
    assert soup.select_one('meta[property="og:type"]')["content"] == "article"


def test_a_title_that_closes_a_script_cannot_escape_the_page(client, content):
    make_case_study(
        content.cafe.get_parent().specific, slug="hostile", title=HOSTILE_TITLE
    )
    response = client.get("/ja/school/hostile/")
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    soup = BeautifulSoup(html, "html.parser")
    # The one script is the JSON-LD, and it reads back the exact title.
    (script,) = soup.find_all("script")
    assert json.loads(script.string)["headline"] == HOSTILE_TITLE
    assert soup.h1.get_text() == HOSTILE_TITLE


def test_every_body_block_and_the_printed_panels_render(client, content):
    soup = page(client, content.cafe.url)
    body = soup.select_one(".case__body")
    assert body.select_one(".block--paragraph").get_text() == "毎週火曜日に開いた。"
    figure = body.select_one(".block--image")
    assert figure.img["alt"] == "ポスター"
    assert figure.figcaption.get_text() == "告知ポスター"
    quote = body.select_one(".block--quote")
    assert quote.blockquote.get_text(strip=True) == "英語が楽しくなった"
    assert "教頭先生" in quote.figcaption.get_text()
    video = body.select_one(".block--video a")
    assert video["href"] == VIDEO_URL
    assert "カフェの様子" in video.get_text()
    assert "YouTube" in body.select_one(".block--video__note").get_text()
    # No player: nothing is fetched from the provider before the reader clicks.
    assert not soup.find_all(["iframe", "embed", "object"])
    assert body.select_one(".block--link a")["href"] == "https://example.com/"
    assert soup.select_one(".panel--devised .prose").get_text() == "クイズを入れた。"
    assert soup.select_one(".panel--challenges .prose").get_text() == "題材選び。"
    assert "他校にも広がった。" in soup.select_one(".case__outcomes").get_text()
    assert len(soup.find_all("h1")) == 1


def test_related_cases_and_the_related_column_are_linked(client, content):
    soup = page(client, content.cafe.url)
    related = [a["href"] for a in soup.select(".case__related .card__title a")]
    assert content.neighbour.url in related
    assert content.cafe.url not in related
    column = soup.select_one(".case__columns .column-card")
    assert column.select_one("a")["href"] == content.column.url
    assert "Bailey Gaudin" in column.select_one(".column-card__byline").get_text()


def test_related_cases_are_none_when_the_api_has_no_answer(content):
    assert related_cases({"id": 999_999}, "ja") == []
    assert related_cases({}, "ja") == []


def test_the_english_page_reads_in_english(client, content):
    soup = page(client, content.cafe_en.url)
    assert soup.html["lang"] == "en"
    assert soup.h1.get_text() == "An English café for staff"
    assert soup.select_one(".case__place").get_text() == (
        "Place: Kumamoto City, Kumamoto"
    )
    assert soup.select_one('[data-group="participants"] dt').get_text() == (
        "Participants"
    )
    assert matrix(soup)["participants"]["teachers"] is True
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert data["inLanguage"] == "en"
    assert "Teachers" in data["keywords"]
    assert not soup.select(".notice:not(.notice--quiet)")


def test_a_draft_only_change_is_not_shown(client, content):
    draft = content.cafe.get_latest_revision_as_object()
    draft.title = "未公開の見出し"
    draft.summary = "未公開の要約"
    draft.save_revision()
    html = client.get(content.cafe.url).content.decode()
    assert "未公開" not in html
    assert BeautifulSoup(html, "html.parser").h1.get_text() == "教職員向け英会話教室"


def test_a_translation_behind_its_source_says_so(client, content):
    source = content.cafe.get_latest_revision_as_object()
    source.summary = "要約を改めた。"
    source.save_revision().publish()
    notice = page(client, content.cafe_en.url).select_one(".notice").get_text()
    assert "may be out of date" in notice


def test_untranslated_parts_are_named_in_the_notice(client, content):
    partly = translate_page(
        make_case_study(content.cafe.get_parent().specific, slug="partly"),
        locale("en"),
        values={"title": "Partly translated", "summary": "In English."},
        publish=True,
    )
    soup = page(client, partly.url)
    assert "not yet translated" in soup.select_one(".notice").get_text()


def test_a_tag_the_taxonomy_does_not_list_is_still_marked():
    # A stale or missing taxonomy answer must not hide the case's own tags.
    case_tags = [
        {"group": "lead", "label": "取組の主体", "tags": [_tag("new-lead")]},
        {"group": "features", "label": "特色ある取組", "tags": [_tag("digital")]},
    ]
    taxonomy = [{"slug": "lead", "name": "取組の主体", "tags": [_tag("jet-alt")]}]
    groups = build_tag_matrix(taxonomy, case_tags)
    assert [
        (g.slug, [(t.slug, t.applies) for r in g.rows for t in r.tags]) for g in groups
    ] == [
        ("lead", [("jet-alt", False), ("new-lead", True)]),
        ("features", [("digital", True)]),
    ]


def _tag(slug: str, subgroup: str = "") -> dict[str, str]:
    return {"slug": slug, "name": slug, "subgroup": subgroup}
