"""The OpenAPI description of the home page item."""

from __future__ import annotations

from rest_framework import serializers as s

from cms.api.schema import ItemBaseSerializer, PageLinkSerializer, stream


class HomeSerializer(ItemBaseSerializer):
    intro = s.CharField(allow_blank=True, help_text="HTML")
    publisher = s.CharField(
        allow_blank=True,
        help_text="Who issues the casebook (the PDF booklet's cover and author).",
    )
    figures = stream("HomePageFiguresStream")
    featured = stream("HomePageFeaturedStream")
    sections = PageLinkSerializer(
        many=True,
        help_text=(
            "The home page's public child pages (the sections and the column "
            "index), in menu order: the site's navigation."
        ),
    )
