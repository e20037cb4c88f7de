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
from wagtail.blocks import PageChooserBlock, StreamBlock, StructBlock, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.images.models import AbstractImage
from wagtail.models import Page

from cms.api.selectors import images_with_renditions, pages_by_id
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


def preload_streams(
    streams: Iterable[Any], image_ids: Iterable[int | None] = ()
) -> dict[int, AbstractImage]:
    """Bind the images and pages chosen in ``streams`` from one query per kind.

    Left to itself a stream loads its chosen images when first read (one query
    per block type), and their renditions take another. Here every image of the
    streams, and the images ``image_ids`` name (a hero, say), come in one query
    with their renditions (``images_with_renditions``), and the chosen pages in
    one query per target model with their locales; the stream's children are
    then set to those values. Shapes handled: an image or page chooser at the
    top of the stream, and image choosers directly inside a struct block there;
    anything deeper is left to Wagtail's own lazy loading (correct, only not
    batched with the rest). Returns the images by id.
    """
    slots = [slot for stream in streams for slot in _chooser_slots(stream)]
    wanted = {*image_ids, *(slot.pk for slot in slots if slot.kind == "image")}
    images = images_with_renditions(wanted)
    pages = _chosen_pages(slots)
    for slot in slots:
        slot.bind(images if slot.kind == "image" else pages[slot.model])
    return images


class _Slot:
    """One chooser value in a stream's raw data, waiting for its object."""

    def __init__(self, stream, index: int, kind: str, model, pk, field=None):
        self.stream, self.index, self.kind = stream, index, kind
        # Stored ids are ints; a hand-written "12" is still the object 12.
        if isinstance(pk, str) and pk.isdigit():
            pk = int(pk)
        self.model, self.pk, self.field = model, pk, field

    def bind(self, objects: Mapping[int, Any]) -> None:
        raw = self.stream.raw_data[self.index]
        block = self.stream.stream_block.child_blocks[raw["type"]]
        found = objects.get(self.pk)
        if self.field is None:
            value = found
        else:
            # The struct's other children converted as Wagtail would; the chosen
            # image set afterwards instead of being loaded by its block.
            others = {k: v for k, v in raw["value"].items() if k != self.field}
            value = block.bulk_to_python([others])[0]
            value[self.field] = found
        self.stream[self.index] = (raw["type"], value, raw.get("id"))


def _chooser_slots(stream) -> Iterator[_Slot]:
    if not getattr(stream, "is_lazy", False):
        return  # built from Python values: nothing left to load
    for index, raw in enumerate(stream.raw_data):
        block = stream.stream_block.child_blocks.get(raw["type"])
        if isinstance(block, ImageChooserBlock):
            yield _Slot(stream, index, "image", None, raw["value"])
        elif isinstance(block, PageChooserBlock) and len(block.target_models) == 1:
            yield _Slot(stream, index, "page", block.target_model, raw["value"])
        elif isinstance(block, StructBlock) and isinstance(raw["value"], dict):
            choosers = [
                name
                for name, child in block.child_blocks.items()
                if isinstance(child, ImageChooserBlock)
            ]
            if len(choosers) == 1:  # one slot per child: bind() sets one field
                name = choosers[0]
                yield _Slot(
                    stream, index, "image", None, raw["value"].get(name), field=name
                )


def _chosen_pages(slots: list[_Slot]) -> dict[type, dict[int, Page]]:
    wanted: dict[type, set] = {}
    for slot in slots:
        if slot.kind == "page":
            wanted.setdefault(slot.model, set()).add(slot.pk)
    return {model: pages_by_id(model, pks) for model, pks in wanted.items()}
