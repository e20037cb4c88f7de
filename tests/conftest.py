from __future__ import annotations

import shutil
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.cache import cache

from casestudies.models import CaseStudyIndexPage, ColumnIndexPage
from casestudies.site_structure import ensure_column_index, ensure_section
from home.models import HomePage
from home.site_structure import ensure_home_page


@pytest.fixture(autouse=True)
def _fresh_cache():
    # API bodies, site pages, snapshots and built PDFs are kept per content
    # version, and every test's database starts at the same version: no test may
    # see another's.
    cache.clear()
    shutil.rmtree(settings.PDF_EDITIONS_DIR, ignore_errors=True)
    yield
    cache.clear()
    shutil.rmtree(settings.PDF_EDITIONS_DIR, ignore_errors=True)


@dataclass
class SiteTree:
    home: HomePage
    school: CaseStudyIndexPage
    community: CaseStudyIndexPage
    columns: ColumnIndexPage


@pytest.fixture
def site_tree(db) -> SiteTree:
    """Both home pages, both sections and the column series, ja with en translations."""
    home = ensure_home_page(
        ja={"title": "JET-ALT 活動事例集", "slug": "home"},
        en={"title": "JET-ALT Casebook"},
    )
    school = ensure_section(
        home,
        "school",
        ja={"title": "学校における取組", "heading": "多彩！教室で活躍するJET-ALT"},
        en={"title": "In schools", "heading": "JET-ALTs in the classroom"},
    )
    community = ensure_section(
        home,
        "community",
        ja={
            "title": "地域の国際化に資する取組",
            "heading": "輝く！地域へ飛び出すJET-ALT",
        },
        en={"title": "In the community", "heading": "JET-ALTs in the community"},
    )
    columns = ensure_column_index(
        home,
        ja={"title": "現場のJET-ALTから", "heading": "現場のJET-ALTから"},
        en={"title": "From ALTs on the ground", "heading": "From ALTs on the ground"},
    )
    return SiteTree(home=home, school=school, community=community, columns=columns)
