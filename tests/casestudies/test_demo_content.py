"""`load_demo_content`: the bilingual demo site, built on the importer, idempotent."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision

from casestudies.models import CaseStudyPage, ColumnPage
from cms.models import CasebookImage, Tag
from cms.translation import translation_status
from home.demo_users import DEMO_ADMIN
from home.models import HomePage
from tests.factories import locale

pytestmark = pytest.mark.django_db

SEED_CASES = {
    "miyagi-alt-journal": ("school", "JP-04", ""),
    "kumamoto-english-cafe": ("school", "JP-43", "熊本市"),
    "miyazaki-area-videos": ("community", "JP-45", "宮崎市"),
    "ibaraki-world-culture-seminars": ("community", "JP-08", ""),
}


def _load():
    call_command("load_demo_content", stdout=_Null())


class _Null:
    def write(self, text):
        pass

    def flush(self):
        pass


def _counts():
    return {
        "pages": Page.objects.count(),
        "case studies": CaseStudyPage.objects.count(),
        "columns": ColumnPage.objects.count(),
        "images": CasebookImage.objects.count(),
        "users": get_user_model().objects.count(),
        # No page is even touched on a second load: home, sections, cases, columns.
        "revisions": Revision.objects.count(),
    }


def test_loading_twice_gives_the_same_site():
    _load()
    first = _counts()
    case_revisions = {
        page.pk: page.latest_revision_id for page in CaseStudyPage.objects.all()
    }
    _load()
    assert _counts() == first
    # Imported pages are not even touched: no new revisions on a second load.
    assert {
        page.pk: page.latest_revision_id for page in CaseStudyPage.objects.all()
    } == case_revisions


def test_the_demo_site_after_one_load():
    """One load (it takes seconds), then each aspect checked by its own helper."""
    _load()
    _check_case_studies()
    _check_columns()
    _check_alt_text()
    _check_home_pages()


def _check_case_studies():
    """Both sections, the whole tag matrix, English for every case, the seeds."""
    ja, en = locale("ja"), locale("en")
    cases = CaseStudyPage.objects.filter(locale=ja).live()
    assert cases.count() >= 12
    assert set(cases.values_list("url_path", flat=True)) and {
        page.get_parent().specific.section for page in cases
    } == {"school", "community"}

    # Every tag of the matrix and several free themes are used.
    used = set(
        Tag.objects.filter(case_studies__locale=ja).values_list("slug", flat=True)
    )
    assert used == set(Tag.objects.values_list("slug", flat=True))
    themes = {t.slug for case in cases for t in case.themes.all()}
    assert len(themes) >= 4

    # Every case study has a live, up-to-date English translation.
    for case in cases:
        english = case.get_translation(en)
        assert english.live, case.title
        status = translation_status(english)
        assert status.source_locale == "ja" and not status.behind, case.title
        assert english.title != case.title

    # The four pages of the casebook overview, in their places.
    for key, (section, prefecture, municipality) in SEED_CASES.items():
        page = cases.get(import_key=key)
        assert page.get_parent().specific.section == section
        assert (page.prefecture, page.municipality) == (prefecture, municipality)
        assert not page.is_sample
        assert {"paragraph", "image"} <= {block.block_type for block in page.body}
    miyazaki = cases.get(import_key="miyazaki-area-videos")
    assert [b.block_type for b in miyazaki.body].count("video") == 2
    assert "2023" in miyazaki.body[-1].value.source

    # Illustrative cases say so, in both languages.
    samples = cases.filter(is_sample=True)
    assert samples.exists()
    for sample in samples:
        assert "サンプル" in sample.title
        assert "Sample" in sample.get_translation(en).title


def _check_columns():
    """At least three columns, one of them written in English first."""
    columns = ColumnPage.objects.live()
    pairs = {page.translation_key for page in columns}
    assert len(pairs) >= 3
    sources = {
        translation_status(page).source_locale
        for page in columns
        if translation_status(page) is not None
    }
    assert sources == {"ja", "en"}
    bailey = columns.get(import_key="bailey-english-cafe-column", locale=locale("en"))
    assert bailey.author_name == "Bailey Gaudin"
    assert bailey.related_case_study.specific.import_key == "kumamoto-english-cafe"
    assert bailey.related_case_study.locale == locale("en")


def _check_alt_text():
    """Every image has alt text, and every page passes the publishing rules."""
    assert CasebookImage.objects.exists()
    assert not CasebookImage.objects.filter(description="").exists()
    for page in [*CaseStudyPage.objects.all(), *ColumnPage.objects.all()]:
        if getattr(page, "hero_image_id", None):
            assert page.hero_image_alt.strip(), page.title
        if getattr(page, "portrait_id", None):
            assert page.portrait_alt.strip(), page.title
        for block in page.body:
            if block.block_type == "image":
                assert block.value["image"] is not None
                assert block.value["alt_text"].strip(), page.title
        assert not page.publishing_problems(), page.title


def _check_home_pages():
    """Programme figures with dates and sources, the four featured cases."""
    home = HomePage.objects.get(locale=locale("ja"))
    figures = {row.value["value"]: row.value for row in home.figures}
    assert set(figures) == {Decimal(n) for n in (5861, 5373, 79000, 78, 77000)}
    assert figures[Decimal(5861)]["as_of"].isoformat() == "2024-07-01"
    assert all(row["source"] for row in figures.values())
    assert [b.value.specific.import_key for b in home.featured] == list(SEED_CASES)
    english = home.get_translation(locale("en"))
    assert english.live
    assert english.figures[0].value["label"].startswith("JET Programme participants")
    assert get_user_model().objects.filter(username=DEMO_ADMIN).exists()


def test_seed_cases_mark_what_the_casebook_does_not_say():
    """The casebook gives no 苦労した点 for its four cases: ours are marked examples."""
    data = json.loads(
        (Path(__file__).parents[2] / "casestudies/demo/casebook.json").read_text()
    )
    by_key = {case["key"]: case for case in data["case_studies"]}
    for key in SEED_CASES:
        assert by_key[key]["challenges"].startswith("<p>（デモ用の例示"), key
        assert by_key[f"{key}-en"]["challenges"].startswith(
            "<p>(An illustration written for this demo"
        ), key
