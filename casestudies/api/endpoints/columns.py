"""``columns/``: the column series 「現場のJET-ALTから」, list and detail."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema

from casestudies.api import schema
from casestudies.api.selectors import column_list_pages, column_rows
from casestudies.api.serializers import column_items
from casestudies.models import ColumnPage
from cms.api.endpoints.base import PublicGetView
from cms.api.errors import NotFoundError
from cms.api.filters import (
    LOCALE_PARAMS,
    ORDERINGS,
    PAGING_PARAMS,
    choice,
    locale_choice,
)
from cms.api.localised import localised_page
from cms.api.pagination import window_from
from cms.api.schema import locale_parameters, responses
from cms.api.serializers.pages import make_context
from cms.api.shapes import shaped


class ColumnListView(PublicGetView):
    allowed_params = (*LOCALE_PARAMS, "ordering", *PAGING_PARAMS)

    @extend_schema(
        parameters=schema.column_list_parameters(),
        responses=responses(schema.ColumnListSerializer, 400),
        operation_id="columns_list",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request, params, **kwargs) -> Any:
        choice_ = locale_choice(params)
        ordering = choice(params, "ordering", ORDERINGS, ORDERINGS[0])
        window = window_from({k: v[0] for k, v in params.items()})
        rows = column_rows(choice_.locale)
        fallback_ids: set[int] = set()
        if choice_.fallback:
            have = {row[1] for row in rows}
            extra = [r for r in column_rows(choice_.fallback) if r[1] not in have]
            fallback_ids = {row[0] for row in extra}
            rows += extra
        position = {
            "title": 2,
            "first_published_at": 3,
            "last_published_at": 4,
        }[ordering.lstrip("-")]
        rows.sort(
            key=lambda r: (r[position] is not None, r[position] or "", r[0]),
            reverse=ordering.startswith("-"),
        )
        ids = [row[0] for row in window.slice(rows)]
        by_id = {page.pk: page for page in column_list_pages(ids)}
        pages = [by_id[pk] for pk in ids if pk in by_id]
        return shaped(
            schema.ColumnListSerializer,
            count=len(rows),
            limit=window.limit,
            offset=window.offset,
            items=column_items(
                pages, make_context(request), fallback_ids=frozenset(fallback_ids)
            ),
        )


class ColumnDetailView(PublicGetView):
    allowed_params = LOCALE_PARAMS

    @extend_schema(
        parameters=locale_parameters(),
        responses=responses(schema.ColumnSerializer, 400, 404),
        operation_id="columns_retrieve",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request, params, *, pk: int, **kwargs) -> Any:
        found = localised_page(ColumnPage, pk, params)
        if found is None:
            raise NotFoundError()
        page, fallback_used = found
        return column_items(
            [page],
            make_context(request),
            detail=True,
            fallback_ids=frozenset({page.pk}) if fallback_used else frozenset(),
        )[0]
