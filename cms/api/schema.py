"""The shapes every resource shares, declared once: JSON keys and OpenAPI alike.

Each DRF serializer here is the one declaration of a response type's keys.
drf-spectacular documents it, and the builders in ``serializers/`` make their
items through it with :func:`cms.api.shapes.shaped`, which returns a plain dict
(no DRF ``.data``, for speed) with exactly the declared fields in their declared
order, and fails naming the shape and the keys when one is missing or extra. The
components are closed (:func:`close_components`), so the contract tests reject any
key a response carries beyond them. Each domain app declares its own resources
beside these (``casestudies/api/schema.py``). StreamFields are ``$ref``s to
components that :func:`add_block_components` (a drf-spectacular post-processing
hook) generates from the blocks themselves; a struct block's schema is in turn
generated from its child blocks (``cms/blocks/schemas.py``).
"""

from __future__ import annotations

import functools
from typing import Any

from drf_spectacular.utils import (
    OpenApiParameter,
    PolymorphicProxySerializer,
    extend_schema_field,
)
from rest_framework import serializers as s

from cms.api.filters import LOCALES, MAX_VALUE_LENGTH, ORDERINGS, TAG_GROUPS
from cms.api.pagination import BOUNDS, DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET

# --- parameters -----------------------------------------------------------------
# The same bounds and vocabularies filters.validated_params enforces, so clients
# (and the schemathesis run) know every value that is not a 400.


def text_schema(*, pattern: str | None = None) -> dict[str, Any]:
    """A non-empty string of at most MAX_VALUE_LENGTH characters."""
    schema: dict[str, Any] = {
        "type": "string",
        "minLength": 1,
        "maxLength": MAX_VALUE_LENGTH,
    }
    if pattern is not None:
        schema["pattern"] = pattern
    return schema


def _integer(name: str, default: int) -> dict[str, Any]:
    # A dict type is passed through as the schema: the only way drf-spectacular
    # 0.30's OpenApiParameter states minimum/maximum.
    low, high = BOUNDS[name]
    return {"type": "integer", "minimum": low, "maximum": high, "default": default}


LOCALE_PARAMETER = OpenApiParameter(
    "locale", str, enum=list(LOCALES), description="Content language (default ja)."
)
FALLBACK_PARAMETER = OpenApiParameter(
    "fallback",
    str,
    enum=list(LOCALES),
    description="Serve this locale's version where no translation is published.",
)
PATH_PARAMETER = OpenApiParameter(
    "path",
    text_schema(pattern="^/"),
    required=True,
    description="A public URL path, e.g. /en/school/x/.",
)


def locale_parameters() -> list[OpenApiParameter]:
    return [LOCALE_PARAMETER, FALLBACK_PARAMETER]


def paging_parameters() -> list[OpenApiParameter]:
    return [
        OpenApiParameter(
            "ordering", str, enum=list(ORDERINGS), description="Sort order."
        ),
        OpenApiParameter(
            "limit",
            _integer("limit", DEFAULT_LIMIT),
            description=f"1–{MAX_LIMIT}, default {DEFAULT_LIMIT}.",
        ),
        OpenApiParameter(
            "offset", _integer("offset", 0), description=f"0–{MAX_OFFSET}."
        ),
    ]


# --- shared shapes --------------------------------------------------------------


class ProblemSerializer(s.Serializer):
    """RFC 9457 problem details, with the extension members this API uses."""

    type = s.CharField()
    title = s.CharField()
    status = s.IntegerField()
    detail = s.JSONField()
    parameter = s.CharField(required=False, help_text="The query parameter at fault.")
    allowed = s.ListField(
        child=s.CharField(), required=False, help_text="The values or names allowed."
    )
    unknown = s.ListField(
        child=s.CharField(), required=False, help_text="The unknown names given."
    )
    minimum = s.IntegerField(required=False)
    maximum = s.IntegerField(required=False)
    max_parameters = s.IntegerField(required=False)


PROBLEM = ProblemSerializer
PROBLEM_MEDIA_TYPE = "application/problem+json"


def responses(ok, *errors: int) -> dict:
    """A 200 in JSON plus the given error statuses in problem+json."""
    return {
        (200, "application/json"): ok,
        **{(status, PROBLEM_MEDIA_TYPE): ProblemSerializer for status in errors},
    }


class RenditionSetSerializer(s.Serializer):
    src = s.CharField()
    srcset = s.CharField()


class PrintRenditionSerializer(s.Serializer):
    src = s.CharField()
    width = s.IntegerField()
    height = s.IntegerField()


class RenditionsSerializer(s.Serializer):
    """The renditions that exist: a format is null until its first one is made."""

    webp = RenditionSetSerializer(allow_null=True)
    jpeg = RenditionSetSerializer(allow_null=True)
    print = PrintRenditionSerializer(
        allow_null=True,
        help_text="One JPEG for print, 2400 px wide (never wider than the "
        "original), as the PDF booklet uses it.",
    )


class FocalPointSerializer(s.Serializer):
    x = s.IntegerField()
    y = s.IntegerField()
    width = s.IntegerField()
    height = s.IntegerField()


class ImageSerializer(s.Serializer):
    alt = s.CharField(allow_blank=True)
    width = s.IntegerField()
    height = s.IntegerField()
    focal_point = FocalPointSerializer(allow_null=True)
    renditions = RenditionsSerializer()
    ready = s.BooleanField(
        help_text="Every rendition exists. False for a moment after an image is "
        "saved: the renditions are made in the background, and the content "
        "version changes when they are."
    )

    class Meta:
        ref_name = "Image"


class PageLinkSerializer(s.Serializer):
    id = s.IntegerField()
    type = s.CharField()
    title = s.CharField()
    url = s.CharField(allow_null=True)
    locale = s.ChoiceField(choices=LOCALES)

    class Meta:
        ref_name = "PageLink"


class TranslationLinkSerializer(s.Serializer):
    locale = s.ChoiceField(choices=LOCALES)
    id = s.IntegerField()
    url = s.CharField(allow_null=True)
    behind = s.BooleanField(help_text="The translation lags behind its source.")


class ItemBaseSerializer(s.Serializer):
    id = s.IntegerField()
    type = s.CharField()
    locale = s.ChoiceField(choices=LOCALES)
    title = s.CharField()
    slug = s.CharField()
    url = s.CharField(allow_null=True)
    first_published_at = s.DateTimeField(allow_null=True)
    last_published_at = s.DateTimeField(allow_null=True)
    behind = s.BooleanField()
    fallback_used = s.BooleanField()
    untranslated_fields = s.ListField(
        child=s.CharField(),
        help_text=(
            "Fields of this translation that still show the source language's "
            "text, as recorded when it was published. Empty for source pages."
        ),
    )
    translations = TranslationLinkSerializer(many=True)


def stream(component: str) -> s.Field:
    """A StreamField of the named generated component (see add_block_components)."""

    @extend_schema_field({"$ref": f"#/components/schemas/{component}"})
    class StreamField(s.JSONField):
        pass

    return StreamField()


class PrefectureSerializer(s.Serializer):
    code = s.CharField()
    name = s.CharField()


class TagRefSerializer(s.Serializer):
    slug = s.CharField()
    name = s.CharField()
    subgroup = s.CharField(allow_blank=True)


class TagGroupTagsSerializer(s.Serializer):
    group = s.ChoiceField(choices=TAG_GROUPS)
    label = s.CharField()
    tags = TagRefSerializer(many=True)


class ThemeRefSerializer(s.Serializer):
    slug = s.CharField()
    name = s.CharField()


class IndexPageSerializer(ItemBaseSerializer):
    heading = s.CharField(allow_blank=True)
    intro = s.CharField(allow_blank=True, help_text="HTML")


@functools.cache
def find_response() -> PolymorphicProxySerializer:
    """Any registered page type's detail item, told apart by ``type``."""

    def serializers() -> dict[str, type[s.Serializer]]:
        from cms.api.registry import page_types
        from cms.api.serializers.links import page_type_name

        return {page_type_name(kind.model): kind.serializer for kind in page_types()}

    return PolymorphicProxySerializer(
        component_name="PageItem",
        serializers=serializers,
        resource_type_field_name="type",
    )


class FacetValueSerializer(s.Serializer):
    value = s.CharField()
    label = s.CharField()
    count = s.IntegerField()
    selected = s.BooleanField()


class ListBaseSerializer(s.Serializer):
    count = s.IntegerField()
    limit = s.IntegerField()
    offset = s.IntegerField()


class CountedSerializer(s.Serializer):
    slug = s.CharField()
    name = s.CharField()
    count = s.IntegerField()


# --- generated block components ------------------------------------------------


class BlockNameConflictError(ValueError):
    """One block name used for two different block classes: names are public."""


def block_components() -> dict[str, dict[str, Any]]:
    """A component per block type and per StreamField, discriminated by ``type``."""
    from cms.api.serializers.streams import (
        block_value_schema,
        element_component_name,
        page_stream_fields,
        stream_component_name,
    )

    components: dict[str, dict[str, Any]] = {}
    owners: dict[str, type] = {}
    for model, field_name, stream_block in page_stream_fields():
        mapping = {}
        for name, block in stream_block.child_blocks.items():
            component = element_component_name(name)
            if owners.setdefault(component, type(block)) is not type(block):
                raise BlockNameConflictError(
                    f"block name {name!r} means {owners[component].__name__} and "
                    f"{type(block).__name__}"
                )
            components[component] = {
                "type": "object",
                "required": ["type", "id", "value"],
                "properties": {
                    "type": {"type": "string", "enum": [name]},
                    "id": {"type": "string"},
                    "value": block_value_schema(block),
                },
            }
            mapping[name] = f"#/components/schemas/{component}"
        components[stream_component_name(model.__name__, field_name)] = {
            "type": "array",
            "items": {
                "oneOf": [{"$ref": ref} for ref in mapping.values()],
                "discriminator": {"propertyName": "type", "mapping": mapping},
            },
        }
    return components


def add_block_components(result, generator, request, public):
    """drf-spectacular post-processing hook: add the generated block components."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(block_components())
    return result


def close_components(result, generator, request, public):
    """drf-spectacular post-processing hook: every object shape is closed.

    ``additionalProperties: false`` on every object with declared properties, so a
    response carrying a key its component does not declare (a leaked draft field,
    an internal value, a field added to the builder but not to the shape) fails
    the contract tests instead of passing unnoticed.
    """

    def close(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                node.setdefault("additionalProperties", False)
            for value in node.values():
                close(value)
        elif isinstance(node, list):
            for value in node:
                close(value)

    close(result.get("components", {}).get("schemas", {}))
    return result


def only_api_v1(endpoints):
    """drf-spectacular pre-processing hook: document /api/v1/ only, not the admin's
    internal APIs that Wagtail and wagtail-localize mount under /admin/."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
