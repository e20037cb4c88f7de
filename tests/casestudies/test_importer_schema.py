"""The import schema in docs/ agrees with the models it feeds and with the demo file."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from casestudies.demo.loader import DEMO_FILE
from casestudies.importer.schema import load_schema
from casestudies.models import CaseStudyPage, ColumnPage
from cms.blocks import CaptionedImageBlock, LinkBlock, QuoteBlock, VideoBlock
from cms.models import Theme

DEFS = load_schema()["$defs"]

# (schema definition, property, the model field or block child it is stored in)
LIMITS = [
    ("title", None, CaseStudyPage._meta.get_field("title").max_length),
    ("caseStudy", "municipality", CaseStudyPage._meta.get_field("municipality")),
    ("caseStudy", "summary", CaseStudyPage._meta.get_field("summary")),
    ("image", "alt", CaseStudyPage._meta.get_field("hero_image_alt")),
    ("key", None, CaseStudyPage._meta.get_field("import_key").max_length),
    ("column", "author_name", ColumnPage._meta.get_field("author_name")),
    ("column", "home_country", ColumnPage._meta.get_field("home_country")),
    ("column", "placement", ColumnPage._meta.get_field("placement")),
    ("column", "summary", ColumnPage._meta.get_field("summary")),
    ("theme", "name_ja", Theme._meta.get_field("name_ja")),
    ("theme", "slug", Theme._meta.get_field("slug")),
]
BLOCK_LIMITS = [
    ("imageBlock", "alt_text", CaptionedImageBlock),
    ("imageBlock", "caption", CaptionedImageBlock),
    ("quoteBlock", "speaker", QuoteBlock),
    ("quoteBlock", "role", QuoteBlock),
    ("videoBlock", "caption", VideoBlock),
    ("linkBlock", "title", LinkBlock),
    ("linkBlock", "description", LinkBlock),
]


def test_the_schema_is_a_valid_json_schema():
    Draft202012Validator.check_schema(load_schema())


@pytest.mark.parametrize("definition, prop, field", LIMITS)
def test_text_limits_match_the_model_fields(definition, prop, field):
    schema = DEFS[definition]
    if prop is not None:
        schema = schema["properties"][prop]
    limit = field if isinstance(field, int) else field.max_length
    assert schema["maxLength"] == limit


@pytest.mark.parametrize("definition, prop, block", BLOCK_LIMITS)
def test_text_limits_match_the_blocks(definition, prop, block):
    schema = DEFS[definition]["properties"]["value"]["properties"][prop]
    assert schema["maxLength"] == block().child_blocks[prop].field.max_length


def test_the_demo_file_follows_the_schema():
    document = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    assert list(Draft202012Validator(load_schema()).iter_errors(document)) == []
