"""The home page item: introduction, programme figures and featured cases."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from cms.api.serializers.links import page_link
from cms.api.serializers.pages import base_items, rich_text
from cms.api.serializers.streams import preload_streams, stream_representation
from cms.api.shapes import shaped
from home.api.schema import HomeSerializer
from home.api.selectors import public_children


def home_item(
    page,
    context: Mapping[str, Any],
    group: Sequence | None = None,
    *,
    fallback: bool = False,
) -> dict[str, Any]:
    """``group``: the live translations of ``page`` with their facts
    (``selectors.translations_of``), if the caller loaded them."""
    # The featured cases of every length in one query, with their locales.
    preload_streams([page.figures, page.featured])
    fallback_ids = frozenset({page.pk}) if fallback else frozenset()
    base = base_items([page], context, fallback_ids, group=group)[0]
    return shaped(
        HomeSerializer,
        **base,
        intro=rich_text(page.intro, page.locale.language_code),
        publisher=page.publisher,
        figures=stream_representation(page.figures, context),
        featured=stream_representation(page.featured, context),
        sections=[
            page_link(child, context, public_ids={child.pk})
            for child in public_children(page)
        ],
    )


def home_detail(page, context: Mapping[str, Any], fallback: bool) -> dict[str, Any]:
    return home_item(page, context, fallback=fallback)
