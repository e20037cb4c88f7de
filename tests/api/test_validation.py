"""Every parameter of every endpoint is checked, up front, as a problem-details 400.

A bad value must never be ignored (``fallback=xx`` on a detail URL once answered
200), never reach the response cache, and a flood of parameters must be turned
away cheaply, under DEBUG too. The schema states the same bounds, so a client can
know a 400 in advance.
"""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import override_settings

from cms.api.endpoints.preview import issue_token
from cms.api.pagination import MAX_LIMIT, MAX_OFFSET
from cms.api.too_many_params import TooManyParamsMiddleware
from cms.prefectures import PREFECTURES_BY_CODE
from tests.api.helpers import API
from tests.api.schema_tools import openapi_document

PROBLEM = "application/problem+json"
TOKEN = API + "preview/token/"

# endpoint name → (path, query of a valid 200 request); filled by ``valid``.
NAMES = (
    "case-study-list",
    "case-study-detail",
    "column-list",
    "column-detail",
    "find",
    "taxonomy",
    "home",
    "search",
    "preview",
)
DETAILS = ("case-study-detail", "column-detail")
LISTS = ("case-study-list", "column-list", "search")
CASE_LISTS = ("case-study-list", "search")


@pytest.fixture
def editor():
    return get_user_model().objects.create_superuser("ed", "ed@example.com", "pw")


@pytest.fixture
def valid(api_content, editor) -> dict[str, tuple[str, dict[str, Any]]]:
    """One valid request per GET endpoint, so each 400 below is the check's doing."""
    return {
        "case-study-list": ("case-studies/", {}),
        "case-study-detail": (f"case-studies/{api_content.miyagi.pk}/", {}),
        "column-list": ("columns/", {}),
        "column-detail": (f"columns/{api_content.column.pk}/", {}),
        "find": ("pages/find/", {"path": "/ja/school/alt-journal/"}),
        "taxonomy": ("taxonomy/", {}),
        "home": ("home/", {}),
        "search": ("search/", {"q": "ALT"}),
        "preview": (
            "preview/",
            {"token": issue_token(api_content.miyagi, editor)},
        ),
    }


def problem(
    response, parameter: str | None = None, *, status: int = 400, case: Any = None
) -> dict:
    """The problem body of ``response``, which must name ``parameter`` if given."""
    assert response.status_code == status, (case, response.content[:300])
    assert response["Content-Type"] == PROBLEM, case
    body = json.loads(response.content)
    assert body["status"] == status and body["title"] and body["detail"], case
    if parameter is not None:
        named = body.get("parameter") == parameter or body.get("unknown") == [parameter]
        assert named, (case, body)
        assert parameter in body["detail"], (case, body)
    return body


def get(client, valid, name: str, **changes: Any):
    path, params = valid[name]
    return client.get(API + path, {**params, **changes})


# The content fixture is slow to build, so each test below walks every endpoint
# (or every value) itself; ``problem`` names the case in its assertion message.


@pytest.mark.django_db
def test_the_valid_requests_are_200(client, valid):
    for name in NAMES:
        response = get(client, valid, name)
        assert response.status_code == 200, (name, response.content[:300])


@pytest.mark.django_db
def test_detail_checks_locale_and_fallback(client, valid):
    for name in DETAILS:
        for params in (
            {"fallback": "xx"},  # was a 200: without locale it was never read
            {"locale": "en", "fallback": "xx"},
            {"locale": "xx"},
            {"fallback": ""},
        ):
            body = problem(get(client, valid, name, **params), case=(name, params))
            assert body["parameter"] in params


@pytest.mark.django_db
def test_unknown_parameter_is_400_everywhere(client, valid):
    for name in NAMES:
        body = problem(get(client, valid, name, bogus="1"), "bogus", case=name)
        assert body["unknown"] == ["bogus"]


REPEATED_AND_EMPTY = [
    *((name, "locale") for name in NAMES if name not in ("find", "preview")),
    *((name, "fallback") for name in (*DETAILS, *LISTS)),
    *((name, parameter) for name in LISTS for parameter in ("limit", "offset")),
    *((name, "ordering") for name in LISTS),
    ("find", "path"),
    ("search", "q"),
    ("preview", "token"),
]
GOOD = {"locale": "ja", "fallback": "en", "limit": "5", "offset": "0"}


@pytest.mark.django_db
def test_repeated_and_empty_values_are_400(client, valid):
    for name, parameter in REPEATED_AND_EMPTY:
        path, params = valid[name]
        good = params.get(parameter) or GOOD.get(parameter, "title")
        case = (name, parameter)
        once = client.get(API + path, {**params, parameter: good})
        assert once.status_code == 200, (case, once.content[:300])
        twice = client.get(API + path, {**params, parameter: [good, good]})
        problem(twice, parameter, case=case)
        empty = client.get(API + path, {**params, parameter: ""})
        problem(empty, parameter, case=case)


PAGING = [
    ("limit", "1", True),
    ("limit", str(MAX_LIMIT), True),
    ("limit", "0", False),
    ("limit", str(MAX_LIMIT + 1), False),
    ("limit", "-1", False),
    ("limit", " 5", False),
    ("limit", "+5", False),
    ("limit", "5.0", False),
    ("offset", "0", True),
    ("offset", str(MAX_OFFSET), True),
    ("offset", "-1", False),
    ("offset", str(MAX_OFFSET + 1), False),
    ("offset", "1_0", False),
]


@pytest.mark.django_db
def test_limit_and_offset_bounds(client, valid):
    for name in LISTS:
        for parameter, value, ok in PAGING:
            case = (name, parameter, value)
            response = get(client, valid, name, **{parameter: value})
            if ok:
                assert response.status_code == 200, (case, response.content[:300])
                assert json.loads(response.content)[parameter] == int(value)
            else:
                body = problem(response, parameter, case=case)
                low, high = (1, MAX_LIMIT) if parameter == "limit" else (0, MAX_OFFSET)
                assert (body["minimum"], body["maximum"]) == (low, high)


@pytest.mark.django_db
def test_prefecture_outside_the_enum_is_400(client, valid):
    for name in CASE_LISTS:
        every = get(client, valid, name, prefecture=list(PREFECTURES_BY_CODE))
        assert every.status_code == 200, every.content[:300]
        for value in ("JP-00", "JP-48", "jp-04", "04", "JP-4", "宮城県"):
            case = (name, value)
            problem(get(client, valid, name, prefecture=value), "prefecture", case=case)
            # One bad value among good ones is still a 400.
            mixed = get(client, valid, name, prefecture=["JP-04", value])
            problem(mixed, "prefecture", case=case)


@pytest.mark.django_db
def test_filter_values_are_checked(client, valid):
    for name in CASE_LISTS:
        for parameter, value in (
            ("section", "School"),
            ("lead", "not a slug"),
            ("theme", "x" * 51),
            ("lead", "teachers"),  # a well-formed slug of another group
        ):
            response = get(client, valid, name, **{parameter: value})
            problem(response, parameter, case=(name, parameter, value))


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{}, {"path": ""}, {"path": "ja/school/"}])
def test_find_needs_a_path_starting_with_a_slash(client, api_content, params):
    problem(client.get(API + "pages/find/", params), "path")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "bad"),
    [
        ("case-study-list", {"limit": "0"}),
        ("case-study-detail", {"fallback": "xx"}),
        ("find", {"path": ""}),
        ("search", {"prefecture": "JP-99"}),
    ],
)
def test_bad_requests_never_reach_the_response_cache(
    client, valid, monkeypatch, name, bad
):
    """Checked before the cached body is looked for, and so before ``build``."""
    looked_up: list[str] = []
    real_get = cache.get

    def spy(key, *args, **kwargs):
        looked_up.append(key)
        return real_get(key, *args, **kwargs)

    assert get(client, valid, name).status_code == 200  # warms the cache
    monkeypatch.setattr(cache, "get", spy)
    problem(get(client, valid, name, **bad))
    assert not [key for key in looked_up if key.startswith("cms-api:body:")]


@pytest.mark.django_db
def test_preview_token_checks_its_request(client, api_content, editor):
    client.force_login(editor)
    page = api_content.miyagi.pk
    ok = client.post(TOKEN, {"page": page}, format="json")
    assert ok.status_code == 200, ok.content[:300]
    problem(client.post(TOKEN + "?bogus=1", {"page": page}, format="json"), "bogus")
    problem(client.post(TOKEN, {"page": page, "bogus": 1}, format="json"), "bogus")
    for bad in (True, -1, "", "1.0", None, [page]):
        problem(client.post(TOKEN, {"page": bad}, format="json"), "page")
    form = "application/x-www-form-urlencoded"
    repeated = f"page={page}&page={page}"
    problem(client.post(TOKEN, repeated, content_type=form), "page")


def _flood(n: int, field: str = "section=school") -> str:
    return "&".join([field] * n)


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize(
    "path", ["case-studies/", "case-studies/1/", "schema/", "nope/", "preview/"]
)
def test_too_many_parameters_is_a_fast_problem(client, path, debug):
    # Under DEBUG this was a 500 after seconds (the technical page re-reads
    # request.GET and fails); in production Django's HTML 400.
    with override_settings(DEBUG=debug):
        started = time.perf_counter()
        response = client.get(f"{API}{path}?{_flood(1001)}")
        elapsed = time.perf_counter() - started
    body = problem(response)
    assert body["max_parameters"] == 1000
    assert "1000" in body["detail"]
    assert response["Cache-Control"] == "no-store"
    assert elapsed < 1.0


def test_the_middleware_answers_before_anything_parses_the_query(rf):
    """Not even ``request.GET``: the view (and DRF, sessions…) is never reached."""
    request = rf.get(f"{API}case-studies/?{_flood(1001)}")

    def view(request):
        raise AssertionError("the view was called")

    response = TooManyParamsMiddleware(view)(request)
    problem(response)
    assert "GET" not in request.__dict__  # the cached_property was never read
    # Outside the API the middleware stays out of the way.
    outside = rf.get(f"/ja/?{_flood(1001)}")
    assert TooManyParamsMiddleware(lambda request: "passed")(outside) == "passed"


@pytest.mark.django_db
def test_the_limit_is_the_parsers_own(client, api_content):
    # Exactly DATA_UPLOAD_MAX_NUMBER_FIELDS still parses and is served.
    response = client.get(f"{API}case-studies/?{_flood(1000)}")
    assert response.status_code == 200, response.content[:300]
    # Empty fields count against the parser's limit too ("a&&…"): so here.
    problem(client.get(f"{API}case-studies/?section=school" + "&" * 1000))


@pytest.mark.django_db
@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=5)
def test_the_limit_follows_the_setting(client, api_content):
    assert client.get(f"{API}case-studies/?{_flood(5)}").status_code == 200
    assert problem(client.get(f"{API}case-studies/?{_flood(6)}"))["max_parameters"] == 5


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True])
def test_too_many_form_fields_is_a_problem(client, api_content, editor, debug):
    client.force_login(editor)
    body = f"page={api_content.miyagi.pk}&" + _flood(1001, "x=1")
    with override_settings(DEBUG=debug):
        response = client.post(
            TOKEN, body, content_type="application/x-www-form-urlencoded"
        )
    assert problem(response)["max_parameters"] == 1000


def _parameters(doc: dict, path: str) -> dict[str, dict]:
    operation = doc["paths"][API + path]["get"]
    return {p["name"]: p for p in operation.get("parameters", [])}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["case-studies/", "columns/", "search/"])
def test_schema_states_the_paging_bounds(client, path):
    parameters = _parameters(openapi_document(client), path)
    limit, offset = parameters["limit"]["schema"], parameters["offset"]["schema"]
    assert limit["type"] == offset["type"] == "integer"
    assert (limit["minimum"], limit["maximum"]) == (1, MAX_LIMIT)
    assert (offset["minimum"], offset["maximum"]) == (0, MAX_OFFSET)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["case-studies/", "search/"])
def test_schema_states_the_prefectures(client, path):
    prefecture = _parameters(openapi_document(client), path)["prefecture"]
    assert prefecture["schema"]["type"] == "array"
    enum = prefecture["schema"]["items"]["enum"]
    assert len(enum) == 47
    assert enum == sorted(PREFECTURES_BY_CODE) == [f"JP-{n:02d}" for n in range(1, 48)]


@pytest.mark.django_db
def test_schema_states_what_path_and_text_must_be(client):
    doc = openapi_document(client)
    path = _parameters(doc, "pages/find/")["path"]
    assert path["required"] is True
    assert path["schema"]["minLength"] == 1
    assert path["schema"]["pattern"] == "^/"
    assert _parameters(doc, "search/")["q"]["schema"]["minLength"] == 1
    assert _parameters(doc, "preview/")["token"]["schema"]["minLength"] == 1
