"""Items are built through their one declaration, the serializer of their shape."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework import serializers as s

from casestudies.api import schema as case_schema
from cms.api import registry
from cms.api.endpoints.version import ContentVersionSerializer
from cms.api.schema import ItemBaseSerializer, PageLinkSerializer
from cms.api.shapes import ShapeError, field_names, shaped
from home.api.schema import HomeSerializer
from search.api.schema import SearchSerializer
from tests.api.helpers import get_json


class _Point(s.Serializer):
    x = s.IntegerField()
    y = s.IntegerField()


class _Labelled(_Point):
    label = s.CharField()


def test_shaped_keeps_the_declared_fields_in_their_order():
    item = shaped(_Labelled, label="a", y=2, x=1)
    assert list(item.items()) == [("x", 1), ("y", 2), ("label", "a")]
    assert type(item) is dict


def test_an_extra_key_names_the_shape_and_the_key():
    with pytest.raises(ShapeError, match=r"^_Point: extra \['draft_title'\]$"):
        shaped(_Point, x=1, y=2, draft_title="leaked")


def test_a_missing_key_names_the_shape_and_the_key():
    with pytest.raises(ShapeError, match=r"^_Labelled: missing \['label'\]$"):
        shaped(_Labelled, x=1, y=2)


def test_missing_and_extra_are_both_named():
    with pytest.raises(ShapeError, match=r"missing \['y'\], extra \['z'\]"):
        shaped(_Point, x=1, z=3)


def test_field_names_are_read_once_per_class():
    field_names.cache_clear()
    field_names(_Point)
    field_names(_Point)
    assert field_names.cache_info().hits == 1
    assert field_names(_Labelled) == ("x", "y", "label")


# --- real responses ---------------------------------------------------------------


def assert_shape(serializer: s.Serializer, body: Any, where: str) -> None:
    """``body`` has exactly ``serializer``'s fields, in order, all the way down.

    Stream fields (JSON, described by the generated block components) are left
    to the contract tests.
    """
    if body is None:
        assert serializer.allow_null, f"{where} is null"
        return
    if isinstance(serializer, s.ListSerializer):
        for index, element in enumerate(body):
            assert_shape(serializer.child, element, f"{where}[{index}]")
        return
    fields = serializer.fields
    assert list(body) == list(fields), f"{where}: {type(serializer).__name__}"
    for name, field in fields.items():
        if isinstance(field, s.BaseSerializer):
            assert_shape(field, body[name], f"{where}.{name}")


def page_serializer(body: dict) -> s.Serializer:
    """The registered serializer of a pages/find item, by its ``type``."""
    from cms.api.serializers.links import page_type_name

    by_type = {
        page_type_name(kind.model): kind.serializer for kind in registry.page_types()
    }
    return by_type[body["type"]]()


def test_every_response_has_its_serializers_fields(client, api_content):
    miyagi, column = api_content.miyagi.pk, api_content.column.pk
    responses = [
        (case_schema.CaseStudyListSerializer, "case-studies/", {}),
        (case_schema.CaseStudyListSerializer, "case-studies/", {"locale": "en"}),
        # Items already built above: rendered from the per-version item cache.
        (
            case_schema.CaseStudyListSerializer,
            "case-studies/",
            {"ordering": "first_published_at"},
        ),
        (case_schema.CaseStudySerializer, f"case-studies/{miyagi}/", {}),
        (case_schema.CaseStudySerializer, f"case-studies/{miyagi}/", {"locale": "en"}),
        (case_schema.ColumnListSerializer, "columns/", {}),
        (case_schema.ColumnSerializer, f"columns/{column}/", {}),
        (case_schema.TaxonomySerializer, "taxonomy/", {"locale": "en"}),
        (HomeSerializer, "home/", {}),
        (SearchSerializer, "search/", {"q": "ALT"}),
        (ContentVersionSerializer, "version/", {}),
    ]
    for serializer, path, params in responses:
        assert_shape(serializer(), get_json(client, path, **params), path)
    # The nested shapes were there to check, not null or empty.
    items = get_json(client, "case-studies/")["items"]
    assert any(item["hero_image"] for item in items)
    assert any(item["translations"] for item in items)
    assert any(item["prefecture"] for item in items)


def test_every_page_type_found_has_its_serializers_fields(client, api_content):
    found = set()
    for path in ["/ja/", "/en/", "/ja/school/", "/en/columns/"]:
        body = get_json(client, "pages/find/", path=path)
        assert_shape(page_serializer(body), body, path)
        found.add(body["type"])
    for path in ["/ja/school/alt-journal/", "/en/school/alt-journal/"]:
        body = get_json(client, "pages/find/", path=path)
        assert_shape(case_schema.CaseStudySerializer(), body, path)
        found.add(body["type"])
    assert found >= {"home", "case_study", "case_study_index", "column_index"}


def test_links_and_base_fields_come_from_their_serializers(client, api_content):
    body = get_json(client, f"columns/{api_content.column.pk}/")
    assert list(body)[: len(field_names(ItemBaseSerializer))] == list(
        field_names(ItemBaseSerializer)
    )
    assert list(body["related_case_study"]) == list(field_names(PageLinkSerializer))
