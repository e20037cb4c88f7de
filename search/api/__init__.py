"""The search endpoints, registered with the kernel's API framework."""

from __future__ import annotations


def register() -> None:
    from django.urls import path

    from cms.api import registry
    from search.api.endpoint import SearchView
    from search.api.suggest import SuggestView

    registry.register_routes(
        [
            path("search/", SearchView.as_view(), name="search"),
            path("search/suggest/", SuggestView.as_view(), name="search-suggest"),
        ],
        # Any publish may change what either finds (titles suggest too).
        purge=("search", "search-suggest"),
    )
