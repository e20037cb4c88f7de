"""Content for the API tests: published cases in both sections and locales."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from cms.translation import translate_page
from tests.factories import (
    locale,
    make_case_study,
    make_column,
    ready_image,
    tags,
)


@pytest.fixture
def client() -> APIClient:
    return APIClient()


@dataclass
class ApiContent:
    site: object
    miyagi: object
    miyagi_en: object
    kumamoto: object
    ibaraki: object
    column: object
    image: object


@pytest.fixture
def api_content(site_tree) -> ApiContent:
    """Three cases (one untranslated), a column and the home page's figures."""
    image = ready_image("hero")
    miyagi = make_case_study(
        site_tree.school,
        slug="alt-journal",
        title="ALT Journal の作成",
        prefecture="JP-04",
        hero_image=image,
        hero_image_alt="ALT Journal の表紙",
        tags=tags("jet-alt", "junior-high", "digital-tools"),
        body=[
            {"type": "paragraph", "value": "<p>読み物を毎月発行。</p>"},
            {
                "type": "image",
                "value": {
                    "image": image.pk,
                    "alt_text": "表紙",
                    "decorative": False,
                    "caption": "第1号",
                },
            },
            {
                "type": "quote",
                "value": {"text": "楽しい", "speaker": "生徒", "role": "中学生"},
            },
            {
                "type": "video",
                "value": {
                    "url": "https://www.youtube.com/watch?v=casebook2",
                    "caption": "紹介動画",
                },
            },
            {
                "type": "link",
                "value": {
                    "url": "https://example.com/",
                    "title": "宮城県",
                    "description": "",
                },
            },
        ],
    )
    miyagi_en = translate_page(
        miyagi,
        locale("en"),
        values={"title": "Making the ALT Journal", "summary": "A monthly reader."},
        publish=True,
    )
    kumamoto = make_case_study(
        site_tree.community,
        slug="english-cafe",
        title="English Café",
        prefecture="JP-43",
        municipality="熊本市",
        tags=tags("jet-alt", "teachers", "intercultural-understanding"),
    )
    translate_page(
        kumamoto, locale("en"), values={"title": "English Café"}, publish=True
    )
    ibaraki = make_case_study(
        site_tree.community,
        slug="world-culture",
        title="世界の文化セミナー",
        prefecture="JP-08",
        tags=tags("contracting-organisation", "residents", "elementary"),
    )
    column = make_column(
        site_tree.columns,
        related_case_study=kumamoto,
        portrait=image,
        portrait_alt="Bailey さんの写真",
    )
    home = site_tree.home
    home.figures = [
        {
            "type": "figure",
            "value": {
                "label": "参加者数",
                "value": "5861",
                "unit": "人",
                "as_of": "2024-07-01",
                "source": "JETプログラム",
                "source_url": "",
            },
        }
    ]
    home.featured = [{"type": "case_study", "value": miyagi.pk}]
    home.save_revision().publish()
    return ApiContent(
        site=site_tree,
        miyagi=miyagi,
        miyagi_en=miyagi_en,
        kumamoto=kumamoto,
        ibaraki=ibaraki,
        column=column,
        image=image,
    )
