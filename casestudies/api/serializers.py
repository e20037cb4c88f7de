"""Case-study and column items, built in batches with a fixed query count."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils import translation
from wagtail.models import Page

from casestudies.api.schema import (
    CaseStudyIndexSerializer,
    CaseStudySerializer,
    CaseStudySummarySerializer,
    ColumnSerializer,
    ColumnSummarySerializer,
)
from casestudies.api.selectors import m2m_slugs, related_columns, sections_by_path
from cms.api.schema import PageLinkSerializer, PrefectureSerializer, ThemeRefSerializer
from cms.api.selectors import STEPLEN, split_joined, taxonomy_snapshot
from cms.api.serializers.links import page_link, page_url
from cms.api.serializers.pages import base_items, index_detail, rich_text, tag_matrix
from cms.api.serializers.streams import preload_streams, stream_representation
from cms.api.shapes import shaped
from cms.image_representation import image_representation, prefetch_images
from cms.prefectures import get_prefecture


def case_study_items(
    pages: Sequence[Page],
    context: Mapping[str, Any],
    *,
    detail: bool = False,
    fallback_ids=frozenset(),
    links: dict[int, list[tuple]] | None = None,
    group: Sequence[Page] | None = None,
) -> list[dict[str, Any]]:
    """The items of ``pages``; ``group``: pages loaded by
    ``selectors.case_study_translations`` (``pages`` among them), whose
    annotations then replace the queries for sections, tags, themes and
    translations."""
    pages = list(pages)
    taxonomy = taxonomy_snapshot()
    if group is not None:
        tag_slugs = {page.pk: split_joined(page.tag_slugs) for page in pages}
        theme_slugs = {
            page.pk: _theme_order(page.theme_slugs, taxonomy) for page in pages
        }
        sections = {page.path[:-STEPLEN]: page.section_slug for page in pages}
    elif detail:
        # A detail may be a draft revision: its tags live in the revision object.
        tag_slugs = {page.pk: [t.slug for t in page.tags.all()] for page in pages}
        theme_slugs = {page.pk: [t.slug for t in page.themes.all()] for page in pages}
        sections = sections_by_path(page.path[:-STEPLEN] for page in pages)
    else:
        tag_slugs = m2m_slugs(pages, "tags", "tag__slug")
        theme_slugs = m2m_slugs(pages, "themes", "theme__slug")
        sections = sections_by_path(page.path[:-STEPLEN] for page in pages)
    if detail:
        _preload_images(pages)
    else:
        prefetch_images(page.hero_image for page in pages)
    bases = base_items(pages, context, fallback_ids, links, group)
    return [
        _case_study_item(
            page,
            base,
            context,
            taxonomy,
            section=sections.get(page.path[:-STEPLEN]),
            tag_slugs=tag_slugs.get(page.pk, ()),
            theme_slugs=theme_slugs.get(page.pk, ()),
            detail=detail,
        )
        for page, base in zip(pages, bases, strict=True)
    ]


def _case_study_item(
    page, base, context, taxonomy, *, section, tag_slugs, theme_slugs, detail
) -> dict[str, Any]:
    language = page.locale.language_code
    prefecture = get_prefecture(page.prefecture)
    name = "name_en" if language == "en" else "name_ja"
    summary = dict(
        base,
        section=section,
        prefecture=(
            shaped(
                PrefectureSerializer,
                code=prefecture.code,
                name=prefecture.name(language),
            )
            if prefecture
            else None
        ),
        municipality=page.municipality,
        tags=tag_matrix(tag_slugs, language, taxonomy),
        themes=[
            shaped(ThemeRefSerializer, slug=slug, name=taxonomy.themes[slug][name])
            for slug in theme_slugs
            if slug in taxonomy.themes
        ],
        summary=page.summary,
        hero_image=image_representation(page.hero_image, page.hero_image_alt, context),
    )
    if not detail:
        return shaped(CaseStudySummarySerializer, **summary)
    # Rich text links resolve in the item's locale, not the request's.
    with translation.override(language):
        return shaped(
            CaseStudySerializer,
            **summary,
            body=stream_representation(page.body, context),
            devised=rich_text(page.devised, language),
            challenges=rich_text(page.challenges, language),
            outcomes=rich_text(page.outcomes, language),
            related_columns=_related_columns(page, context),
        )


def _theme_order(joined: str | None, taxonomy) -> list[str]:
    # As ``page.themes.all()`` orders them: the taxonomy's (Theme.Meta) order.
    chosen = set(split_joined(joined))
    return [slug for slug in taxonomy.themes if slug in chosen]


def _preload_images(pages) -> None:
    """Hero and body images of detail pages, with renditions, in one query."""
    images = preload_streams(
        [page.body for page in pages], [page.hero_image_id for page in pages]
    )
    for page in pages:
        if page.hero_image_id in images:
            page.hero_image = images[page.hero_image_id]


def _related_columns(page, context) -> list[dict[str, Any]]:
    return [
        shaped(
            PageLinkSerializer,
            id=column.pk,
            type="column",
            title=column.title,
            url=page_url(column, context),
            locale=column.locale.language_code,
        )
        for column in related_columns(page)
    ]


def column_items(
    pages: Sequence[Page],
    context: Mapping[str, Any],
    *,
    detail: bool = False,
    fallback_ids=frozenset(),
) -> list[dict[str, Any]]:
    pages = list(pages)
    if not detail:
        prefetch_images(page.portrait for page in pages)
    bases = base_items(pages, context, fallback_ids)
    return [
        _column_item(page, base, context, detail=detail)
        for page, base in zip(pages, bases, strict=True)
    ]


def _column_item(page, base, context, *, detail: bool) -> dict[str, Any]:
    summary = dict(
        base,
        author_name=page.author_name,
        home_country=page.home_country,
        placement=page.placement,
        portrait=image_representation(page.portrait, page.portrait_alt, context),
        summary=page.summary,
    )
    if not detail:
        return shaped(ColumnSummarySerializer, **summary)
    # Rich text links resolve in the item's locale, not the request's.
    with translation.override(page.locale.language_code):
        body = stream_representation(page.body, context)
    return shaped(
        ColumnSerializer,
        **summary,
        body=body,
        related_case_study=_link(page.related_case_study, context),
    )


def _link(page, context) -> dict[str, Any] | None:
    return page_link(page, context) if page is not None else None


def case_study_detail(page, context: Mapping[str, Any], fallback: bool) -> dict:
    fallback_ids = frozenset({page.pk}) if fallback else frozenset()
    return case_study_items([page], context, detail=True, fallback_ids=fallback_ids)[0]


def case_study_index_detail(
    page, context: Mapping[str, Any], fallback: bool
) -> dict[str, Any]:
    """A section: the index fields and the value that filters its cases."""
    return shaped(
        CaseStudyIndexSerializer,
        **index_detail(page, context, fallback),
        section=page.section,
    )


def column_detail(page, context: Mapping[str, Any], fallback: bool) -> dict:
    fallback_ids = frozenset({page.pk}) if fallback else frozenset()
    return column_items([page], context, detail=True, fallback_ids=fallback_ids)[0]
