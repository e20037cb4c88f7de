"""``pages/sitemap/``: every public page URL, for the site's sitemap generator.

Paged with the kernel's ``limit``/``offset`` (its bounds, its errors), so a
generator walks ``offset`` until it has ``count`` entries; every page of the walk
is a slice of one per-version snapshot (``cms.api.sitemap``). Each entry carries
its ``alternates``: the hreflang set of the page, itself included, as the
sitemap protocol's ``xhtml:link`` elements want it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers as s

from cms.api.endpoints.base import PublicGetView
from cms.api.filters import LOCALES, PAGING_PARAMS
from cms.api.pagination import window_from
from cms.api.schema import ListBaseSerializer, paging_parameters, responses
from cms.api.shapes import shaped
from cms.api.sitemap import SitemapEntry, sitemap_entries


class SitemapAlternateSerializer(s.Serializer):
    locale = s.ChoiceField(choices=LOCALES)
    url = s.CharField()


class SitemapEntrySerializer(s.Serializer):
    locale = s.ChoiceField(choices=LOCALES)
    url = s.CharField(help_text="The page's URL path, e.g. /en/school/x/.")
    last_modified = s.DateTimeField(
        allow_null=True, help_text="When the live version was published."
    )
    alternates = SitemapAlternateSerializer(
        many=True,
        help_text="Every public language version of the page, itself included "
        "(the hreflang set), in the order ja, en.",
    )


class SitemapSerializer(ListBaseSerializer):
    items = SitemapEntrySerializer(many=True)


def _paging_only() -> list[OpenApiParameter]:
    # The kernel's limit and offset as declared once; the sitemap has one order.
    return [param for param in paging_parameters() if param.name in PAGING_PARAMS]


def entry_item(entry: SitemapEntry) -> dict[str, Any]:
    return shaped(
        SitemapEntrySerializer,
        locale=entry.locale,
        url=entry.url,
        last_modified=entry.last_modified.isoformat() if entry.last_modified else None,
        alternates=[
            shaped(SitemapAlternateSerializer, locale=alt.locale, url=alt.url)
            for alt in entry.alternates
        ],
    )


class SitemapView(PublicGetView):
    allowed_params = PAGING_PARAMS

    @extend_schema(
        parameters=_paging_only(),
        responses=responses(SitemapSerializer, 400),
        operation_id="pages_sitemap",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request, params: Mapping[str, list[str]], **kwargs) -> Any:
        window = window_from({name: values[0] for name, values in params.items()})
        entries = sitemap_entries()
        return shaped(
            SitemapSerializer,
            count=len(entries),
            limit=window.limit,
            offset=window.offset,
            items=[entry_item(entry) for entry in window.slice(entries)],
        )
