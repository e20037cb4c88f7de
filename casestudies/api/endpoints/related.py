"""``case-studies/<id>/related/``: other public cases to read after this one.

Ranked in memory over the case index (``casestudies.api.related``); the items
are the list's own (``items_for_rows``), so they have its shape and share its
per-version item cache.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from drf_spectacular.utils import extend_schema

from casestudies.api import schema
from casestudies.api.endpoints.case_studies import items_for_rows
from casestudies.api.related import DEFAULT_LIMIT, MAX_LIMIT, find_case, related_rows
from cms.api.endpoints.base import PublicGetView
from cms.api.errors import NotFoundError
from cms.api.filters import LOCALES, choice, single
from cms.api.pagination import parse_int
from cms.api.schema import responses
from cms.api.shapes import shaped


def related_limit(raw: str | None) -> int:
    """``limit`` in 1–MAX_LIMIT (a 400 naming these bounds), else the default."""
    return DEFAULT_LIMIT if raw is None else parse_int("limit", raw, 1, MAX_LIMIT)


class RelatedCaseStudiesView(PublicGetView):
    allowed_params = ("locale", "limit")

    @extend_schema(
        parameters=schema.related_parameters(DEFAULT_LIMIT, MAX_LIMIT),
        responses=responses(schema.RelatedCaseStudiesSerializer, 400, 404),
        operation_id="case_studies_related",
    )
    def get(self, request, *args, **kwargs):
        # The kernel's rule for ``limit`` allows up to 100: checked here first,
        # so a limit of 13–100 and one above 100 get the same answer, naming
        # this endpoint's bounds. An empty or repeated value is left to the
        # kernel's own checks and messages.
        values = request.GET.getlist("limit")
        if len(values) == 1 and values[0]:
            related_limit(values[0])
        return super().get(request, *args, **kwargs)

    def build(
        self, request, params: Mapping[str, list[str]], *, pk: int, **kwargs
    ) -> Any:
        limit = related_limit(single(params, "limit"))
        requested = choice(params, "locale", LOCALES)
        case = find_case(pk)
        if case is None:  # not a case study, or not public in any locale
            raise NotFoundError()
        language = requested or case.locale
        return shaped(
            schema.RelatedCaseStudiesSerializer,
            locale=language,
            limit=limit,
            items=items_for_rows(related_rows(case, language, limit), request),
        )
