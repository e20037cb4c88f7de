"""``search/suggest/``: autocomplete while a reader types in the search box.

Two kinds of suggestion for the normalised ``q`` in one locale: titles of the
public case studies that contain it (from the per-version case index, so a draft
or private case never shows) and glossary forms of that language that start with
it. Prefix matches come first, then terms before titles, then shorter first.
Cached per content version like every public GET, so a glossary edit or a
publish is seen on the next request.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers as s
from wagtail.models import Page

from casestudies.api.selectors import CaseRow, case_rows
from cms.api.endpoints.base import PublicGetView
from cms.api.errors import ProblemError
from cms.api.filters import LOCALES, choice, single, validated_params
from cms.api.pagination import parse_int
from cms.api.schema import LOCALE_PARAMETER, responses
from cms.api.selectors import pages_by_id, snapshot
from cms.api.serializers.links import page_url
from cms.api.shapes import shaped
from search.glossary import forms_of_language
from search.models import normalised_form

MAX_QUERY_LENGTH = 50
DEFAULT_LIMIT = 8
MAX_LIMIT = 20
ALLOWED_PARAMS = ("q", "locale", "limit")


# --- shape -------------------------------------------------------------------


class SearchSuggestionSerializer(s.Serializer):
    text = s.CharField()
    kind = s.ChoiceField(choices=["title", "term"])
    url = s.CharField(
        allow_null=True, help_text="The case study's URL; null for a term."
    )


class SearchSuggestionsSerializer(s.Serializer):
    q = s.CharField()
    suggestions = SearchSuggestionSerializer(many=True)


def suggest_parameters() -> list[OpenApiParameter]:
    return [
        OpenApiParameter(
            "q",
            {"type": "string", "minLength": 1, "maxLength": MAX_QUERY_LENGTH},
            required=True,
            description="What the reader has typed so far.",
        ),
        LOCALE_PARAMETER,
        OpenApiParameter(
            "limit",
            {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_LIMIT,
                "default": DEFAULT_LIMIT,
            },
            description="How many suggestions at most.",
        ),
    ]


# --- parameters --------------------------------------------------------------


def query_of(params: Mapping[str, list[str]]) -> str:
    """``q`` stripped; a 400 when missing, blank or over MAX_QUERY_LENGTH.

    API errors are English for every client, so not marked for translation."""
    raw = single(params, "q")
    if raw is None:
        raise ProblemError("q is required.", parameter="q")
    q = raw.strip()
    if not normalised_form(q) or len(q) > MAX_QUERY_LENGTH:
        raise ProblemError(
            f"q must be 1 to {MAX_QUERY_LENGTH} characters.",
            parameter="q",
            maximum=MAX_QUERY_LENGTH,
        )
    return q


def limit_of(params: Mapping[str, list[str]]) -> int:
    raw = single(params, "limit")
    return DEFAULT_LIMIT if raw is None else parse_int("limit", raw, 1, MAX_LIMIT)


# --- matching ----------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    rank: tuple[int, int, int, str]
    text: str
    kind: str
    page_id: int | None


def _titles(language: str) -> tuple[tuple[str, CaseRow], ...]:
    """Normalised titles of the public cases of ``language``, once per version."""
    return snapshot(
        f"suggest-titles:{language}",
        lambda: tuple((normalised_form(row.title), row) for row in case_rows(language)),
    )


def _candidates(key: str, language: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    seen: set[tuple[str, str]] = set()
    for form in forms_of_language(language):
        if form.key.startswith(key) and ("term", form.key) not in seen:
            seen.add(("term", form.key))
            found.append(
                _Candidate((0, 0, len(form.text), form.key), form.text, "term", None)
            )
    for title_key, row in _titles(language):
        at = title_key.find(key)
        if at != -1 and ("title", title_key) not in seen:
            seen.add(("title", title_key))
            found.append(
                _Candidate(
                    (0 if at == 0 else 1, 1, len(row.title), title_key),
                    row.title,
                    "title",
                    row.id,
                )
            )
    found.sort(key=lambda candidate: candidate.rank)
    return found


def suggestions(q: str, language: str, limit: int, request: HttpRequest) -> list[dict]:
    chosen = _candidates(normalised_form(q), language)[:limit]
    # URLs only for the few titles shown: one query, whatever the index size.
    pages = pages_by_id(Page, [c.page_id for c in chosen if c.page_id is not None])
    context = {"request": request}
    return [
        shaped(
            SearchSuggestionSerializer,
            text=candidate.text,
            kind=candidate.kind,
            url=(
                page_url(pages[candidate.page_id], context)
                if candidate.page_id in pages
                else None
            ),
        )
        for candidate in chosen
    ]


# --- endpoint ----------------------------------------------------------------


class SuggestView(PublicGetView):
    allowed_params = ALLOWED_PARAMS

    @extend_schema(
        parameters=suggest_parameters(),
        responses=responses(SearchSuggestionsSerializer, 400),
        operation_id="search_suggest",
    )
    def get(self, request, *args, **kwargs):
        # Checked before the cache lookup, as the kernel checks its own rules:
        # a missing or long q, or a limit of 21–100 (the kernel allows up to
        # 100), never costs a cache entry.
        params = validated_params(request.GET, self.allowed_params)
        query_of(params)
        limit_of(params)
        return super().get(request, *args, **kwargs)

    def build(self, request, params: Mapping[str, list[str]], **kwargs) -> Any:
        q = query_of(params)
        language = choice(params, "locale", LOCALES, "ja")
        return shaped(
            SearchSuggestionsSerializer,
            q=q,
            suggestions=suggestions(q, language, limit_of(params), request),
        )
