"""The home page item: introduction, programme figures and featured cases."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cms.api.serializers.pages import base_items, rich_text
from cms.api.serializers.streams import stream_representation


def home_item(page, context: Mapping[str, Any]) -> dict[str, Any]:
    item = base_items([page], context)[0]
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
