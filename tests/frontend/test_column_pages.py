"""The column list and the column page, rendered from the API."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from cms.tasks import build_renditions
from cms.translation import translate_page
from frontend.views import column_index
from tests.factories import ImageFactory, locale, make_case_study, make_column, tags

pytestmark = pytest.mark.django_db


@pytest.fixture
def column(site_tree):
    portrait = ImageFactory(title="bailey")
    build_renditions.call(portrait.pk)
    case = make_case_study(
        site_tree.school,
        slug="english-cafe",
        title="教職員向け英会話教室",
        prefecture="JP-43",
        tags=tags("jet-alt", "teachers"),
    )
    translate_page(case, locale("en"), values={"title": "English café"}, publish=True)
    column = make_column(
        site_tree.columns,
        related_case_study=case,
        portrait=portrait,
        portrait_alt="ベイリーさん",
        body=[
            {"type": "paragraph", "value": "<p>毎週火曜日に開いた。</p>"},
            {
                "type": "quote",
                "value": {"text": "また来たい", "speaker": "先生", "role": ""},
            },
        ],
    )
    translate_page(
        column,
        locale("en"),
        values={
            "title": "Notes from the staff room",
            "home_country": "USA",
            "placement": "An elementary school in Kumamoto",
            "summary": "How the café began.",
        },
        publish=True,
    )
    return column


def page(client, url: str, status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, response.content[:300]
    return BeautifulSoup(response.content, "html.parser")


def ja(msgid: str) -> str:
    """A label as the Japanese page prints it."""
    with translation.override("ja"):
        return translation.gettext(msgid)


def facts(node) -> dict[str, str]:
    return {
        div.dt.get_text(): div.dd.get_text()
        for div in node.select(".column-card__facts div")
    }


def test_the_column_page_has_its_byline_portrait_body_and_case(client, column):
    soup = page(client, "/ja/columns/english-cafe-column/")
    article = soup.select_one("article.column")
    assert article.h1.get_text() == "English Café に寄せて"
    assert "Bailey Gaudin" in article.select_one(".column__byline").get_text()
    assert facts(article) == {
        ja("Home country"): "アメリカ",
        ja("Placement"): "熊本市の小学校",
    }
    assert article.select_one(".column__portrait img")["alt"] == "ベイリーさん"
    assert article.select_one(".block--paragraph").get_text() == "毎週火曜日に開いた。"
    assert article.select_one(".block--quote blockquote").get_text(strip=True) == (
        "また来たい"
    )
    # Boxed under the series' own name, linking back to the list.
    series = article.select_one(".column__series a")
    assert (series.get_text(), series["href"]) == ("現場のJET-ALTから", "/ja/columns/")
    related = soup.select_one(".column__related .card__title a")
    assert related["href"] == "/ja/school/english-cafe/"


def test_the_english_column_page(client, column):
    soup = page(client, "/en/columns/english-cafe-column/")
    assert soup.html["lang"] == "en"
    assert soup.h1.get_text() == "Notes from the staff room"
    assert facts(soup.select_one("article.column")) == {
        "Home country": "USA",
        "Placement": "An elementary school in Kumamoto",
    }
    assert soup.select_one(".column__related .card__title a")["href"] == (
        "/en/school/english-cafe/"
    )


def test_the_column_list_shows_each_column_with_its_byline(client, column):
    soup = page(client, "/ja/columns/")
    assert soup.h1.get_text() == "現場のJET-ALTから"
    (card,) = soup.select(".column-card")
    assert card.select_one("h2 a")["href"] == "/ja/columns/english-cafe-column/"
    assert "Bailey Gaudin" in card.select_one(".column-card__byline").get_text()
    assert facts(card) == {
        ja("Home country"): "アメリカ",
        ja("Placement"): "熊本市の小学校",
    }
    assert card.select_one(".column-card__summary").get_text() == (
        "教職員向けの英会話の場をつくった話。"
    )
    # The name beside it already says who: the portrait is not read out again.
    assert card.select_one("img")["alt"] == ""
    assert not soup.select(".pagination")
    english = page(client, "/en/columns/")
    assert [a.get_text() for a in english.select(".column-card h2 a")] == [
        "Notes from the staff room"
    ]


def test_the_column_list_pages_by_query(client, column, site_tree, monkeypatch):
    monkeypatch.setattr(column_index, "PER_PAGE", 1)
    make_column(site_tree.columns, slug="second", title="二本目")
    first = page(client, "/ja/columns/")
    assert len(first.select(".column-card")) == 1
    assert (
        first.select_one('.pagination a[rel="next"]')["href"] == "/ja/columns/?page=2"
    )
    second = page(client, "/ja/columns/?page=2")
    assert second.select_one('.pagination a[rel="prev"]')["href"] == "/ja/columns/"
    assert not second.select('.pagination a[rel="next"]')
    titles = {
        a.get_text() for s in (first, second) for a in s.select(".column-card h2 a")
    }
    assert titles == {"二本目", "English Café に寄せて"}
    page(client, "/ja/columns/?page=3", status=404)
    page(client, "/ja/columns/?page=zero", status=404)


def test_a_draft_only_change_to_a_column_is_not_shown(client, column):
    draft = column.get_latest_revision_as_object()
    draft.author_name = "未公開の筆者"
    draft.save_revision()
    for url in ("/ja/columns/", "/ja/columns/english-cafe-column/"):
        assert "未公開" not in client.get(url).content.decode()
