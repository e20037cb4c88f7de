"""Template tags for the translation editor override (see the modules they call)."""

from __future__ import annotations

import json

from django import template

from cms.translators.source_link import readable_source_link
from cms.workflows.wagtail_localize_editor_actions import footer_props

register = template.Library()

register.filter("editor_footer_props", footer_props)


@register.filter
def may_publish(props_json: str) -> bool:
    """Whether the editor's user may publish: their main button is then Publish."""
    return bool(json.loads(props_json)["perms"].get("canPublish"))


@register.simple_tag
def source_link_for(source_translation: dict, translation, user) -> dict:
    return readable_source_link(source_translation, translation, user)
