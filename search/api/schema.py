"""The OpenAPI description of search: its parameters and its hits."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers as s

from casestudies.api.schema import (
    CaseStudySummarySerializer,
    FacetsSerializer,
    case_list_parameters,
)
from cms.api.schema import ListBaseSerializer, text_schema


def search_parameters() -> list[OpenApiParameter]:
    return [
        OpenApiParameter("q", text_schema(), description="Words to look for."),
        *case_list_parameters(),
    ]


class HighlightsSerializer(s.Serializer):
    title = s.CharField(help_text="HTML with <mark>.")
    summary = s.CharField(allow_blank=True, help_text="HTML with <mark>.")


class SearchHitSerializer(CaseStudySummarySerializer):
    highlights = HighlightsSerializer()


class _QuerySerializer(s.Serializer):
    q = s.CharField(allow_blank=True)


# ``q`` comes first in the response: a base of its own, since DRF puts inherited
# fields before a class's own and the list fields are declared once, below.
class SearchSerializer(_QuerySerializer, ListBaseSerializer):
    items = SearchHitSerializer(many=True)
    facets = FacetsSerializer()
