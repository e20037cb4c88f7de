"""Struct blocks' API schemas are generated from their children."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from jsonschema import Draft202012Validator
from wagtail import blocks

from cms.blocks import (
    CaptionedImageBlock,
    FigureBlock,
    LinkBlock,
    QuoteBlock,
    VideoBlock,
)
from cms.blocks.schemas import (
    DerivedSchemaMixin,
    UnmappedBlockError,
    child_schema,
    struct_schema,
)

IMAGE_OR_NULL = {
    "oneOf": [{"$ref": "#/components/schemas/Image"}, {"type": "null"}],
    "description": "Null when the image is not public.",
}


def closed(properties: dict) -> dict:
    return {
        "type": "object",
        "required": list(properties),
        "properties": properties,
        "additionalProperties": False,
    }


EXPECTED = {
    FigureBlock: closed(
        {
            "label": {"type": "string", "maxLength": 120},
            "value": {"type": "number", "minimum": 0},
            "unit": {"type": "string", "maxLength": 30},
            "as_of": {"type": "string", "format": "date"},
            "source": {"type": "string", "maxLength": 255},
            "source_url": {"type": "string", "description": "A URL, or empty."},
        }
    ),
    LinkBlock: closed(
        {
            "url": {"type": "string", "format": "uri"},
            "title": {"type": "string", "maxLength": 255},
            "description": {"type": "string", "maxLength": 255},
        }
    ),
    CaptionedImageBlock: closed(
        {
            "image": IMAGE_OR_NULL,
            "decorative": {"type": "boolean"},
            "caption": {"type": "string", "maxLength": 255},
        }
    ),
    VideoBlock: closed(
        {
            "url": {"type": "string", "format": "uri"},
            "caption": {"type": "string", "maxLength": 255},
        }
    ),
    QuoteBlock: closed(
        {
            "text": {"type": "string"},
            "speaker": {"type": "string", "maxLength": 120},
            "role": {"type": "string", "maxLength": 120},
        }
    ),
}

# A stored value of each block, as an editor would save it.
STORED = {
    FigureBlock: {
        "label": "参加者数",
        "value": "5861",
        "unit": "",
        "as_of": "2024-07-01",
        "source": "JETプログラム",
        "source_url": "",
    },
    LinkBlock: {"url": "https://example.com/", "title": "宮城県", "description": ""},
    CaptionedImageBlock: {
        "image": None,
        "alt_text": "表紙",
        "decorative": False,
        "caption": "第1号",
    },
    VideoBlock: {"url": "https://youtu.be/x", "caption": "紹介動画"},
    QuoteBlock: {"text": "楽しい", "speaker": "生徒", "role": ""},
}


@pytest.mark.parametrize("block_class", list(EXPECTED), ids=lambda c: c.__name__)
def test_each_block_schema_is_generated_from_its_children(block_class):
    assert block_class().api_schema() == EXPECTED[block_class]


@pytest.mark.parametrize("block_class", list(STORED), ids=lambda c: c.__name__)
def test_each_block_representation_matches_its_generated_schema(block_class):
    block = block_class()
    value = block.to_python(STORED[block_class])
    represented = block.get_api_representation(value)
    schema = block.api_schema()
    assert list(represented) == list(schema["properties"])
    # The Image component itself is checked on real renditions in tests/api.
    images = {"components": {"schemas": {"Image": {"type": "object"}}}}
    validator = Draft202012Validator({**schema, **images})
    assert list(validator.iter_errors(represented)) == []


def test_every_child_kind_maps_to_its_json_type():
    class Everything(DerivedSchemaMixin, blocks.StructBlock):
        char = blocks.CharBlock(max_length=10, min_length=2)
        text = blocks.TextBlock(required=False)
        flag = blocks.BooleanBlock(required=False)
        link = blocks.URLBlock()
        optional_link = blocks.URLBlock(required=False)
        amount = blocks.DecimalBlock(min_value=Decimal("0.5"), max_value=10)
        count = blocks.IntegerBlock(min_value=1)
        ratio = blocks.FloatBlock()
        day = blocks.DateBlock()
        moment = blocks.DateTimeBlock()
        mail = blocks.EmailBlock()
        kind = blocks.ChoiceBlock(choices=[("a", "A"), ("b", "B")])
        html = blocks.RichTextBlock()
        names = blocks.ListBlock(blocks.CharBlock(max_length=5))
        nested = blocks.StructBlock([("flag", blocks.BooleanBlock())])

    properties = Everything().api_schema()["properties"]
    assert properties == {
        "char": {"type": "string", "minLength": 2, "maxLength": 10},
        "text": {"type": "string"},
        "flag": {"type": "boolean"},
        "link": {"type": "string", "format": "uri"},
        "optional_link": {"type": "string", "description": "A URL, or empty."},
        "amount": {"type": "number", "minimum": 0.5, "maximum": 10},
        "count": {"type": "integer", "minimum": 1},
        "ratio": {"type": "number"},
        "day": {"type": "string", "format": "date"},
        "moment": {"type": "string", "format": "date-time"},
        "mail": {"type": "string", "maxLength": 320, "format": "email"},
        "kind": {"type": "string", "enum": ["a", "b"]},
        "html": {"type": "string", "description": "HTML"},
        "names": {"type": "array", "items": {"type": "string", "maxLength": 5}},
        "nested": closed({"flag": {"type": "boolean"}}),
    }


def test_a_child_is_generated_again_when_it_changes():
    class Short(DerivedSchemaMixin, blocks.StructBlock):
        caption = blocks.CharBlock(max_length=20)

    class Long(DerivedSchemaMixin, blocks.StructBlock):
        caption = blocks.CharBlock(max_length=200)
        credit = blocks.CharBlock(required=False)

    assert Short().api_schema()["properties"]["caption"]["maxLength"] == 20
    assert Long().api_schema() == closed(
        {
            "caption": {"type": "string", "maxLength": 200},
            "credit": {"type": "string"},
        }
    )


def test_an_override_replaces_or_drops_a_child():
    block = blocks.StructBlock(
        [("image", blocks.IntegerBlock()), ("alt", blocks.CharBlock())]
    )
    schema = struct_schema(block, {"image": {"type": "object"}, "alt": None})
    assert schema == closed({"image": {"type": "object"}})


def test_an_override_of_no_child_is_an_error():
    block = blocks.StructBlock([("caption", blocks.CharBlock())])
    with pytest.raises(ValueError, match="captoin"):
        struct_schema(block, {"captoin": None})


def test_a_child_of_an_unknown_kind_is_an_error():
    class Opaque(blocks.Block):
        pass

    block = blocks.StructBlock([("thing", Opaque())])
    with pytest.raises(UnmappedBlockError, match="Opaque"):
        struct_schema(block)


def test_a_child_with_its_own_schema_keeps_it():
    from cms.blocks import ParagraphBlock

    assert child_schema(ParagraphBlock()) == ParagraphBlock.api_schema()
    assert child_schema(VideoBlock()) == EXPECTED[VideoBlock]


def test_decimal_bounds_are_plain_json_numbers():
    block = blocks.StructBlock([("value", blocks.DecimalBlock(min_value=Decimal(0)))])
    minimum = struct_schema(block)["properties"]["value"]["minimum"]
    assert minimum == 0 and type(minimum) is int
    assert json.dumps(struct_schema(block))
