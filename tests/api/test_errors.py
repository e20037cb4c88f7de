"""Bad input is a 4xx problem-details body, never a 5xx or an HTML page."""

from __future__ import annotations

import json

import pytest

from tests.api.helpers import API

BAD_REQUESTS = [
    ("case-studies/", {"prefectur": "JP-04"}),
    ("case-studies/", {"limit": "abc"}),
    ("case-studies/", {"limit": "-1"}),
    ("case-studies/", {"limit": "0"}),
    ("case-studies/", {"limit": "101"}),
    ("case-studies/", {"limit": "1e3"}),
    ("case-studies/", {"limit": "99999999999999999999"}),
    ("case-studies/", {"limit": "５"}),
    ("case-studies/", {"limit": ["5", "6"]}),
    ("case-studies/", {"offset": "-1"}),
    ("case-studies/", {"offset": "100001"}),
    ("case-studies/", {"locale": "fr"}),
    ("case-studies/", {"fallback": "xx"}),
    ("case-studies/", {"section": "other"}),
    ("case-studies/", {"prefecture": "JP-99"}),
    ("case-studies/", {"prefecture": ""}),
    ("case-studies/", {"lead": "teachers"}),  # a tag of another group
    ("case-studies/", {"theme": "no-such-theme"}),
    ("case-studies/", {"ordering": "id"}),
    ("case-studies/", {"q": "x"}),
    ("case-studies/", {"section": "school\x00"}),
    ("columns/", {"section": "school"}),
    ("columns/", {"limit": "1000"}),
    ("taxonomy/", {"locale": "de"}),
    ("home/", {"fallback": "ja"}),
    ("search/", {"lead": "nope"}),
    ("pages/find/", {}),
    ("pages/find/", {"path": "ja/no-leading-slash/"}),
    ("preview/", {}),
    ("case-studies/1/", {"limit": "5"}),
    # Checked before the page is looked up: a 400 even where the id is a 404.
    ("case-studies/1/", {"fallback": "xx"}),
    ("columns/1/", {"locale": ""}),
    ("case-studies/", {"limit": ""}),
    ("search/", {"q": ""}),
    ("pages/find/", {"path": ""}),
    ("preview/", {"token": ""}),
]


def _problem(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert body["status"] == status
    assert body["title"] and body["detail"]
    return body


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "params"), BAD_REQUESTS)
def test_bad_input_is_400(client, path, params):
    _problem(client.get(API + path, params), 400)


@pytest.mark.django_db
def test_unknown_parameter_names_the_allowed_ones(client):
    body = _problem(client.get(API + "case-studies/", {"prefectur": "JP-04"}), 400)
    assert body["unknown"] == ["prefectur"]
    assert "prefecture" in body["allowed"] and "prefecture" in body["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "case-studies/999999/",
        "case-studies/99999999999999999999/",
        "columns/999999/",
        "nope/",
        "nope",
        "case-studies/abc/",
        "pages/find/?path=/xx/school/",
        "pages/find/?path=/ja/no/such/page/",
        "pages/find/?path=/ja/%E5%AE%AE%E5%9F%8E/",
        "preview/?token=garbage",
        "home/",  # no site yet
    ],
)
def test_missing_is_404(client, path):
    _problem(client.get(API + path), 404)


@pytest.mark.django_db
def test_wrong_method_is_problem(client):
    _problem(client.post(API + "case-studies/", {}), 405)


@pytest.mark.django_db
def test_preview_token_needs_a_login(client):
    response = client.post(API + "preview/token/", {"page": 1}, format="json")
    assert response.status_code in (401, 403)
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v2/pages/", "/api/v3/pages/", "/api/pages/"])
def test_wagtail_api_is_not_mounted(client, path):
    # Wagtail's own API would serve drafts to any token holder: never mounted.
    response = client.get(path, follow=True)
    assert response.status_code == 404
    assert b'"meta"' not in response.content
