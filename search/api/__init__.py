"""The search endpoint, registered with the kernel's API framework."""

from __future__ import annotations


def register() -> None:
    from django.urls import path

    from cms.api import registry
    from search.api.endpoint import SearchView

    registry.register_routes(
        [path("search/", SearchView.as_view(), name="search")], purge=("search",)
    )
