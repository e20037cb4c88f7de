"""ETag, Cache-Control and 304s; publishing changes what every response says."""

from __future__ import annotations

import pytest

from cms.translation import translate_page
from tests.api.helpers import API, get_json
from tests.factories import locale, make_case_study, tags

LIST = API + "case-studies/"


def test_every_get_has_etag_and_cache_control(client, api_content):
    for path in [
        "case-studies/",
        f"case-studies/{api_content.miyagi.pk}/",
        "columns/",
        f"columns/{api_content.column.pk}/",
        "taxonomy/",
        "home/",
        "search/?q=ALT",
        "pages/find/?path=/ja/",
    ]:
        response = client.get(API + path)
        assert response.status_code == 200, path
        assert response["ETag"].startswith('"')
        control = response["Cache-Control"]
        assert "public" in control and "max-age=" in control
        assert "stale-while-revalidate=" in control


def test_if_none_match_gives_304(client, api_content):
    first = client.get(LIST, {"section": "school"})
    again = client.get(LIST, {"section": "school"}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    other = client.get(LIST, {"section": "school"}, HTTP_IF_NONE_MATCH='"stale"')
    assert other.status_code == 200


def _etag_and_count(client, **params):
    response = client.get(LIST, params)
    return response["ETag"], response.json()["count"]


def test_publish_unpublish_and_move_invalidate(client, api_content):
    etag, count = _etag_and_count(client)
    site = api_content.site
    new = make_case_study(
        site.school,
        slug="new-case",
        title="新しい事例",
        tags=tags("jet-alt", "teachers"),
    )
    response = client.get(LIST, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response.json()["count"] == count + 1

    before_move = get_json(client, "case-studies/", section="community")["count"]
    new.move(site.community, pos="last-child")
    assert get_json(client, "case-studies/", section="community")["count"] == (
        before_move + 1
    )
    assert get_json(client, f"case-studies/{new.pk}/")["url"].startswith(
        "/ja/community/"
    )

    new.refresh_from_db()
    new.unpublish()
    assert get_json(client, "case-studies/")["count"] == count
    get_json(client, f"case-studies/{new.pk}/", status=404)


def test_translation_publish_invalidates_the_other_locale(client, api_content):
    assert get_json(client, "case-studies/", locale="en")["count"] == 2
    facets = get_json(client, "taxonomy/", locale="en")
    translate_page(
        api_content.ibaraki,
        locale("en"),
        values={"title": "World culture seminars"},
        publish=True,
    )
    body = get_json(client, "case-studies/", locale="en")
    assert body["count"] == 3
    assert "World culture seminars" in [item["title"] for item in body["items"]]
    assert get_json(client, "taxonomy/", locale="en") != facets


@pytest.mark.django_db
def test_errors_are_not_cached(client):
    response = client.get(LIST, {"limit": "x"})
    assert response["Cache-Control"] == "no-store"
