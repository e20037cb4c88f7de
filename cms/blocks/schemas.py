"""A struct block's API schema, derived from its child blocks.

A StructBlock's children already say what each value is (a CharBlock of at most
120 characters, a date, a URL…), so its JSON schema is generated from them rather
than restated by hand beside them: a child added, removed or given a new
``max_length`` changes the OpenAPI document with it. A block whose API
representation differs from its stored value (an image chooser leaves as a
rendition object, alt text moves inside it) declares only those children in
``api_overrides``.

Every child's key is in the representation (Wagtail's ``StructValue`` holds every
child, with its default when none was stored), so every child is ``required`` in
the JSON sense of "present"; a child's Wagtail ``required=`` says whether its value
may be empty, which decides whether a URL is stated as ``format: uri``.

Lives in ``cms/blocks/``: blocks do not import the API package
(``tests/cms/test_blocks_import_no_api.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from wagtail import blocks


class UnmappedBlockError(LookupError):
    """A child block of a kind the generator does not know: map it or override it."""


def _string(block: blocks.FieldBlock) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    field = block.field
    if getattr(field, "min_length", None):
        schema["minLength"] = field.min_length
    if getattr(field, "max_length", None):
        schema["maxLength"] = field.max_length
    return schema


def _url(block: blocks.URLBlock) -> dict[str, Any]:
    schema = _string(block)
    if block.required:
        schema["format"] = "uri"
    else:
        # An optional URL left blank leaves as "", which is no URI.
        schema["description"] = "A URL, or empty."
    return schema


def _number(block: blocks.FieldBlock, kind: str) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": kind}
    field = block.field
    for bound, key in (("min_value", "minimum"), ("max_value", "maximum")):
        value = getattr(field, bound, None)
        if value is not None:
            # A Decimal bound would not serialise as a JSON number.
            schema[key] = int(value) if value == int(value) else float(value)
    return schema


def _choice(block: blocks.ChoiceBlock) -> dict[str, Any]:
    values = [str(value) for value, _label in block.field.choices if value != ""]
    return {"type": "string", "enum": values if block.required else [*values, ""]}


# Most specific first: URLBlock and the rest are FieldBlocks too.
CHILD_SCHEMAS: tuple[tuple[type, Callable[[Any], dict[str, Any]]], ...] = (
    (blocks.URLBlock, _url),
    (blocks.EmailBlock, lambda b: {**_string(b), "format": "email"}),
    (blocks.DateTimeBlock, lambda b: {"type": "string", "format": "date-time"}),
    (blocks.DateBlock, lambda b: {"type": "string", "format": "date"}),
    (blocks.TimeBlock, lambda b: {"type": "string", "format": "time"}),
    (blocks.BooleanBlock, lambda b: {"type": "boolean"}),
    (blocks.IntegerBlock, lambda b: _number(b, "integer")),
    (blocks.DecimalBlock, lambda b: _number(b, "number")),
    (blocks.FloatBlock, lambda b: _number(b, "number")),
    (blocks.ChoiceBlock, _choice),
    (blocks.RichTextBlock, lambda b: {"type": "string", "description": "HTML"}),
    (blocks.CharBlock, _string),
    (blocks.TextBlock, _string),
    (blocks.RegexBlock, _string),
    (
        blocks.ListBlock,
        lambda b: {"type": "array", "items": child_schema(b.child_block)},
    ),
)


def child_schema(block: blocks.Block) -> dict[str, Any]:
    """The JSON schema of one block's API value: its own ``api_schema`` if any."""
    own = getattr(block, "api_schema", None)
    if own is not None:
        return own()
    for kind, make in CHILD_SCHEMAS:
        if isinstance(block, kind):
            return make(block)
    if isinstance(block, blocks.StructBlock):
        return struct_schema(block)
    raise UnmappedBlockError(
        f"no API schema for {type(block).__name__} ({block.name!r}): map its kind "
        "in cms.blocks.schemas or override it in its struct's api_overrides"
    )


def struct_schema(
    block: blocks.StructBlock,
    overrides: Mapping[str, dict[str, Any] | None] | None = None,
) -> dict[str, Any]:
    """A closed object of ``block``'s children, in their order.

    ``overrides`` maps a child name to its schema in the API, or to None when the
    child is not part of the representation at all.
    """
    overrides = overrides or {}
    unknown = set(overrides) - set(block.child_blocks)
    if unknown:
        raise ValueError(
            f"{type(block).__name__}.api_overrides names no child: {sorted(unknown)}"
        )
    properties = {
        name: overrides[name] if name in overrides else child_schema(child)
        for name, child in block.child_blocks.items()
        if overrides.get(name, ...) is not None
    }
    return {
        "type": "object",
        "required": list(properties),
        "properties": properties,
        "additionalProperties": False,
    }


class DerivedSchemaMixin:
    """Gives a StructBlock an ``api_schema()`` generated from its children."""

    # Child name → its schema in the API, or None when it is not emitted.
    api_overrides: ClassVar[Mapping[str, dict[str, Any] | None]] = {}

    def api_schema(self) -> dict[str, Any]:
        return struct_schema(self, self.api_overrides)
