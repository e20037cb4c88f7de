"""The section listing (/ja/school/ …): filters, facets and pages, all from the API.

Each expectation is checked against the API's own answer to the same question
(fetched through the test client), so the page can neither invent nor drop a case
or a count; a few are also checked by hand against the content made here.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from cms.models import Theme
from cms.translation import translate_page
from frontend.client import api
from frontend.views import listing
from tests.factories import locale, make_case_study, tags


@dataclass
class ListingContent:
    site: object
    school_titles: dict[str, str]  # slug → ja title


@pytest.fixture
def listing_content(site_tree) -> ListingContent:
    """Five school cases (three translated) and one community case."""
    cases = {
        "miyagi-journal": ("JP-04", ("jet-alt", "junior-high", "digital-tools")),
        "miyagi-picture-books": ("JP-04", ("jet-alt", "elementary")),
        "kumamoto-cafe": ("JP-43", ("jet-alt", "elementary", "teachers")),
        "miyagi-board": ("JP-04", ("contracting-organisation", "elementary")),
        "hokkaido-camp": ("JP-01", ("jet-alt", "senior-high")),
    }
    bousai = Theme.objects.create(
        slug="disaster-prevention", name_ja="防災", name_en="Disaster prevention"
    )
    titles = {}
    for number, (slug, (prefecture, slugs)) in enumerate(cases.items()):
        title = f"事例{number} {slug}"
        page = make_case_study(
            site_tree.school,
            slug=slug,
            title=title,
            prefecture=prefecture,
            summary=f"{title} の英語の取組。",
            tags=tags(*slugs),
            themes=[bousai] if slug == "miyagi-board" else [],
        )
        titles[slug] = title
        if number < 3:
            translate_page(
                page, locale("en"), values={"title": f"Case {number}"}, publish=True
            )
    # Same tags and prefecture as a school case: must never show on /school/.
    make_case_study(
        site_tree.community,
        slug="miyagi-community",
        title="地域の事例",
        prefecture="JP-04",
        tags=tags("jet-alt", "elementary"),
    )
    return ListingContent(site=site_tree, school_titles=titles)


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def card_titles(soup: BeautifulSoup) -> list[str]:
    return [a.get_text().strip() for a in soup.select("ul.cards .card__title a")]


def facet_counts(soup: BeautifulSoup) -> dict[tuple[str, str], int]:
    """(input name, value) → the count printed beside each checkbox."""
    counts = {}
    for box in soup.select("form.filters input[type=checkbox]"):
        label = soup.find("label", attrs={"for": box["id"]})
        text = label.select_one(".facet-count").get_text()
        counts[box["name"], box["value"]] = int("".join(filter(str.isdigit, text)))
    return counts


def api_answer(client: Client, **params) -> dict:
    response = client.get("/api/v1/case-studies/", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_two_tags_and_a_prefecture_give_the_apis_cases_and_counts(
    listing_content, client
):
    response = client.get(
        "/ja/school/",
        {"tag": ["jet-alt", "elementary"], "prefecture": "JP-04"},
    )
    assert response.status_code == 200
    soup = soup_of(response)
    expected = api_answer(
        client,
        locale="ja",
        section="school",
        lead="jet-alt",
        participants="elementary",
        prefecture="JP-04",
    )
    # By hand: JET-ALT and 小学 and 宮城県, in school only.
    assert expected["count"] == 1
    assert card_titles(soup) == [item["title"] for item in expected["items"]]
    assert card_titles(soup) == [listing_content.school_titles["miyagi-picture-books"]]
    assert "1" in soup.select_one("[role=status]").get_text()

    counts = facet_counts(soup)
    for group in ("lead", "participants", "internationalisation", "features"):
        for facet in expected["facets"][group]:
            assert counts["tag", facet["value"]] == facet["count"], facet
    for facet in expected["facets"]["theme"]:
        assert counts["theme", facet["value"]] == facet["count"]
    # Disjunctive: 中学 would add the journal (JET-ALT, 宮城県); 教員 nothing.
    assert counts["tag", "junior-high"] == 1
    assert counts["tag", "teachers"] == 0

    checked = {b["value"] for b in soup.select("form.filters input[checked]")}
    assert checked == {"jet-alt", "elementary"}
    selected = soup.select_one("#f-prefecture option[selected]")
    assert selected["value"] == "JP-04"


def test_a_theme_filters_the_list(listing_content, client):
    soup = soup_of(client.get("/ja/school/", {"theme": "disaster-prevention"}))
    assert card_titles(soup) == [listing_content.school_titles["miyagi-board"]]
    assert soup.select_one("#f-theme-disaster-prevention").has_attr("checked")


def test_zero_counts_are_disabled_but_readable_and_a_chosen_one_stays_usable(
    listing_content, client
):
    # 教員 in 宮城県: no such case, so 教員's own count is 0 while it is ticked.
    soup = soup_of(
        client.get("/ja/school/", {"tag": "teachers", "prefecture": "JP-04"})
    )
    teachers = soup.select_one("#f-tag-teachers")
    assert facet_counts(soup)["tag", "teachers"] == 0
    # Ticked, so it must still be submitted (a disabled input is not).
    assert teachers.has_attr("checked") and not teachers.has_attr("disabled")
    residents = soup.select_one("#f-tag-residents")
    assert residents.has_attr("disabled")
    label = soup.find("label", attrs={"for": "f-tag-residents"})
    assert label.get_text(strip=True).startswith(residents.parent.get_text(strip=True))
    assert "is-empty" in residents.parent["class"]


def test_the_tag_matrix_is_grouped_as_the_apis_taxonomy(listing_content, client):
    soup = soup_of(client.get("/ja/school/"))
    taxonomy = client.get("/api/v1/taxonomy/", {"locale": "ja"}).json()
    groups = soup.select("form.filters > fieldset.filters__group")
    legends = [g.find("legend").get_text(strip=True) for g in groups]
    assert legends[:4] == [g["name"] for g in taxonomy["tag_groups"]]
    participants = groups[1]
    subgroup = participants.select_one("fieldset.filters__subgroup")
    assert subgroup.find("legend").get_text(strip=True) == "児童・生徒"
    assert [b["value"] for b in subgroup.select("input")] == [
        t["slug"] for t in taxonomy["tag_groups"][1]["tags"] if t["subgroup"]
    ]


def test_pages_map_to_limit_and_offset_with_prev_and_next(
    listing_content, client, monkeypatch
):
    monkeypatch.setattr(listing, "PAGE_SIZE", 1)
    response = client.get("/ja/school/", {"page": "2", "tag": "jet-alt"})
    assert response.status_code == 200
    soup = soup_of(response)
    expected = api_answer(
        client, locale="ja", section="school", lead="jet-alt", limit=1, offset=1
    )
    assert expected["count"] == 4
    assert card_titles(soup) == [item["title"] for item in expected["items"]]

    nav = soup.select_one("nav.pagination")
    current = nav.select_one("a[aria-current=page]")
    assert current.get_text(strip=True) == "2"
    prev_link, next_link = nav.select_one("a[rel=prev]"), nav.select_one("a[rel=next]")
    assert parse_qs(urlsplit(prev_link["href"]).query) == {"tag": ["jet-alt"]}
    assert parse_qs(urlsplit(next_link["href"]).query) == {
        "tag": ["jet-alt"],
        "page": ["3"],
    }
    numbers = [a.get_text(strip=True) for a in nav.select("a:not([rel])")]
    assert numbers == ["1", "2", "3", "4"]
    assert soup.select_one("head link[rel=next]")["href"] == next_link["href"]
    # Past the last page there is no page: a 404, not an empty list.
    assert client.get("/ja/school/", {"page": "5", "tag": "jet-alt"}).status_code == 404


def test_far_pages_are_elided_and_the_last_has_no_next(
    listing_content, client, monkeypatch
):
    monkeypatch.setattr(listing, "PAGE_SIZE", 1)
    nav = soup_of(client.get("/ja/school/", {"page": "5"})).select_one("nav.pagination")
    items = [li.get_text(strip=True) for li in nav.select("li")]
    assert items[1:] == ["1", "…", "3", "4", "5"]
    assert nav.select_one("a[rel=next]") is None


def test_clear_all_and_each_remove_link(listing_content, client):
    soup = soup_of(
        client.get(
            "/ja/school/", {"tag": ["jet-alt", "elementary"], "prefecture": "JP-04"}
        )
    )
    clear = [a["href"] for a in soup.select("a.listing__clear, a.filters__clear")]
    assert clear == ["/ja/school/", "/ja/school/"]
    removes = {
        li.select_one(".chosen__dimension").next_sibling.strip(): parse_qs(
            urlsplit(li.a["href"]).query
        )
        for li in soup.select(".chosen__list li")
    }
    assert removes == {
        "JET-ALT": {"tag": ["elementary"], "prefecture": ["JP-04"]},
        "小学": {"tag": ["jet-alt"], "prefecture": ["JP-04"]},
        "宮城県": {"tag": ["jet-alt", "elementary"]},
    }


def test_a_bad_prefecture_is_a_400_page_naming_the_filter(listing_content, client):
    response = client.get("/ja/school/", {"prefecture": "JP-99", "tag": "jet-alt"})
    assert response.status_code == 400
    soup = soup_of(response)
    alert = soup.select_one("[role=alert]")
    assert "JP-99" in alert.get_text()
    assert alert.strong.get_text() == str(listing.PARAMETER_LABELS["prefecture"])
    assert alert.select_one("a")["href"] == "/ja/school/"
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"


@pytest.mark.parametrize(
    "query, parameter",
    [
        ({"tag": "no-such-tag"}, "tag"),  # refused by the site: no group has it
        ({"theme": "no-such-theme"}, "theme"),  # refused by the API
        ({"ordering": "random"}, "ordering"),
        ({"page": "0"}, "page"),
        ({"page": "２"}, "page"),
        ({"page": "99999999"}, "page"),
    ],
)
def test_other_bad_values_are_400_pages_too(listing_content, client, query, parameter):
    response = client.get("/ja/school/", query)
    assert response.status_code == 400
    alert = soup_of(response).select_one("[role=alert]")
    assert alert.strong.get_text() == str(listing.PARAMETER_LABELS[parameter])
    assert next(iter(query.values())) in alert.get_text()


def test_unknown_parameters_are_ignored_and_never_forwarded(
    listing_content, client, monkeypatch
):
    sent: list[tuple[str, dict]] = []
    real_fetch = api().fetch

    def spy(path, params=None):
        sent.append((path, dict(params or {})))
        return real_fetch(path, params)

    monkeypatch.setattr(api(), "fetch", spy)
    response = client.get(
        "/ja/school/", {"tag": "jet-alt", "utm_source": "x", "section": "community"}
    )
    assert response.status_code == 200
    listed = [params for path, params in sent if path == "case-studies/"]
    assert listed == [
        {
            "locale": "ja",
            "lead": ["jet-alt"],
            "limit": listing.PAGE_SIZE,
            "offset": 0,
            "section": "school",
        }
    ]
    expected = api_answer(client, locale="ja", section="school", lead="jet-alt")
    assert card_titles(soup_of(response)) == [i["title"] for i in expected["items"]]


def test_english_lists_the_english_cases_of_the_section(listing_content, client):
    response = client.get("/en/school/")
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.html["lang"] == "en"
    assert soup.h1.get_text(strip=True) == "JET-ALTs in the classroom"
    expected = api_answer(client, locale="en", section="school")
    assert expected["count"] == 3
    assert sorted(card_titles(soup)) == sorted(i["title"] for i in expected["items"])
    assert (
        soup.select_one("#f-prefecture option[value=JP-04]")
        .get_text()
        .startswith("Miyagi")
    )


def test_japanese_page_shows_the_printed_heading_and_intro(listing_content, client):
    soup = soup_of(client.get("/ja/school/"))
    assert soup.html["lang"] == "ja"
    assert soup.h1.get_text(strip=True) == "多彩！教室で活躍するJET-ALT"
    assert len(soup.find_all("h1")) == 1
    found = client.get("/api/v1/pages/find/", {"path": "/ja/school/"}).json()
    assert found["type"] == "case_study_index"
    assert soup.select_one(".listing-header__kicker").get_text() == found["title"]


def test_the_filters_are_a_plain_get_form(listing_content, client):
    soup = soup_of(client.get("/ja/school/"))
    form = soup.select_one("form.filters")
    assert form["method"] == "get" and form["action"] == "/ja/school/"
    names = {i["name"] for i in form.select("input, select")}
    assert names == {"tag", "theme", "prefecture", "ordering"}
    assert form.select_one("button[type=submit]")
    # Every control has a label (checkboxes by for=, selects likewise).
    for control in form.select("input, select"):
        assert soup.find("label", attrs={"for": control["id"]}), control
    ids = [e["id"] for e in soup.select("[id]")]
    assert len(ids) == len(set(ids))
    # The script only enhances, loaded with defer.
    script = soup.select_one("script[src$='filters.js']")
    assert script.has_attr("defer")
