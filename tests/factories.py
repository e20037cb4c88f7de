"""Factories for the suite: images made with Pillow, pages built through services."""

from __future__ import annotations

import io
from typing import Any

import factory
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.models import Locale

from casestudies.models import CaseStudyIndexPage, CaseStudyPage, ColumnPage
from cms.models import CasebookImage, Tag
from cms.pages import upsert_child_page


def png_bytes(width: int = 64, height: int = 48, colour: str = "#3a7") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CasebookImage

    title = factory.Sequence(lambda n: f"Image {n}")
    file = factory.LazyAttribute(
        lambda o: ImageFile(io.BytesIO(png_bytes()), name=f"{o.title}.png")
    )


def ready_image(title: str = "image", width: int = 64, height: int = 48):
    """An image with every registered rendition, as the task worker leaves it.

    The worker's task is run here: a test transaction never commits, so the task
    queued on commit (cms/tasks.py) would never run."""
    from cms.tasks import build_renditions

    image = ImageFactory(
        title=title,
        file=ImageFile(io.BytesIO(png_bytes(width, height)), name=f"{title}.png"),
    )
    build_renditions.call(image.pk)
    return image


def tags(*slugs: str) -> list[Tag]:
    return list(Tag.objects.filter(slug__in=slugs))


def case_study_values(**overrides: Any) -> dict[str, Any]:
    """Field values of a case study that passes every publishing rule."""
    values: dict[str, Any] = {
        "title": "ALT Journal の作成",
        "slug": "alt-journal",
        "prefecture": "JP-04",
        "municipality": "",
        "summary": "ALT の目線で県内の魅力を紹介する読み物を作成した。",
        "body": [
            {"type": "paragraph", "value": "<p>読み物を毎月発行。</p>"},
        ],
        "devised": "<p>クイズを入れた。</p>",
        "challenges": "<p>題材選び。</p>",
        "tags": tags("jet-alt", "junior-high"),
    }
    values.update(overrides)
    return values


def make_case_study(
    section: CaseStudyIndexPage, *, publish: bool = True, **overrides: Any
) -> CaseStudyPage:
    values = case_study_values(**overrides)
    slug = values.pop("slug")
    return upsert_child_page(
        section, CaseStudyPage, match={"slug": slug}, values=values, publish=publish
    )


def make_column(index, *, publish: bool = True, **overrides: Any) -> ColumnPage:
    values: dict[str, Any] = {
        "title": "English Café に寄せて",
        "author_name": "Bailey Gaudin",
        "home_country": "アメリカ",
        "placement": "熊本市の小学校",
        "summary": "教職員向けの英会話の場をつくった話。",
        "body": [{"type": "paragraph", "value": "<p>毎週火曜日に開いた。</p>"}],
    }
    values.update(overrides)
    slug = values.pop("slug", "english-cafe-column")
    return upsert_child_page(
        index, ColumnPage, match={"slug": slug}, values=values, publish=publish
    )


def locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)
