"""``/<lang>/search/?q=…``: the API's ``search/`` results as a page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from frontend.client import ApiError, api
from frontend.page_cache import cached_page
from frontend.views import errors
from frontend.views.common import render_page


def search(request: HttpRequest) -> HttpResponse:
    return cached_page(request, lambda: _render(request), errors.not_found)


def _render(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    results, problem = None, None
    if query:
        try:
            results = (
                api()
                .get("search/", {"q": query, "locale": get_language(), "limit": 20})
                .data
            )
        except ApiError as error:
            problem = error.problem
    return render_page(
        request,
        "frontend/search.html",
        None,
        status=400 if problem else 200,
        query=query,
        results=results,
        problem=problem,
    )
