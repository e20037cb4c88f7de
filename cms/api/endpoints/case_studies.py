"""``case-studies/``: the faceted list and the detail of case studies."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from drf_spectacular.utils import extend_schema

from cms.api import schema
from cms.api.endpoints.base import PublicGetView
from cms.api.errors import NotFoundError
from cms.api.facets import case_index
from cms.api.filters import (
    CASE_FILTER_PARAMS,
    LOCALE_PARAMS,
    ORDERINGS,
    PAGING_PARAMS,
    REPEATABLE,
    case_filters,
    choice,
    locale_choice,
)
from cms.api.localised import localised_page
from cms.api.pagination import window_from
from cms.api.selectors import page_model, taxonomy_snapshot
from cms.api.serializers.pages import case_study_items, make_context


class CaseStudyListView(PublicGetView):
    allowed_params = (*LOCALE_PARAMS, *CASE_FILTER_PARAMS, "ordering", *PAGING_PARAMS)
    repeatable = REPEATABLE

    @extend_schema(
        parameters=schema.case_list_parameters(),
        responses=schema.responses(schema.CaseStudyListSerializer, 400),
        operation_id="case_studies_list",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request, params: Mapping[str, list[str]], **kwargs) -> Any:
        choice_ = locale_choice(params)
        taxonomy = taxonomy_snapshot()
        filters = case_filters(params, taxonomy)
        ordering = choice(params, "ordering", ORDERINGS, ORDERINGS[0])
        window = window_from({k: v[0] for k, v in params.items()})
        index = case_index(choice_.locale, choice_.fallback)
        matched = index.select(filters)
        return {
            "count": matched.bit_count(),
            "limit": window.limit,
            "offset": window.offset,
            "items": items_for_rows(
                index.page(matched, ordering, window), request, index.fallback_ids
            ),
            "facets": index.facets(filters, taxonomy, choice_.locale),
        }


def items_for_rows(rows, request, fallback_ids=frozenset()) -> list[dict]:
    ids = [row.id for row in rows]
    model = page_model("casestudies.CaseStudyPage")
    pages = (
        model.objects.filter(pk__in=ids)
        .select_related("locale", "hero_image")
        .defer("body", "devised", "challenges", "outcomes")
    )
    by_id = {page.pk: page for page in pages}
    ordered = [by_id[pk] for pk in ids if pk in by_id]
    return case_study_items(
        ordered, make_context(request), fallback_ids=fallback_ids & set(ids)
    )


class CaseStudyDetailView(PublicGetView):
    allowed_params = LOCALE_PARAMS

    @extend_schema(
        parameters=schema.locale_parameters(),
        responses=schema.responses(schema.CaseStudySerializer, 400, 404),
        operation_id="case_studies_retrieve",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request, params, *, pk: int, **kwargs) -> Any:
        found = localised_page("casestudies.CaseStudyPage", pk, params)
        if found is None:
            raise NotFoundError()
        page, fallback_used = found
        fallback_ids = frozenset({page.pk}) if fallback_used else frozenset()
        return case_study_items(
            [page], make_context(request), detail=True, fallback_ids=fallback_ids
        )[0]
