"""``case-studies/``: the faceted list and the detail of case studies."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from drf_spectacular.utils import extend_schema

from casestudies.api import schema
from casestudies.api.facets import case_index
from casestudies.api.filters import CASE_FILTER_PARAMS, REPEATABLE, case_filters
from casestudies.api.selectors import case_study_list_pages, case_study_translations
from casestudies.api.serializers import case_study_items
from cms.api import version
from cms.api.endpoints.base import PublicGetView
from cms.api.errors import NotFoundError
from cms.api.filters import (
    LOCALE_PARAMS,
    ORDERINGS,
    PAGING_PARAMS,
    choice,
    locale_choice,
)
from cms.api.localised import localised_in_group
from cms.api.pagination import window_from
from cms.api.schema import locale_parameters, responses
from cms.api.selectors import taxonomy_snapshot
from cms.api.serializers.links import REQUEST_DEPENDENT
from cms.api.serializers.pages import make_context
from cms.api.shapes import shaped
from cms.translation_lag import publication_lags


class CaseStudyListView(PublicGetView):
    allowed_params = (*LOCALE_PARAMS, *CASE_FILTER_PARAMS, "ordering", *PAGING_PARAMS)
    repeatable = REPEATABLE

    @extend_schema(
        parameters=schema.case_list_parameters(),
        responses=responses(schema.CaseStudyListSerializer, 400),
        operation_id="case_studies_list",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request, params: Mapping[str, list[str]], **kwargs) -> Any:
        return faceted_listing(request, params)


def faceted_listing(
    request, params: Mapping[str, list[str]], *, within_ids: set[int] | None = None
) -> dict[str, Any]:
    """``{count, limit, offset, items, facets}`` for the case filters in ``params``.

    Shared by the list and by search, which narrows the cases to ``within_ids``
    first; facets are counted within the same set.
    """
    choice_ = locale_choice(params)
    taxonomy = taxonomy_snapshot()
    filters = case_filters(params, taxonomy)
    ordering = choice(params, "ordering", ORDERINGS, ORDERINGS[0])
    window = window_from({k: v[0] for k, v in params.items()})
    index = case_index(choice_.locale, choice_.fallback)
    universe = index.everything if within_ids is None else index.mask_of_ids(within_ids)
    matched = index.select(filters, within=universe)
    return shaped(
        schema.CaseStudyListSerializer,
        count=matched.bit_count(),
        limit=window.limit,
        offset=window.offset,
        items=items_for_rows(
            index.page(matched, ordering, window), request, index.fallback_ids
        ),
        facets=index.facets(filters, taxonomy, choice_.locale, within=universe),
    )


def items_for_rows(rows, request, fallback_ids=frozenset()) -> list[dict]:
    """The list items of ``rows``, in order.

    A live page's list item changes only with content, and every such change
    bumps the content version, so items are kept per process under the version
    and built (in one batch, fixed query count) only for the pages not seen yet.
    Two fields are set on every request: ``fallback_used`` (it depends on the
    request's locale) and the ``behind`` flags (recomputed in one batch from
    publish times, so a cached item never carries a flag older than itself).
    """
    ids = [row.id for row in rows]
    if not getattr(settings, "CMS_API_CACHE_LIST_ITEMS", True):
        built = _build_items(ids, request, fallback_ids & set(ids), None)
        return [built[pk] for pk in ids if pk in built]
    content_version = version.current()
    entries = _cached_entries(content_version, ids)
    missing = [pk for pk in ids if pk not in entries]
    built: dict[int, dict] = {}
    if missing:
        built = _build_items(
            missing, request, fallback_ids & set(missing), content_version
        )
    hits = [pk for pk in ids if pk in entries]
    statuses = _statuses([link for pk in hits for link in entries[pk].links])
    items = []
    for pk in ids:
        if pk in built:
            items.append(built[pk])
        elif pk in entries:
            items.append(entries[pk].render(statuses, pk in fallback_ids))
    return items


def _build_items(ids, request, fallback_ids, version) -> dict[int, dict]:
    by_id = {page.pk: page for page in case_study_list_pages(ids)}
    ordered = [by_id[pk] for pk in ids if pk in by_id]
    context = make_context(request)
    links: dict[int, list[tuple]] = {}
    items = case_study_items(ordered, context, fallback_ids=fallback_ids, links=links)
    built = {page.pk: item for page, item in zip(ordered, items, strict=True)}
    if version is not None and not context.get(REQUEST_DEPENDENT):
        _store_entries(
            version,
            {
                pk: _ItemEntry(
                    item=dict(item),
                    translations=tuple(dict(t) for t in item["translations"]),
                    links=tuple(links.get(pk, ())),
                )
                for pk, item in built.items()
            },
        )
    return built


@dataclass(frozen=True)
class _ItemEntry:
    item: dict[str, Any]
    translations: tuple[dict[str, Any], ...]
    links: tuple[tuple, ...]  # (id, translation_key, locale_id) for the statuses

    def render(self, statuses, fallback_used: bool) -> dict[str, Any]:
        # Copies in the same key order; ``behind`` and ``fallback_used`` fresh.
        item = dict(self.item)
        item["behind"] = _behind(statuses, item["id"])
        item["fallback_used"] = fallback_used
        item["translations"] = [
            {**other, "behind": _behind(statuses, other["id"])}
            for other in self.translations
        ]
        return item


def _behind(statuses, pk: int) -> bool:
    status = statuses.get(pk)
    return bool(status and status.behind)


def _statuses(links) -> dict:
    if not links:
        return {}
    pages = [
        SimpleNamespace(pk=pk, translation_key=key, locale_id=locale_id)
        for pk, key, locale_id in links
    ]
    return publication_lags(pages)


# Per process: (content version, page id) → list item; old versions age out.
_ITEMS: OrderedDict[tuple[str, int], _ItemEntry] = OrderedDict()
_ITEMS_SIZE = 4096
_ITEMS_LOCK = threading.Lock()


def _cached_entries(version: str, ids) -> dict[int, _ItemEntry]:
    found = {}
    with _ITEMS_LOCK:
        for pk in ids:
            entry = _ITEMS.get((version, pk))
            if entry is not None:
                _ITEMS.move_to_end((version, pk))
                found[pk] = entry
    return found


def _store_entries(version: str, entries: dict[int, _ItemEntry]) -> None:
    with _ITEMS_LOCK:
        for pk, entry in entries.items():
            _ITEMS[(version, pk)] = entry
        while len(_ITEMS) > _ITEMS_SIZE:
            _ITEMS.popitem(last=False)


class CaseStudyDetailView(PublicGetView):
    allowed_params = LOCALE_PARAMS

    @extend_schema(
        parameters=locale_parameters(),
        responses=responses(schema.CaseStudySerializer, 400, 404),
        operation_id="case_studies_retrieve",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request, params, *, pk: int, **kwargs) -> Any:
        # Checked before the lookup, as localised_page does: a bad locale is a
        # 400 whatever the id.
        locale_choice(params)
        if pk > 2**31 - 1:
            raise NotFoundError()
        # One query gives the page, its other locales and their facts.
        group = case_study_translations(pk)
        found = localised_in_group(group, pk, params)
        if found is None:
            raise NotFoundError()
        page, fallback_used = found
        fallback_ids = frozenset({page.pk}) if fallback_used else frozenset()
        return case_study_items(
            [page],
            make_context(request),
            detail=True,
            fallback_ids=fallback_ids,
            group=group,
        )[0]
