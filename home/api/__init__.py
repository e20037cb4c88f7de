"""The home page's API resource, registered with the kernel's API framework."""

from __future__ import annotations


def register() -> None:
    from django.urls import path

    from cms.api import registry
    from home.api.endpoint import HomeView
    from home.api.schema import HomeSerializer
    from home.api.serializers import home_detail
    from home.models import HomePage

    registry.register_routes(
        [path("home/", HomeView.as_view(), name="home")], purge=("home",)
    )
    registry.register_page_type(
        registry.PageType(model=HomePage, serializer=HomeSerializer, detail=home_detail)
    )
