"""Admin form data for the page editor, built from a page's current values.

The tests post the same fields a browser would, so permission checks, form
validation and publishing rules all run as they do for a person.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from casestudies.models import CaseStudyPage, ColumnPage
from cms.blocks.text import PARAGRAPH_FEATURES


def rich_text(html: str) -> str:
    return ContentstateConverter(features=PARAGRAPH_FEATURES).from_database_format(
        html or ""
    )


def _stream(value) -> list[tuple[str, Any]]:
    items = []
    for child in value or []:
        if child.block_type == "paragraph":
            items.append(("paragraph", rich_text(child.value.source)))
        else:
            raise NotImplementedError(child.block_type)
    return items


def _settings(page, go_live_at: dt.datetime | None) -> dict[str, Any]:
    return {
        "slug": page.slug,
        "seo_title": page.seo_title,
        "search_description": page.search_description,
        "go_live_at": go_live_at.strftime("%Y-%m-%d %H:%M") if go_live_at else "",
        "expire_at": "",
        "comments": inline_formset([]),
    }


def edit_data(page, *, go_live_at=None, **changes) -> dict[str, Any]:
    """POST data for ``page``'s edit form, with ``changes`` applied."""
    if page.pk:
        page = page.get_latest_revision_as_object()
    if isinstance(page, CaseStudyPage):
        data = {
            "title": page.title,
            "prefecture": page.prefecture,
            "municipality": page.municipality,
            "summary": page.summary,
            "hero_image": page.hero_image_id or "",
            "hero_image_alt": page.hero_image_alt,
            "body": streamfield(_stream(page.body)),
            "devised": rich_text(page.devised),
            "challenges": rich_text(page.challenges),
            "outcomes": rich_text(page.outcomes),
            "tags": [tag.pk for tag in page.tags.all()] if page.pk else [],
            "themes": [theme.pk for theme in page.themes.all()] if page.pk else [],
        }
    elif isinstance(page, ColumnPage):
        data = {
            "title": page.title,
            "author_name": page.author_name,
            "home_country": page.home_country,
            "placement": page.placement,
            "portrait": page.portrait_id or "",
            "portrait_alt": page.portrait_alt,
            "summary": page.summary,
            "body": streamfield(_stream(page.body)),
            "related_case_study": page.related_case_study_id or "",
        }
    else:
        raise NotImplementedError(type(page))
    data.update(_settings(page, go_live_at))
    data.update(changes)
    # Multiple-choice fields post one value per box, not nested keys.
    multiple = {k: data.pop(k) for k in ("tags", "themes") if k in data}
    return {**nested_form_data(data), **multiple}


def paragraphs(*html: str):
    """A body of paragraph blocks, for ``edit_data(..., body=paragraphs(...))``."""
    return streamfield([("paragraph", rich_text(text)) for text in html])
