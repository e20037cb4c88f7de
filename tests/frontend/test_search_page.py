"""The search page (/ja/search/?q=…): the API's ``search/`` with filters and pages."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from frontend.views import listing
from frontend.views.search import (
    CARD_SUMMARY_CHARS,
    highlight_html,
    marked_segments,
)
from tests.factories import make_case_study, tags
from tests.frontend.test_section_listing import (  # noqa: F401 — fixtures
    card_titles,
    facet_counts,
    listing_content,
    soup_of,
)


def search_answer(client, **params) -> dict:
    response = client.get("/api/v1/search/", params)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.usefixtures("listing_content")
def test_results_counts_and_facets_are_the_apis(client):
    response = client.get(
        "/ja/search/",
        {"q": "英語", "tag": ["jet-alt", "elementary"], "prefecture": "JP-04"},
    )
    assert response.status_code == 200
    soup = soup_of(response)
    expected = search_answer(
        client,
        q="英語",
        locale="ja",
        lead="jet-alt",
        participants="elementary",
        prefecture="JP-04",
    )
    # The school case only: the community one has no 英語 in its summary.
    assert expected["count"] == 1
    assert card_titles(soup) == [i["title"] for i in expected["items"]]
    assert str(expected["count"]) in soup.select_one("[role=status]").get_text()
    counts = facet_counts(soup)
    for facet in expected["facets"]["section"]:
        assert counts["section", facet["value"]] == facet["count"]
    for facet in expected["facets"]["participants"]:
        assert counts["tag", facet["value"]] == facet["count"]


@pytest.mark.usefixtures("listing_content")
def test_the_form_keeps_the_query_and_works_without_javascript(client):
    soup = soup_of(client.get("/ja/search/", {"q": "英語", "section": "school"}))
    form = soup.select_one("form.filters")
    assert form["method"] == "get" and form["action"] == "/ja/search/"
    assert form.select_one("input[name=q]")["value"] == "英語"
    assert form.select_one("#f-section-school").has_attr("checked")
    assert form.select_one("button[type=submit]")
    # Clearing the filters keeps the words.
    assert (
        soup.select_one("a.filters__clear")["href"]
        == "/ja/search/?q=%E8%8B%B1%E8%AA%9E"
    )


def test_highlights_are_shown_and_everything_else_is_escaped(site_tree, client):
    make_case_study(
        site_tree.school,
        slug="markup-in-title",
        title="英語 <script>alert(1)</script> & <b>bold</b>",
        summary="<img src=x onerror=alert(1)> 英語の授業",
        tags=tags("jet-alt", "junior-high"),
    )
    soup = soup_of(client.get("/ja/search/", {"q": "英語"}))
    card = soup.select_one("ul.cards li")
    title = card.select_one(".card__title a")
    assert [m.get_text() for m in title.find_all("mark")] == ["英語"]
    assert title.get_text() == "英語 <script>alert(1)</script> & <b>bold</b>"
    assert card.find("script") is None and card.find("b") is None
    assert card.find("img", attrs={"onerror": True}) is None
    assert [m.get_text() for m in card.select(".card__summary mark")] == ["英語"]


def test_a_fitted_summary_never_cuts_a_highlight():
    html = "あ" * 100 + "<mark>英語</mark>" + "い" * 50
    fitted = highlight_html(marked_segments(html), CARD_SUMMARY_CHARS)
    # The card's truncatechars counts markup: it must find nothing left to cut.
    assert len(fitted) <= CARD_SUMMARY_CHARS
    assert fitted.count("<mark>") == fitted.count("</mark>")
    assert fitted.endswith("…")
    short = highlight_html(marked_segments("a &amp; <mark>b</mark>"), 110)
    assert short == "a &amp; <mark>b</mark>"


@pytest.mark.usefixtures("listing_content")
def test_no_results_say_so_and_suggest_what_to_do(client):
    response = client.get("/ja/search/", {"q": "存在しない言葉", "tag": "jet-alt"})
    assert response.status_code == 200
    soup = soup_of(response)
    assert "0" in soup.select_one("[role=status]").get_text()
    assert soup.select("ul.cards") == []
    suggestions = soup.select(".no-results li a")
    hrefs = [a["href"] for a in suggestions]
    # Without the filters (same words), then each section.
    assert (
        hrefs[0]
        == "/ja/search/?q="
        + "%E5%AD%98%E5%9C%A8%E3%81%97%E3%81%AA%E3%81%84%E8%A8%80%E8%91%89"
    )
    assert "/ja/school/" in hrefs and "/ja/community/" in hrefs


@pytest.mark.usefixtures("listing_content")
def test_a_query_longer_than_the_api_allows_is_its_400_explained(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    q_schema = next(
        p["schema"]
        for p in schema["paths"]["/api/v1/search/"]["get"]["parameters"]
        if p["name"] == "q"
    )
    # The site's limit is the API's, and the box says so before the API has to.
    assert q_schema["maxLength"] == listing.MAX_QUERY_LENGTH
    soup = soup_of(client.get("/ja/search/"))
    assert soup.select_one("#search-q")["maxlength"] == str(listing.MAX_QUERY_LENGTH)

    response = client.get("/ja/search/", {"q": "英" * (q_schema["maxLength"] + 1)})
    assert response.status_code == 400
    alert = soup_of(response).select_one("[role=alert]")
    assert alert.strong.get_text() == str(listing.PARAMETER_LABELS["q"])
    assert str(q_schema["maxLength"]) in alert.get_text()


@pytest.mark.usefixtures("listing_content")
def test_a_bad_filter_on_search_is_a_400_not_a_500(client):
    response = client.get("/ja/search/", {"q": "英語", "prefecture": "JP-99"})
    assert response.status_code == 400
    assert "JP-99" in soup_of(response).select_one("[role=alert]").get_text()


@pytest.mark.usefixtures("listing_content")
def test_pages_and_unknown_parameters(client, monkeypatch):
    monkeypatch.setattr(listing, "PAGE_SIZE", 2)
    response = client.get("/ja/search/", {"q": "英語", "page": "2", "fbclid": "x"})
    assert response.status_code == 200
    soup = soup_of(response)
    expected = search_answer(client, q="英語", locale="ja", limit=2, offset=2)
    assert card_titles(soup) == [i["title"] for i in expected["items"]]
    prev_href = soup.select_one("nav.pagination a[rel=prev]")["href"]
    # The unknown parameter is not carried into the site's own links either.
    assert parse_qs(urlsplit(prev_href).query) == {"q": ["英語"]}


@pytest.mark.usefixtures("listing_content")
def test_english_search(client):
    response = client.get("/en/search/", {"q": "Case"})
    soup = soup_of(response)
    assert soup.html["lang"] == "en"
    expected = search_answer(client, q="Case", locale="en")
    assert expected["count"] == 3
    assert sorted(card_titles(soup)) == sorted(i["title"] for i in expected["items"])


@pytest.mark.parametrize("path", ["/ja/search/", "/en/search/"])
def test_an_empty_search_is_a_prompt(site_tree, client, path):
    soup = soup_of(client.get(path))
    assert soup.select_one("form.search-form input[name=q]")
    assert soup.select("[role=status]") == []
    assert len(soup.find_all("h1")) == 1
