"""The home page item: introduction, programme figures and featured cases."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from cms.api.serializers.pages import base_items, rich_text
from cms.api.serializers.streams import preload_streams, stream_representation


def home_item(
    page, context: Mapping[str, Any], group: Sequence | None = None
) -> dict[str, Any]:
    """``group``: the live translations of ``page`` with their facts
    (``selectors.translations_of``), if the caller loaded them."""
    # The featured cases of every length in one query, with their locales.
    preload_streams([page.figures, page.featured])
    item = base_items([page], context, group=group)[0]
    item.update(
        {
            "intro": rich_text(page.intro, page.locale.language_code),
            "figures": stream_representation(page.figures, context),
            "featured": stream_representation(page.featured, context),
        }
    )
    return item


def home_detail(page, context: Mapping[str, Any], fallback: bool) -> dict[str, Any]:
    item = home_item(page, context)
    item["fallback_used"] = fallback
    return item
