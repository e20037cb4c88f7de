"""StreamFields in the API: typed ``{type, id, value}`` elements, one schema each.

A block owns its API shape (``get_api_representation``) and its schema
(``api_schema()``). Stock Wagtail blocks that cannot carry those methods get an
adapter here. A block without either is an error, caught by the contract tests
rather than shipped as an untyped ``Any``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from django.apps import apps
from wagtail.blocks import PageChooserBlock, StreamBlock, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage
from wagtail.models import Page

from cms.api.serializers.links import page_link, public_page_ids
from cms.image_representation import prefetch_images


class MissingBlockSchemaError(LookupError):
    """A StreamField block has no API schema: give it ``api_schema()``."""


def block_value_schema(block) -> dict[str, Any]:
    if isinstance(block, PageChooserBlock):
        return {"$ref": "#/components/schemas/PageLink"}
    schema = getattr(block, "api_schema", None)
    if schema is None:
        raise MissingBlockSchemaError(
            f"{type(block).__name__} ({block.name!r}) has no api_schema()"
        )
    return schema()


def element_component_name(block_name: str) -> str:
    """Schema component of one element type: ``image`` → ``ImageBlock``."""
    return "".join(part.title() for part in block_name.split("_")) + "Block"


def stream_component_name(model_name: str, field_name: str) -> str:
    """``("CaseStudyPage", "body")`` → ``CaseStudyPageBodyStream``."""
    return f"{model_name}{element_component_name(field_name)[:-5]}Stream"


def page_stream_fields() -> Iterator[tuple[type, str, StreamBlock]]:
    """Every StreamField of every concrete page model: (model, field name, block)."""
    for model in apps.get_models():
        if not issubclass(model, Page):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, StreamField) and field.model is model:
                yield model, field.name, field.stream_block


def stream_representation(
    stream_value, context: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    children = list(stream_value)
    chosen = [
        child.value
        for child in children
        if isinstance(child.block, PageChooserBlock) and child.value is not None
    ]
    # One batch per stream, whatever its length: which chosen pages are public
    # (with their locales), and every image's renditions.
    public = public_page_ids(chosen)
    prefetch_images(_images_in(child.value for child in children))
    elements = []
    for child in children:
        block = child.block
        if isinstance(block, PageChooserBlock):
            # A chosen page that is not public is left out, never exposed.
            value = page_link(child.value, context, public_ids=public)
            if value is None:
                continue
        else:
            value = block.get_api_representation(child.value, context=context)
        elements.append({"type": child.block_type, "id": child.id, "value": value})
    return elements


def _images_in(values: Iterable[Any]) -> Iterator[AbstractImage]:
    """Every image inside block values (struct and list values included)."""
    for value in values:
        if isinstance(value, AbstractImage):
            yield value
        elif isinstance(value, StructValue):
            yield from _images_in(value.values())
        elif isinstance(value, list | tuple | ListValue):
            yield from _images_in(value)
