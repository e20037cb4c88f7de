"""``taxonomy/``: sections, the tag matrix, prefectures and themes, with counts."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema

from casestudies.api import schema
from casestudies.api.facets import case_index
from casestudies.api.filters import CaseFilters
from cms.api.endpoints.base import PublicGetView
from cms.api.filters import DEFAULT_LOCALE, LOCALES, choice
from cms.api.schema import LOCALE_PARAMETER, responses
from cms.api.selectors import taxonomy_snapshot
from cms.api.shapes import shaped


class TaxonomyView(PublicGetView):
    allowed_params = ("locale",)

    @extend_schema(
        parameters=[LOCALE_PARAMETER],
        responses=responses(schema.TaxonomySerializer, 400),
        operation_id="taxonomy_retrieve",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request, params, **kwargs) -> Any:
        language = choice(params, "locale", LOCALES, DEFAULT_LOCALE)
        taxonomy = taxonomy_snapshot()
        counts = case_index(language).facets(CaseFilters(), taxonomy, language)
        name = "name_en" if language == "en" else "name_ja"
        subgroup = "subgroup_en" if language == "en" else "subgroup_ja"

        def count(dimension: str, value: str) -> int:
            return next(e["count"] for e in counts[dimension] if e["value"] == value)

        def counted(dimension: str) -> list[dict]:
            return [
                shaped(
                    schema.CountedSerializer,
                    slug=e["value"],
                    name=e["label"],
                    count=e["count"],
                )
                for e in counts[dimension]
            ]

        return shaped(
            schema.TaxonomySerializer,
            locale=language,
            sections=counted("section"),
            tag_groups=[
                shaped(
                    schema.TaxonomyGroupSerializer,
                    slug=group["slug"],
                    name=group[name],
                    tags=[
                        shaped(
                            schema.TaxonomyTagSerializer,
                            slug=tag["slug"],
                            name=tag[name],
                            subgroup=tag[subgroup],
                            count=count(group["slug"], tag["slug"]),
                        )
                        for tag in group["tags"]
                    ],
                )
                for group in taxonomy.groups
            ],
            prefectures=[
                shaped(
                    schema.TaxonomyPrefectureSerializer,
                    code=e["value"],
                    name=e["label"],
                    count=e["count"],
                )
                for e in counts["prefecture"]
            ],
            themes=counted("theme"),
        )
