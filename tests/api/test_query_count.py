"""The number of SQL queries does not grow with the page size or the content.

Counted on the *uncached* path as ``docs/performance.md`` defines it: response
bodies not cached (``CMS_API_CACHE_BODIES=False``), the per-content-version
snapshots (taxonomy, locale roots, restricted paths and collections, the case
index) built, as they are between two publishes. ``_captured`` builds the ones
a path uses with one request first, then counts the next one. No rendition is
made in a request (``cms/tasks.py``); the tests run the worker's task themselves.
"""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from cms.models import Theme
from cms.translation import translate_page
from tests.api.helpers import API
from tests.factories import (
    ImageFactory,
    locale,
    make_case_study,
    make_column,
    ready_image,
    tags,
)


def _captured(client, path: str, **params) -> list[str]:
    with override_settings(CMS_API_CACHE_BODIES=False):
        assert client.get(API + path, params).status_code == 200  # snapshots
        with CaptureQueriesContext(connection) as captured:
            response = client.get(API + path, params)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def _queries(client, path: str, **params) -> int:
    return len(_captured(client, path, **params))


def test_list_queries_do_not_grow_with_limit(client, site_tree):
    for number in range(12):
        make_case_study(
            site_tree.school if number % 2 else site_tree.community,
            slug=f"case-{number}",
            title=f"事例 {number}",
            hero_image=ImageFactory(),
            hero_image_alt="写真",
            tags=tags("jet-alt", "elementary", "digital-tools"),
        )
    # Renditions are made on first sight: warm them up once.
    assert client.get(API + "case-studies/", {"limit": 50}).json()["count"] == 12
    small = _queries(client, "case-studies/", limit=5)
    large = _queries(client, "case-studies/", limit=50)
    assert small == large
    assert _queries(client, "search/", q="事例", limit=5) == _queries(
        client, "search/", q="事例", limit=50
    )


def _featuring(site_tree, number: int) -> None:
    cases = [
        make_case_study(
            site_tree.school,
            slug=f"featured-{n}",
            title=f"注目 {n}",
            tags=tags("jet-alt", "elementary"),
        )
        for n in range(number)
    ]
    home = site_tree.home
    home.featured = [{"type": "case_study", "value": case.pk} for case in cases]
    home.save_revision().publish()


def test_home_queries_do_not_grow_with_featured_cases(client, site_tree):
    counts = {}
    for number in (1, 8):
        _featuring(site_tree, number)
        # The same footing for both: snapshots built, the body itself uncached.
        assert len(client.get(API + "home/").json()["featured"]) == number
        counts[number] = _queries(client, "home/")
    assert counts[1] == counts[8]
    # The content version; the home page with its translations and their facts
    # (cms.api.selectors.translations_of); the featured cases with their locales
    # (cms.api.serializers.streams.preload_streams); its public child pages, the
    # site's navigation (home.api.selectors.public_children).
    assert counts[8] == 4


def _image():
    return ready_image()


def _with_body_images(site_tree, number: int, slug: str | None = None):
    image_blocks = [
        {
            "type": "image",
            "value": {
                "image": _image().pk,
                "alt_text": f"写真 {n}",
                "decorative": False,
                "caption": "",
            },
        }
        for n in range(number)
    ]
    return make_case_study(
        site_tree.school,
        slug=slug or f"images-{number}",
        hero_image=_image(),
        hero_image_alt="表紙",
        body=[{"type": "paragraph", "value": "<p>本文。</p>"}, *image_blocks],
    )


def test_detail_queries_do_not_grow_with_body_images(client, site_tree):
    counts = {
        number: _queries(
            client, f"case-studies/{_with_body_images(site_tree, number).pk}/"
        )
        for number in (0, 1, 6)
    }
    # The hero and every body image come in one query with their renditions.
    assert counts[0] == counts[1] == counts[6]


def test_detail_runs_in_four_queries(client, site_tree):
    theme = Theme.objects.create(slug="bousai", name_ja="防災", name_en="Disasters")
    page = _with_body_images(site_tree, 6, slug="full")
    page.tags.set(tags("jet-alt", "elementary", "digital-tools"))
    page.themes.set([theme])
    page.save_revision().publish()
    translate_page(page, locale("en"), values={"title": "Full"}, publish=True)
    make_column(site_tree.columns, related_case_study=page)

    queries = _captured(client, f"case-studies/{page.pk}/")
    body = client.get(API + f"case-studies/{page.pk}/").json()
    assert len(body["body"]) == 7 and body["hero_image"]["ready"]
    assert body["themes"] and body["translations"] and body["related_columns"]
    # The budget is 5; these are the 4:
    # 1. the content version (cms.api.version.pinned);
    # 2. the page with its other locales, each with locale, section, tag and
    #    theme slugs, translation source flag and untranslated fields
    #    (casestudies.api.selectors.case_study_translations);
    # 3. the hero and body images with all their renditions (a LEFT JOIN,
    #    cms.api.selectors.images_with_renditions);
    # 4. the public related columns with their locales.
    assert len(queries) == 4, "\n".join(queries)
    # The same with a locale asked for, and for the translation itself.
    assert _queries(client, f"case-studies/{page.pk}/", locale="en") == 4
