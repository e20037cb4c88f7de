"""The OpenAPI contract: valid, typed blocks, golden JSON, real responses conform."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from openapi_spec_validator import validate
from wagtail import blocks
from wagtail.models import Page

from cms.api import schema as api_schema
from cms.api.serializers import streams
from cms.api.serializers.streams import (
    MissingBlockSchemaError,
    element_component_name,
    page_stream_fields,
)
from tests.api.helpers import get_json
from tests.api.schema_tools import assert_conforms, openapi_document

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.django_db
def test_document_is_valid_openapi_and_only_v1(client):
    doc = openapi_document(client)
    validate(doc)
    assert doc["openapi"].startswith("3.1")
    assert all(path.startswith("/api/v1/") for path in doc["paths"])
    assert "/api/v1/case-studies/" in doc["paths"]


@pytest.mark.django_db
def test_every_stream_block_has_its_own_discriminated_component(client):
    doc = openapi_document(client)
    components = doc["components"]["schemas"]
    fields = list(page_stream_fields())
    assert {(model.__name__, name) for model, name, _ in fields} >= {
        ("CaseStudyPage", "body"),
        ("ColumnPage", "body"),
        ("HomePage", "figures"),
        ("HomePage", "featured"),
    }
    for model, field_name, stream_block in fields:
        stream = components[streams.stream_component_name(model.__name__, field_name)]
        mapping = stream["items"]["discriminator"]["mapping"]
        assert set(mapping) == set(stream_block.child_blocks)
        for name in stream_block.child_blocks:
            component = components[element_component_name(name)]
            assert component["properties"]["type"]["enum"] == [name]
            assert component["properties"]["value"], name


def test_a_block_without_a_schema_fails_the_build(monkeypatch):
    class Untyped(blocks.StreamBlock):
        paragraph = blocks.CharBlock()  # a stock block with no api_schema()

    class FakePage:
        __name__ = "FakePage"

    monkeypatch.setattr(
        streams,
        "page_stream_fields",
        lambda: iter([(FakePage, "body", Untyped())]),
    )
    with pytest.raises(MissingBlockSchemaError):
        api_schema.block_components()


def test_one_block_name_means_one_block_class(monkeypatch):
    class First(blocks.StreamBlock):
        video = blocks.StructBlock()

    from cms.blocks import VideoBlock

    class Second(blocks.StreamBlock):
        video = VideoBlock()

    First.base_blocks["video"].api_schema = lambda: {"type": "object"}
    monkeypatch.setattr(
        streams,
        "page_stream_fields",
        lambda: iter(
            [
                (type("A", (), {}), "body", First()),
                (type("B", (), {}), "body", Second()),
            ]
        ),
    )
    with pytest.raises(api_schema.BlockNameConflictError):
        api_schema.block_components()


VOLATILE_DATE = re.compile(r"^\d{4}-\d\d-\d\dT")
MEDIA = re.compile(r"/media/images/[^\s\"]+?\.(webp|jpg)")


def normalise(value: Any, key: str = "", pages: dict[int, str] | None = None) -> Any:
    """Replace what changes between runs by markers that still say what they are.

    A page id becomes the page's tree path (``<page /home/school/alt-journal/>``),
    so a link to the wrong page differs; block ids (UUIDs), dates and rendition
    file names become plain markers.
    """
    pages = pages if pages is not None else {}
    if isinstance(value, dict):
        return {k: normalise(v, k, pages) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v, key, pages) for v in value]
    if key == "id":
        if isinstance(value, int):
            return pages.get(value, "<unknown page id>")
        return "<block id>"
    if isinstance(value, str):
        if VOLATILE_DATE.match(value):
            return "<datetime>"
        return MEDIA.sub(lambda m: f"/media/images/<file>.{m.group(1)}", value)
    return value


def page_markers() -> dict[int, str]:
    return {
        pk: f"<page {path}>" for pk, path in Page.objects.values_list("pk", "url_path")
    }


def check_golden(name: str, body: Any, pages: dict[int, str]) -> None:
    """``body`` equals the reviewed golden file; ``UPDATE_GOLDEN=1`` rewrites it.

    A missing file fails: writing it silently would let any response pass.
    """
    path = GOLDEN / f"{name}.json"
    actual = normalise(body, pages=pages)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n")
    if not path.exists():
        pytest.fail(f"{path} is missing: run with UPDATE_GOLDEN=1 and review it")
    assert actual == json.loads(path.read_text()), f"{path} differs"


def test_a_missing_golden_file_fails_and_is_not_written(monkeypatch):
    monkeypatch.delenv("UPDATE_GOLDEN", raising=False)
    with pytest.raises(pytest.fail.Exception, match="is missing"):
        check_golden("no-such-response", {"id": 1}, {})
    assert not (GOLDEN / "no-such-response.json").exists()


def test_ids_in_golden_files_name_the_page_they_point_to():
    pages = {1: "<page /home/a/>", 2: "<page /home/b/>"}
    assert normalise({"related": {"id": 1}}, pages=pages) != normalise(
        {"related": {"id": 2}}, pages=pages
    )
    assert normalise({"body": [{"id": "5f0c"}]}) == {"body": [{"id": "<block id>"}]}


def test_golden_responses_conform_to_the_schema(client, api_content):
    doc = openapi_document(client)
    pages = page_markers()
    cases = [
        (
            "case_study",
            "/api/v1/case-studies/{id}/",
            f"case-studies/{api_content.miyagi.pk}/",
            {},
        ),
        (
            "case_study_en",
            "/api/v1/case-studies/{id}/",
            f"case-studies/{api_content.miyagi.pk}/",
            {"locale": "en"},
        ),
        ("column", "/api/v1/columns/{id}/", f"columns/{api_content.column.pk}/", {}),
        ("home", "/api/v1/home/", "home/", {}),
    ]
    for name, template, path, params in cases:
        body = get_json(client, path, **params)
        assert_conforms(doc, template, body)
        check_golden(name, body, pages)


def test_list_and_other_responses_conform(client, api_content):
    doc = openapi_document(client)
    for template, path, params in [
        ("/api/v1/case-studies/", "case-studies/", {"locale": "en", "fallback": "ja"}),
        ("/api/v1/columns/", "columns/", {}),
        ("/api/v1/taxonomy/", "taxonomy/", {"locale": "en"}),
        ("/api/v1/search/", "search/", {"q": "ALT"}),
        ("/api/v1/pages/find/", "pages/find/", {"path": "/ja/school/"}),
        ("/api/v1/pages/find/", "pages/find/", {"path": "/en/columns/"}),
        ("/api/v1/pages/find/", "pages/find/", {"path": "/en/"}),
    ]:
        assert_conforms(doc, template, get_json(client, path, **params))
    problem = get_json(client, "case-studies/", status=400, limit="x")
    assert_conforms(doc, "/api/v1/case-studies/", problem, status="400")


@pytest.mark.django_db
def test_every_object_component_is_closed(client):
    doc = openapi_document(client)
    open_shapes = []

    def walk(node, where):
        if isinstance(node, dict):
            closed = node.get("additionalProperties") is False
            if node.get("type") == "object" and "properties" in node and not closed:
                open_shapes.append(where)
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}[{index}]")

    walk(doc["components"]["schemas"], "components")
    assert open_shapes == []
    assert doc["components"]["schemas"]["CaseStudy"]["additionalProperties"] is False


def test_an_undeclared_key_fails_the_contract(client, api_content):
    """What closing the components is for: a leaked field is a contract failure."""
    doc = openapi_document(client)
    body = get_json(client, f"case-studies/{api_content.miyagi.pk}/")
    assert_conforms(doc, "/api/v1/case-studies/{id}/", body)
    with pytest.raises(AssertionError, match="draft_title"):
        assert_conforms(
            doc, "/api/v1/case-studies/{id}/", {**body, "draft_title": "leaked"}
        )
    body["hero_image"] = {**body["hero_image"], "file": "original_images/x.png"}
    with pytest.raises(AssertionError, match="file"):
        assert_conforms(doc, "/api/v1/case-studies/{id}/", body)
