"""``case-studies/<id>/related/``: other public cases, ranked by what they share."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone
from wagtail.models import PageViewRestriction

from casestudies.api.related import rank
from casestudies.api.selectors import CaseRow
from cms.models import Theme
from cms.translation import translate_page
from cms.workflows.scheduling import run_due
from tests.api.helpers import API, get_json
from tests.api.schema_tools import assert_conforms, openapi_document
from tests.factories import locale, make_case_study, tags

SECRET = "zqrelatedsecret"


def related(client, pk: int, status: int = 200, **params):
    return get_json(client, f"case-studies/{pk}/related/", status=status, **params)


def slugs(body: dict) -> list[str]:
    return [item["slug"] for item in body["items"]]


@pytest.fixture
def ranked(site_tree):
    """An anchor and cases sharing 3, 2, 1 and 0 of its tags and themes."""
    theme = Theme.objects.create(slug="bousai", name_ja="防災", name_en="Disasters")
    school, community = site_tree.school, site_tree.community
    anchor = make_case_study(
        school,
        slug="anchor",
        tags=tags("jet-alt", "junior-high", "digital-tools"),
        themes=[theme],
    )
    # (section, slug, tags, themes), made in this order: two-school before
    # two-community, so recency alone would rank two-community above it.
    for section, slug, slugs_, themes in (
        (community, "three", ("jet-alt", "junior-high"), [theme]),
        (school, "two-school", ("jet-alt", "digital-tools", "senior-high"), []),
        (community, "two-community", ("jet-alt", "digital-tools", "senior-high"), []),
        (school, "one", ("jet-alt", "residents"), []),
        (school, "none-old", ("with-cir", "residents"), []),
        (school, "none-new", ("with-cir", "residents"), []),
    ):
        make_case_study(section, slug=slug, tags=tags(*slugs_), themes=themes)
    return anchor


def test_ranked_by_shared_tags_and_themes_then_section_then_recency(client, ranked):
    anchor = ranked
    body = related(client, anchor.pk, limit=12)
    assert slugs(body) == [
        "three",  # 2 tags + 1 theme
        "two-school",  # 2 tags, same section as the anchor
        "two-community",  # 2 tags, other section
        "one",
        "none-new",  # nothing shared: the newer first
        "none-old",
    ]
    assert body["locale"] == "ja" and body["limit"] == 12
    assert anchor.pk not in [item["id"] for item in body["items"]]


def test_default_limit_is_three(client, ranked):
    anchor = ranked
    assert slugs(related(client, anchor.pk)) == ["three", "two-school", "two-community"]
    assert len(related(client, anchor.pk, limit=1)["items"]) == 1


def test_recency_breaks_a_tie_and_the_id_breaks_the_rest():
    when = timezone.now()

    def row(pk, section="school", published=when):
        return CaseRow(
            pk,
            str(pk),
            "ja",
            section,
            "JP-04",
            "t",
            published,
            published,
            frozenset(),
            frozenset(),
        )

    anchor = row(1)
    old, new = row(2, published=when - dt.timedelta(days=1)), row(3)
    twin = row(4)
    assert rank(anchor, [old, twin, new], 3) == [new, twin, old]


def test_items_have_the_list_items_shape(client, ranked):
    anchor = ranked
    listed = {
        item["id"]: item
        for item in get_json(client, "case-studies/", limit=100)["items"]
    }
    for item in related(client, anchor.pk, limit=12)["items"]:
        assert item == listed[item["id"]]
    doc = openapi_document(client)
    assert_conforms(
        doc, "/api/v1/case-studies/{id}/related/", related(client, anchor.pk)
    )
    problem = related(client, anchor.pk, status=400, limit="13")
    assert_conforms(doc, "/api/v1/case-studies/{id}/related/", problem, status="400")
    missing = related(client, 10**6, status=404)
    assert_conforms(doc, "/api/v1/case-studies/{id}/related/", missing, status="404")


def test_in_the_requested_locale_never_the_case_or_its_translation(client, api_content):
    miyagi, miyagi_en = api_content.miyagi, api_content.miyagi_en
    english = related(client, miyagi.pk, locale="en", limit=12)
    assert english["locale"] == "en"
    assert {item["locale"] for item in english["items"]} == {"en"}
    ids = [item["id"] for item in english["items"]]
    assert miyagi.pk not in ids and miyagi_en.pk not in ids
    # Without locale, the case's own: the translation's id gives English ones.
    assert related(client, miyagi_en.pk)["locale"] == "en"
    japanese = related(client, miyagi_en.pk, locale="ja", limit=12)
    assert miyagi.pk not in [item["id"] for item in japanese["items"]]
    assert {item["id"] for item in japanese["items"]} == {
        api_content.kumamoto.pk,
        api_content.ibaraki.pk,
    }


def test_unknown_and_non_public_ids_are_404(client, api_content):
    site = api_content.site
    draft = make_case_study(site.school, slug=f"{SECRET}-draft", publish=False)
    private = make_case_study(site.school, slug=f"{SECRET}-private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    expired = make_case_study(site.school, slug=f"{SECRET}-expired")
    type(expired).objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - dt.timedelta(hours=1)
    )
    assert run_due().expired == [expired.pk]
    not_a_case = api_content.column.pk
    for pk in (draft.pk, private.pk, expired.pk, not_a_case, 10**6, 2**40):
        problem = related(client, pk, status=404)
        assert problem["status"] == 404, pk
    # … and none of them is ever related to a public case, in either locale.
    for language in ("ja", "en"):
        body = related(client, api_content.miyagi.pk, locale=language, limit=12)
        assert SECRET not in str(body)
    # A draft translation is not an English related case either.
    translate_page(api_content.ibaraki, locale("en"), values={"title": SECRET})
    body = related(client, api_content.miyagi.pk, locale="en", limit=12)
    assert SECRET not in str(body)


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"limit": "0"}, "limit"),
        ({"limit": "13"}, "limit"),
        ({"limit": "101"}, "limit"),
        ({"limit": "x"}, "limit"),
        ({"limit": ""}, "limit"),
        ({"locale": "fr"}, "locale"),
    ],
)
def test_bad_parameters_are_400_problems(client, api_content, params, parameter):
    problem = related(client, api_content.miyagi.pk, status=400, **params)
    assert problem["parameter"] == parameter
    if params.get("limit", "").isdigit():
        # One bound for every out-of-range limit, this endpoint's own.
        assert (problem["minimum"], problem["maximum"]) == (1, 12)


def test_unknown_parameter_is_a_400(client, api_content):
    problem = related(client, api_content.miyagi.pk, status=400, offset="3")
    assert problem["unknown"] == ["offset"]


def test_cached_per_content_version(client, ranked):
    anchor = ranked
    path = f"{API}case-studies/{anchor.pk}/related/"
    first = client.get(path)
    assert client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    # A new, better match published: a new version, a new body.
    make_case_study(
        anchor.get_parent().specific,
        slug="better",
        tags=tags("jet-alt", "junior-high", "digital-tools"),
    )
    fresh = client.get(path)
    assert fresh["X-Content-Version"] != first["X-Content-Version"]
    assert slugs(fresh.json())[0] == "better"


def _queries(client, pk: int, limit: int) -> int:
    with override_settings(CMS_API_CACHE_BODIES=False, CMS_API_CACHE_LIST_ITEMS=False):
        assert client.get(f"{API}case-studies/{pk}/related/", {"limit": limit})
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"{API}case-studies/{pk}/related/", {"limit": limit})
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_queries_do_not_grow_with_the_limit(client, ranked):
    anchor = ranked
    assert _queries(client, anchor.pk, 1) == _queries(client, anchor.pk, 12)
