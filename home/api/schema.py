"""The OpenAPI description of the home page item."""

from __future__ import annotations

from rest_framework import serializers as s

from cms.api.schema import ItemBaseSerializer, stream


class HomeSerializer(ItemBaseSerializer):
    intro = s.CharField(allow_blank=True, help_text="HTML")
    figures = stream("HomePageFiguresStream")
    featured = stream("HomePageFeaturedStream")
