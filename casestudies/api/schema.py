"""The OpenAPI description of case studies, columns, facets and the taxonomy."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers as s

from casestudies.api.filters import SECTIONS
from cms.api.filters import LOCALES, SLUG, TAG_GROUPS
from cms.api.schema import (
    CountedSerializer,
    FacetValueSerializer,
    ImageSerializer,
    IndexPageSerializer,
    ItemBaseSerializer,
    ListBaseSerializer,
    PageLinkSerializer,
    PrefectureSerializer,
    TagGroupTagsSerializer,
    TagRefSerializer,
    ThemeRefSerializer,
    locale_parameters,
    paging_parameters,
    stream,
)
from cms.prefectures import PREFECTURES_BY_CODE

# --- parameters -----------------------------------------------------------------


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


# --- shapes ---------------------------------------------------------------------


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


class CaseStudyIndexSerializer(IndexPageSerializer):
    section = s.ChoiceField(
        choices=list(SECTIONS),
        help_text="This section's value for the case-studies/ section filter.",
    )

    class Meta:
        ref_name = "CaseStudyIndex"


class ColumnSummarySerializer(ItemBaseSerializer):
    author_name = s.CharField()
    home_country = s.CharField()
    placement = s.CharField()
    portrait = ImageSerializer(allow_null=True)
    summary = s.CharField(allow_blank=True)


class ColumnSerializer(ColumnSummarySerializer):
    body = stream("ColumnPageBodyStream")
    related_case_study = PageLinkSerializer(allow_null=True)


class FacetsSerializer(s.Serializer):
    section = FacetValueSerializer(many=True)
    prefecture = FacetValueSerializer(many=True)
    lead = FacetValueSerializer(many=True)
    participants = FacetValueSerializer(many=True)
    internationalisation = FacetValueSerializer(many=True)
    features = FacetValueSerializer(many=True)
    theme = FacetValueSerializer(many=True)


class CaseStudyListSerializer(ListBaseSerializer):
    items = CaseStudySummarySerializer(many=True)
    facets = FacetsSerializer()


class ColumnListSerializer(ListBaseSerializer):
    items = ColumnSummarySerializer(many=True)


class TaxonomyTagSerializer(TagRefSerializer):
    count = s.IntegerField()


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


class RelatedCaseStudiesSerializer(s.Serializer):
    locale = s.ChoiceField(choices=LOCALES)
    limit = s.IntegerField()
    items = CaseStudySummarySerializer(
        many=True, help_text="Best first: shared tags and themes, section, recency."
    )


def related_parameters(default_limit: int, max_limit: int) -> list[OpenApiParameter]:
    return [
        OpenApiParameter(
            "locale",
            str,
            enum=list(LOCALES),
            description="Language of the related cases (default: the case's own).",
        ),
        OpenApiParameter(
            "limit",
            # A dict is the schema itself: how drf-spectacular states the bounds.
            {
                "type": "integer",
                "minimum": 1,
                "maximum": max_limit,
                "default": default_limit,
            },
            description=f"1–{max_limit}, default {default_limit}.",
        ),
    ]
