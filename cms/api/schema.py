"""The OpenAPI description of every response shape (documentation only).

Items are built as plain dicts by ``serializers/`` for speed; these DRF
serializers only describe them to drf-spectacular, and the contract tests check
real responses against the generated schema, so the two cannot drift apart.
StreamFields are ``$ref``s to components that :func:`add_block_components` (a
drf-spectacular post-processing hook) generates from the blocks themselves.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import (
    OpenApiParameter,
    PolymorphicProxySerializer,
    extend_schema_field,
)
from rest_framework import serializers as s

from cms.api.filters import (
    LOCALES,
    MAX_VALUE_LENGTH,
    ORDERINGS,
    SECTIONS,
    SLUG,
    TAG_GROUPS,
)
from cms.api.pagination import BOUNDS, DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET
from cms.prefectures import PREFECTURES_BY_CODE

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


def case_filter_parameters() -> list[OpenApiParameter]:
    many = {"many": True, "explode": True, "style": "form"}
    # Slugs live in the database, so only their shape is stated (see taxonomy/).
    slug = {"pattern": f"^{SLUG.pattern}$", **many}
    return [
        OpenApiParameter("section", str, enum=list(SECTIONS), **many),
        OpenApiParameter(
            "prefecture",
            str,
            enum=list(PREFECTURES_BY_CODE),
            description="ISO 3166-2:JP code, e.g. JP-04.",
            **many,
        ),
        *(
            OpenApiParameter(group, str, description="Tag slug of this group.", **slug)
            for group in TAG_GROUPS
        ),
        OpenApiParameter("theme", str, description="Theme slug.", **slug),
    ]


def case_list_parameters() -> list[OpenApiParameter]:
    return [*locale_parameters(), *case_filter_parameters(), *paging_parameters()]


def column_list_parameters() -> list[OpenApiParameter]:
    return [*locale_parameters(), *paging_parameters()]


def search_parameters() -> list[OpenApiParameter]:
    return [
        OpenApiParameter("q", text_schema(), description="Words to look for."),
        *case_list_parameters(),
    ]


# --- shared shapes --------------------------------------------------------------


class ProblemSerializer(s.Serializer):
    type = s.CharField()
    title = s.CharField()
    status = s.IntegerField()
    detail = s.JSONField()


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


class RenditionsSerializer(s.Serializer):
    webp = RenditionSetSerializer()
    jpeg = RenditionSetSerializer()


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


class CaseStudySummarySerializer(ItemBaseSerializer):
    section = s.ChoiceField(choices=SECTIONS)
    prefecture = PrefectureSerializer(allow_null=True)
    municipality = s.CharField(allow_blank=True)
    tags = TagGroupTagsSerializer(many=True)
    themes = ThemeRefSerializer(many=True)
    summary = s.CharField()
    hero_image = ImageSerializer(allow_null=True)


class CaseStudySerializer(CaseStudySummarySerializer):
    body = stream("CaseStudyPageBodyStream")
    devised = s.CharField(allow_blank=True, help_text="HTML")
    challenges = s.CharField(allow_blank=True, help_text="HTML")
    outcomes = s.CharField(allow_blank=True, help_text="HTML")
    related_columns = PageLinkSerializer(many=True)


class ColumnSummarySerializer(ItemBaseSerializer):
    author_name = s.CharField()
    home_country = s.CharField()
    placement = s.CharField()
    portrait = ImageSerializer(allow_null=True)
    summary = s.CharField(allow_blank=True)


class ColumnSerializer(ColumnSummarySerializer):
    body = stream("ColumnPageBodyStream")
    related_case_study = PageLinkSerializer(allow_null=True)


class HomeSerializer(ItemBaseSerializer):
    intro = s.CharField(allow_blank=True, help_text="HTML")
    figures = stream("HomePageFiguresStream")
    featured = stream("HomePageFeaturedStream")


class IndexPageSerializer(ItemBaseSerializer):
    heading = s.CharField(allow_blank=True)
    intro = s.CharField(allow_blank=True, help_text="HTML")


FIND_RESPONSE = PolymorphicProxySerializer(
    component_name="PageItem",
    serializers={
        "case_study": CaseStudySerializer,
        "column": ColumnSerializer,
        "home": HomeSerializer,
        "case_study_index": IndexPageSerializer,
        "column_index": IndexPageSerializer,
    },
    resource_type_field_name="type",
)


class FacetValueSerializer(s.Serializer):
    value = s.CharField()
    label = s.CharField()
    count = s.IntegerField()
    selected = s.BooleanField()


class FacetsSerializer(s.Serializer):
    section = FacetValueSerializer(many=True)
    prefecture = FacetValueSerializer(many=True)
    lead = FacetValueSerializer(many=True)
    participants = FacetValueSerializer(many=True)
    internationalisation = FacetValueSerializer(many=True)
    features = FacetValueSerializer(many=True)
    theme = FacetValueSerializer(many=True)


class ListBaseSerializer(s.Serializer):
    count = s.IntegerField()
    limit = s.IntegerField()
    offset = s.IntegerField()


class CaseStudyListSerializer(ListBaseSerializer):
    items = CaseStudySummarySerializer(many=True)
    facets = FacetsSerializer()


class ColumnListSerializer(ListBaseSerializer):
    items = ColumnSummarySerializer(many=True)


class HighlightsSerializer(s.Serializer):
    title = s.CharField(help_text="HTML with <mark>.")
    summary = s.CharField(allow_blank=True, help_text="HTML with <mark>.")


class SearchHitSerializer(CaseStudySummarySerializer):
    highlights = HighlightsSerializer()


class SearchSerializer(ListBaseSerializer):
    q = s.CharField(allow_blank=True)
    items = SearchHitSerializer(many=True)
    facets = FacetsSerializer()


class CountedSerializer(s.Serializer):
    slug = s.CharField()
    name = s.CharField()
    count = s.IntegerField()


class TaxonomyTagSerializer(CountedSerializer):
    subgroup = s.CharField(allow_blank=True)


class TaxonomyGroupSerializer(s.Serializer):
    slug = s.CharField()
    name = s.CharField()
    tags = TaxonomyTagSerializer(many=True)


class TaxonomyPrefectureSerializer(s.Serializer):
    code = s.CharField()
    name = s.CharField()
    count = s.IntegerField()


class TaxonomySerializer(s.Serializer):
    locale = s.ChoiceField(choices=LOCALES)
    sections = CountedSerializer(many=True)
    tag_groups = TaxonomyGroupSerializer(many=True)
    prefectures = TaxonomyPrefectureSerializer(many=True)
    themes = CountedSerializer(many=True)


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


def only_api_v1(endpoints):
    """drf-spectacular pre-processing hook: document /api/v1/ only, not the admin's
    internal APIs that Wagtail and wagtail-localize mount under /admin/."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
