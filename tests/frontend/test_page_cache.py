"""Site pages are kept per content version: current after any publish, 304-able."""

from __future__ import annotations

import pytest

from tests.factories import make_case_study, tags

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(site_tree):
    return make_case_study(
        site_tree.school,
        slug="kept",
        title="取っておく事例",
        prefecture="JP-04",
        tags=tags("jet-alt", "elementary"),
    )


def test_a_publish_is_on_the_next_request_and_the_old_etag_stops_matching(client, case):
    first = client.get(case.url)
    assert first.status_code == 200
    assert "取っておく事例" in first.text
    etag = first["ETag"]
    assert client.get(case.url, HTTP_IF_NONE_MATCH=etag).status_code == 304

    case.title = "新しい題名の事例"
    case.save_revision().publish()

    again = client.get(case.url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200
    assert "新しい題名の事例" in again.text
    assert again["ETag"] != etag
    assert again["X-Content-Version"] != first["X-Content-Version"]


def test_a_page_is_rendered_once_per_version(client, case, monkeypatch):
    from frontend.views import case_study

    calls = []
    real = case_study.render
    monkeypatch.setattr(
        case_study, "render", lambda *args: calls.append(1) or real(*args)
    )
    for _ in range(3):
        assert client.get(case.url).status_code == 200
    assert len(calls) == 1


def test_parameters_no_page_reads_share_one_cached_page(client, case, monkeypatch):
    from frontend.views import case_study

    calls = []
    real = case_study.render
    monkeypatch.setattr(
        case_study, "render", lambda *args: calls.append(1) or real(*args)
    )
    plain = client.get(case.url)
    tracked = client.get(case.url + "?utm_source=mail&fbclid=x")
    assert plain["ETag"] == tracked["ETag"]
    assert len(calls) == 1


def test_unpublished_page_is_gone_on_the_next_request(client, case):
    assert client.get(case.url).status_code == 200
    case.unpublish()
    gone = client.get(case.url)
    assert gone.status_code == 404
    assert "取っておく事例" not in gone.text
