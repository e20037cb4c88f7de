"""Both API clients answer alike: in-process (the default) and over HTTP
(``CMS_API_URL``), the latter against a live server running the real API."""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from frontend.client import ApiError, ApiUnavailable, _client_for, api
from frontend.client.http import HttpClient
from frontend.client.in_process import InProcessClient
from tests.factories import make_case_study

# The live server reads what the test wrote: it must be committed, and the rows
# the migrations made must come back for the tests after this one.
live = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def cases(site_tree):
    make_case_study(site_tree.school, slug="alt-journal")
    make_case_study(site_tree.community, slug="world-culture", title="世界の文化")
    return site_tree


@pytest.fixture
def over_http(live_server, settings) -> HttpClient:
    settings.CMS_API_URL = live_server.url + "/api/v1/"
    # A fresh client: the live server's URL is the same for every test, and a
    # kept answer from an earlier test would turn a first request into a 304.
    _client_for.cache_clear()
    client = api()
    assert isinstance(client, HttpClient)  # the setting chooses the client
    return client


@live
def test_both_clients_find_the_same_page(cases, over_http):
    here = InProcessClient().find("/ja/school/alt-journal/")
    there = over_http.find("/ja/school/alt-journal/")
    assert here.data["title"] == "ALT Journal の作成"
    assert there.data == here.data
    assert there.version == here.version != ""


@live
def test_both_clients_list_the_same_cases(cases, over_http):
    params = {"locale": "ja", "limit": 10}
    here = InProcessClient().get("case-studies/", params)
    there = over_http.get("case-studies/", params)
    assert here.data["count"] == 2
    assert there.data == here.data


@live
def test_both_clients_raise_the_same_problem(cases, over_http):
    with pytest.raises(ApiError) as here:
        InProcessClient().get("case-studies/", {"locale": "xx"})
    with pytest.raises(ApiError) as there:
        over_http.get("case-studies/", {"locale": "xx"})
    assert here.value.status == there.value.status == 400
    assert there.value.problem == here.value.problem
    assert here.value.problem["detail"]


@pytest.fixture
def urlopen_calls(monkeypatch) -> list[tuple[dict[str, str], int]]:
    """Each HTTP request the client sends: its headers and the status it got."""
    calls: list[tuple[dict[str, str], int]] = []
    real = urllib.request.urlopen

    def spy(request, *args, **kwargs):
        headers = {k.lower(): v for k, v in request.header_items()}
        try:
            response = real(request, *args, **kwargs)
        except urllib.error.HTTPError as error:
            calls.append((headers, error.code))
            raise
        calls.append((headers, response.status))
        return response

    monkeypatch.setattr(urllib.request, "urlopen", spy)
    return calls


@live
def test_the_http_client_revalidates_and_reuses_the_kept_body(
    cases, over_http, urlopen_calls
):
    first = over_http.get("case-studies/", {"locale": "ja"})
    again = over_http.get("case-studies/", {"locale": "ja"})
    (sent_first, status_first), (sent_again, status_again) = urlopen_calls
    assert "if-none-match" not in sent_first and status_first == 200
    assert sent_again["if-none-match"] == first.etag != ""
    assert status_again == 304
    assert again is first  # the kept answer, not a new decode of an empty body


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A port that accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/api/v1/"


def test_a_silent_api_is_unavailable_after_the_timeout(silent_server, settings):
    settings.CMS_API_URL = silent_server
    settings.CMS_API_TIMEOUT = 0.5
    started = time.monotonic()
    with pytest.raises(ApiUnavailable):
        api().get("version/")
    assert time.monotonic() - started < 3


def test_a_refused_connection_is_unavailable_at_once(settings):
    with socket.socket() as probe:  # a port nobody listens on once closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CMS_API_URL = f"http://127.0.0.1:{port}/api/v1/"
    started = time.monotonic()
    with pytest.raises(ApiUnavailable):
        api().find("/ja/")
    assert time.monotonic() - started < 3
